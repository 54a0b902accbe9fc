import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import type { Role, StaffUser } from './staff.ts';

// SQL for staff accounts and their sessions (API tokens are in api-token.repository.ts).
type UserRow = { id: number; email: string; display_name: string; role: string; is_active: boolean; is_demo: boolean; team_ids: number[] };

export function toUser(row: UserRow): StaffUser {
  return { id: row.id, email: row.email, displayName: row.display_name, role: row.role as Role, isActive: row.is_active, isDemo: row.is_demo, teamIds: row.team_ids.map(Number) };
}

/** The teams a member of staff belongs to, read with the account so that every request knows them. */
const teamIds = sql<number[]>`(select coalesce(array_agg(t.team_id order by t.team_id), '{}') from staff_team t where t.staff_user_id = staff_user.id)`.as('team_ids');

export const userColumns = ['staff_user.id', 'staff_user.email', 'staff_user.display_name', 'staff_user.role', 'staff_user.is_active', 'staff_user.is_demo', teamIds] as const;

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

/** Every account, for the administrator's list: active first, then by name, with when each last signed in. */
export async function listUsers(db: Queryable): Promise<Array<StaffUser & { lastSignedInAt: Date | null; hasTwoFactor: boolean }>> {
  const rows = await db.selectFrom('staff_user')
    .select([...userColumns, 'staff_user.last_signed_in_at', sql<boolean>`staff_user.totp_secret is not null`.as('has_two_factor')])
    .orderBy('staff_user.is_active', 'desc').orderBy('staff_user.display_name').orderBy('staff_user.id')
    .execute();
  return rows.map((row) => ({ ...toUser(row), lastSignedInAt: row.last_signed_in_at, hasTwoFactor: row.has_two_factor }));
}

export async function countUsers(db: Queryable): Promise<number> {
  const row = await db.selectFrom('staff_user').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function recordSignIn(db: Queryable, userId: number, at: Date): Promise<void> {
  await db.updateTable('staff_user').set({ last_signed_in_at: at }).where('id', '=', userId).execute();
}

/** Turns an account on or off; the account, or undefined when no account has the email. */
export async function setUserActive(db: Queryable, email: string, isActive: boolean): Promise<StaffUser | undefined> {
  const row = await db
    .updateTable('staff_user')
    .set({ is_active: isActive })
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .returning(userColumns)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function insertSession(db: Queryable, input: { idHash: string; userId: number; expiresAt: Date; idleSeconds: number | null; now: Date }): Promise<Date> {
  const idleExpiresAt = input.idleSeconds === null ? null : new Date(Math.min(input.expiresAt.getTime(), input.now.getTime() + input.idleSeconds * 1000));
  await db
    .insertInto('staff_session')
    .values({ id_hash: input.idHash, staff_user_id: input.userId, expires_at: input.expiresAt, idle_seconds: input.idleSeconds, idle_expires_at: idleExpiresAt, created_at: input.now, last_seen_at: input.now })
    .execute();
  return idleExpiresAt ?? input.expiresAt;
}

export type ContinuedSession = { user: StaffUser; expiresAt: Date; idleExpiresAt: Date | null };

/**
 * The session's user, only while the session is within its lifetime and idle limit and the account active; the
 * request counts as activity, so the idle limit starts again from now (never past the session's lifetime).
 */
export async function continueSession(db: Queryable, idHash: string, now: Date): Promise<ContinuedSession | undefined> {
  const row = await db
    .updateTable('staff_session')
    .from('staff_user')
    .set({
      last_seen_at: now,
      idle_expires_at: sql<Date | null>`case when staff_session.idle_seconds is null then null
        else least(staff_session.expires_at, ${now}::timestamptz + make_interval(secs => staff_session.idle_seconds)) end`,
    })
    .whereRef('staff_user.id', '=', 'staff_session.staff_user_id')
    .where('staff_session.id_hash', '=', idHash)
    .where('staff_session.expires_at', '>', now)
    .where((eb) => eb.or([eb('staff_session.idle_expires_at', 'is', null), eb('staff_session.idle_expires_at', '>', now)]))
    .where('staff_user.is_active', '=', true)
    .returning([...userColumns, 'staff_session.expires_at', 'staff_session.idle_expires_at'])
    .executeTakeFirst();
  return row ? { user: toUser(row), expiresAt: row.expires_at, idleExpiresAt: row.idle_expires_at } : undefined;
}

/** Removes a session that has run out, so a timeout ends it in the database and not only in the browser. */
export async function deleteSessionIfEnded(db: Queryable, idHash: string, now: Date): Promise<void> {
  await db
    .deleteFrom('staff_session')
    .where('id_hash', '=', idHash)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('idle_expires_at', '<=', now)]))
    .execute();
}

/** Sweeps one account's ended sessions as it starts another, so they do not pile up. */
export async function deleteEndedSessionsOf(db: Queryable, userId: number, now: Date): Promise<void> {
  await db
    .deleteFrom('staff_session')
    .where('staff_user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('idle_expires_at', '<=', now)]))
    .execute();
}

export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.deleteFrom('staff_session').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOf(db: Queryable, userId: number): Promise<number> {
  const result = await db.deleteFrom('staff_session').where('staff_user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
