import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';

// SQL for failed sign-ins and for sign-ins part-way through. Counts live in the database, so every process running
// OneStop sees the same ones.

export type FailureCount = { failures: number; lockedUntil: Date | null };

/**
 * Counts a failure against a key in one statement, so failures arriving at once in several processes are each
 * counted. A run of failures starts again once its first is older than the window; at `max` the key is locked.
 */
export async function recordFailure(db: Queryable, key: string, options: { now: Date; windowMs: number; max: number; lockMs: number }): Promise<FailureCount> {
  const { now, max } = options;
  const windowStart = new Date(now.getTime() - options.windowMs);
  const lockUntil = new Date(now.getTime() + options.lockMs);
  const result = await sql<{ failures: number; locked_until: Date | null }>`
    insert into sign_in_failure as f (key, failures, first_failed_at, locked_until)
    values (${key}, 1, ${now}, ${max <= 1 ? lockUntil : null})
    on conflict (key) do update set
      failures = case when f.first_failed_at > ${windowStart} then f.failures + 1 else 1 end,
      first_failed_at = case when f.first_failed_at > ${windowStart} then f.first_failed_at else ${now} end,
      locked_until = case when (case when f.first_failed_at > ${windowStart} then f.failures + 1 else 1 end) >= ${max}
        then ${lockUntil}::timestamptz else f.locked_until end
    returning failures, locked_until`.execute(db);
  const row = result.rows[0];
  if (row?.failures === 1) await sweepFailures(db, windowStart, now);
  return { failures: row?.failures ?? 1, lockedUntil: row?.locked_until ?? null };
}

/** The latest time any of the keys stays locked until, if one is locked now. */
export async function lockedUntil(db: Queryable, keys: string[], now: Date): Promise<Date | undefined> {
  const row = await db
    .selectFrom('sign_in_failure')
    .select((eb) => eb.fn.max('locked_until').as('until'))
    .where('key', 'in', keys)
    .where('locked_until', '>', now)
    .executeTakeFirst();
  return row?.until ?? undefined;
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.deleteFrom('sign_in_failure').where('key', '=', key).execute();
}

/** Forgets runs of failures that are over, a hundred at a time, as new runs start. */
async function sweepFailures(db: Queryable, windowStart: Date, now: Date): Promise<void> {
  await sql`delete from sign_in_failure where key in (
    select key from sign_in_failure where first_failed_at < ${windowStart} and (locked_until is null or locked_until < ${now}) limit 100)`.execute(db);
}

export type Challenge = { kind: 'second_factor' | 'single_sign_on'; userId: number | null; data: Record<string, string>; nextPath: string; expiresAt: Date };

export async function insertChallenge(db: Queryable, idHash: string, challenge: Challenge, now: Date): Promise<void> {
  await db.deleteFrom('sign_in_challenge').where('expires_at', '<', now).execute();
  await db
    .insertInto('sign_in_challenge')
    .values({ id_hash: idHash, kind: challenge.kind, staff_user_id: challenge.userId, data: JSON.stringify(challenge.data), next_path: challenge.nextPath, expires_at: challenge.expiresAt })
    .execute();
}

export async function findChallenge(db: Queryable, idHash: string, kind: Challenge['kind'], now: Date): Promise<Challenge | undefined> {
  const row = await db
    .selectFrom('sign_in_challenge')
    .select(['kind', 'staff_user_id', 'data', 'next_path', 'expires_at'])
    .where('id_hash', '=', idHash)
    .where('kind', '=', kind)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { kind: row.kind, userId: row.staff_user_id, data: row.data, nextPath: row.next_path, expiresAt: row.expires_at } : undefined;
}

/** Removes a challenge; true only for the one caller that removed it, so a challenge is answered once. */
export async function deleteChallenge(db: Queryable, idHash: string): Promise<boolean> {
  const result = await db.deleteFrom('sign_in_challenge').where('id_hash', '=', idHash).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
