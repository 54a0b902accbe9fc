import type { Queryable } from '../db/connection.ts';
import type { Role, StaffUser } from './staff.ts';

// SQL for staff accounts, sessions and API tokens.
type UserRow = { id: number; email: string; display_name: string; role: string; is_active: boolean; is_demo: boolean };

function toUser(row: UserRow): StaffUser {
  return { id: row.id, email: row.email, displayName: row.display_name, role: row.role as Role, isActive: row.is_active, isDemo: row.is_demo };
}

const userColumns = ['staff_user.id', 'staff_user.email', 'staff_user.display_name', 'staff_user.role', 'staff_user.is_active', 'staff_user.is_demo'] as const;

export async function insertUser(
  db: Queryable,
  input: { email: string; displayName: string; passwordHash: string; role: Role; isDemo: boolean },
): Promise<StaffUser> {
  const row = await db
    .insertInto('staff_user')
    .values({ email: input.email, display_name: input.displayName, password_hash: input.passwordHash, role: input.role, is_demo: input.isDemo })
    .returning(userColumns)
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function findUserByEmail(db: Queryable, email: string): Promise<(StaffUser & { passwordHash: string | null }) | undefined> {
  const row = await db
    .selectFrom('staff_user')
    .select([...userColumns, 'staff_user.password_hash'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
}

export async function countUsers(db: Queryable): Promise<number> {
  const row = await db.selectFrom('staff_user').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function recordSignIn(db: Queryable, userId: number, at: Date): Promise<void> {
  await db.updateTable('staff_user').set({ last_signed_in_at: at }).where('id', '=', userId).execute();
}

export async function insertSession(db: Queryable, idHash: string, userId: number, expiresAt: Date): Promise<void> {
  await db.insertInto('staff_session').values({ id_hash: idHash, staff_user_id: userId, expires_at: expiresAt }).execute();
}

/** The session's user, only while the session is unexpired and the account active. */
export async function findSessionUser(db: Queryable, idHash: string, now: Date): Promise<StaffUser | undefined> {
  const row = await db
    .selectFrom('staff_session')
    .innerJoin('staff_user', 'staff_user.id', 'staff_session.staff_user_id')
    .select(userColumns)
    .where('staff_session.id_hash', '=', idHash)
    .where('staff_session.expires_at', '>', now)
    .where('staff_user.is_active', '=', true)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function touchSession(db: Queryable, idHash: string, now: Date): Promise<void> {
  await db.updateTable('staff_session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.deleteFrom('staff_session').where('id_hash', '=', idHash).execute();
}

export async function insertApiToken(db: Queryable, userId: number, tokenHash: string, name: string): Promise<void> {
  await db.insertInto('api_token').values({ staff_user_id: userId, token_hash: tokenHash, name }).execute();
}

export async function findTokenUser(db: Queryable, tokenHash: string): Promise<StaffUser | undefined> {
  const row = await db
    .selectFrom('api_token')
    .innerJoin('staff_user', 'staff_user.id', 'api_token.staff_user_id')
    .select(userColumns)
    .where('api_token.token_hash', '=', tokenHash)
    .where('api_token.revoked_at', 'is', null)
    .where('staff_user.is_active', '=', true)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}
