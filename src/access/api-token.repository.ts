import type { Queryable } from '../db/connection.ts';
import { knownScopes, type ApiScope, type ApiToken } from './api-token.ts';
import { toUser, userColumns } from './staff.repository.ts';
import type { StaffUser } from './staff.ts';

// SQL for API tokens: only a hash of each is kept.
export async function insertApiToken(db: Queryable, input: { userId: number; tokenHash: string; name: string; scopes: ApiScope[] }): Promise<number> {
  const row = await db
    .insertInto('api_token')
    .values({ staff_user_id: input.userId, token_hash: input.tokenHash, name: input.name, scopes: input.scopes })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The token's user and scopes, only while the token is unrevoked and the account active. */
export async function findTokenGrant(db: Queryable, tokenHash: string): Promise<{ user: StaffUser; tokenId: number; scopes: ApiScope[] } | undefined> {
  const row = await db
    .selectFrom('api_token')
    .innerJoin('staff_user', 'staff_user.id', 'api_token.staff_user_id')
    .select([...userColumns, 'api_token.id as token_id', 'api_token.scopes'])
    .where('api_token.token_hash', '=', tokenHash)
    .where('api_token.revoked_at', 'is', null)
    .where('staff_user.is_active', '=', true)
    .executeTakeFirst();
  return row ? { user: toUser(row), tokenId: row.token_id, scopes: knownScopes(row.scopes) } : undefined;
}

/** Notes when a token was used, at most once a minute, so a busy token costs one write a minute, not one a call. */
export async function markTokenUsed(db: Queryable, tokenId: number, now: Date): Promise<void> {
  await db
    .updateTable('api_token')
    .set({ last_used_at: now })
    .where('id', '=', tokenId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000))]))
    .execute();
}

export async function listTokens(db: Queryable, userId: number): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_token')
    .select(['id', 'name', 'scopes', 'created_at', 'last_used_at', 'revoked_at'])
    .where('staff_user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id, name: row.name, scopes: knownScopes(row.scopes), createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at,
  }));
}

export async function findToken(db: Queryable, tokenId: number): Promise<(ApiToken & { email: string }) | undefined> {
  const row = await db
    .selectFrom('api_token')
    .innerJoin('staff_user', 'staff_user.id', 'api_token.staff_user_id')
    .select(['api_token.id', 'api_token.name', 'api_token.scopes', 'api_token.created_at', 'api_token.last_used_at', 'api_token.revoked_at', 'staff_user.email'])
    .where('api_token.id', '=', tokenId)
    .executeTakeFirst();
  return row
    ? { id: row.id, name: row.name, scopes: knownScopes(row.scopes), createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at, email: row.email }
    : undefined;
}

export async function revokeToken(db: Queryable, tokenId: number, now: Date): Promise<boolean> {
  const result = await db.updateTable('api_token').set({ revoked_at: now }).where('id', '=', tokenId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
