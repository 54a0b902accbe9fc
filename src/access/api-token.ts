import { z } from 'zod';
import { ValidationFailed } from '../errors.ts';

// What an API token may do. Each /api/v1 route needs one scope (the table beside src/api/api.ts); a token holds a set.
export const apiScopes = ['people:read', 'match:read', 'imports:read', 'imports:write', 'services:read', 'contacts:read', 'contacts:write', 'cases:read', 'cases:write', 'calls:write'] as const;
export type ApiScope = (typeof apiScopes)[number];

export type ApiToken = {
  id: number;
  name: string;
  scopes: ApiScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** What a bearer token grants on one request: whose it is and what it may do. */
export type ApiGrant = { tokenId: number; scopes: readonly ApiScope[] };

const scopeSchema = z.enum(apiScopes, { error: (issue) => `"${String(issue.input)}" is not a scope: use ${apiScopes.join(', ')}` });

/** Scopes as given (repeated, or comma-separated); none given means every scope, as tokens had before scopes. */
export function parseScopes(given: readonly string[]): ApiScope[] {
  const words = given.flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value !== '');
  if (words.length === 0) return [...apiScopes];
  const scopes: ApiScope[] = [];
  for (const word of words) {
    const parsed = scopeSchema.safeParse(word);
    if (!parsed.success) throw new ValidationFailed(`${parsed.error.issues[0]?.message ?? 'Unknown scope'}.`, { scope: word });
    if (!scopes.includes(parsed.data)) scopes.push(parsed.data);
  }
  return scopes;
}

/** Scopes read back from the database, keeping only those this version knows. */
export function knownScopes(stored: readonly string[]): ApiScope[] {
  return apiScopes.filter((scope) => stored.includes(scope));
}

export function hasScope(grant: ApiGrant, needed: ApiScope): boolean {
  return grant.scopes.includes(needed);
}
