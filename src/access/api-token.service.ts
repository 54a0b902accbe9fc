import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { Conflict, NotFound } from '../errors.ts';
import * as repository from './api-token.repository.ts';
import { parseScopes, type ApiGrant, type ApiToken } from './api-token.ts';
import { findUserByEmail } from './staff.repository.ts';
import { toActor, type Actor } from './staff.ts';

export type ApiTokenService = ReturnType<typeof createApiTokenService>;

// Bearer tokens for the API: shown once, kept as a hash, each with its scopes, revocable one by one.
export function createApiTokenService({ db, clock }: { db: Db; clock: Clock }) {
  /** A new token; with no scopes given it may do everything, as tokens could before scopes. */
  async function createApiToken(email: string, name = 'command line', scopes: readonly string[] = []): Promise<string> {
    const granted = parseScopes(scopes);
    const user = await findUserByEmail(db, email);
    if (!user) throw new NotFound(`There is no staff account for ${email}.`);
    const token = `os_${randomBytes(32).toString('base64url')}`;
    await repository.insertApiToken(db, { userId: user.id, tokenHash: digest(token), name, scopes: granted });
    return token;
  }

  async function resolveApiGrant(token: string): Promise<{ actor: Actor; grant: ApiGrant } | undefined> {
    const found = await repository.findTokenGrant(db, digest(token));
    if (!found) return undefined;
    await repository.markTokenUsed(db, found.tokenId, clock.now());
    return { actor: toActor(found.user, 'api'), grant: { tokenId: found.tokenId, scopes: found.scopes } };
  }

  async function listApiTokens(email: string): Promise<ApiToken[]> {
    const user = await findUserByEmail(db, email);
    if (!user) throw new NotFound(`There is no staff account for ${email}.`);
    return repository.listTokens(db, user.id);
  }

  async function revokeApiToken(tokenId: number): Promise<ApiToken & { email: string }> {
    const token = await repository.findToken(db, tokenId);
    if (!token) throw new NotFound(`There is no API token ${tokenId}.`);
    if (!(await repository.revokeToken(db, tokenId, clock.now()))) throw new Conflict(`API token ${tokenId} was already revoked.`);
    return { ...token, revokedAt: clock.now() };
  }

  return {
    createApiToken,
    resolveApiGrant,
    resolveApiToken: async (token: string): Promise<Actor | undefined> => (await resolveApiGrant(token))?.actor,
    listApiTokens,
    revokeApiToken,
  };
}

export function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
