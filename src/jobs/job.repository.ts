import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';

// Jobs live in PostgreSQL beside the change that causes them; workers claim them with SKIP LOCKED.

export type Job = { id: number; kind: string; payload: Record<string, unknown>; attempts: number };

/** Queues a job to run from runAfter, on the application's clock (the one workers claim by), not the database's. */
export async function enqueue(db: Queryable, kind: string, payload: Record<string, unknown>, runAfter: Date): Promise<number> {
  const row = await db.insertInto('job').values({ kind, payload: JSON.stringify(payload), run_after: runAfter, created_at: runAfter }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function claimNext(db: Queryable, worker: string, now: Date): Promise<Job | undefined> {
  const result = await sql<{ id: number; kind: string; payload: Record<string, unknown>; attempts: number }>`
    update job set status = 'running', locked_at = ${now}, locked_by = ${worker}, attempts = attempts + 1
    where id = (select id from job where status = 'queued' and run_after <= ${now} order by run_after, id for update skip locked limit 1)
    returning id, kind, payload, attempts`.execute(db);
  const row = result.rows[0];
  return row ? { id: Number(row.id), kind: row.kind, payload: row.payload, attempts: row.attempts } : undefined;
}

export async function completeJob(db: Queryable, id: number, now: Date): Promise<void> {
  await db.updateTable('job').set({ status: 'done', finished_at: now, locked_at: null }).where('id', '=', id).execute();
}

export async function failJob(db: Queryable, id: number, error: string, retryAt: Date | undefined, now: Date): Promise<void> {
  await db.updateTable('job')
    .set(retryAt ? { status: 'queued', run_after: retryAt, last_error: error, locked_at: null } : { status: 'failed', last_error: error, finished_at: now, locked_at: null })
    .where('id', '=', id).execute();
}

/** Jobs held by a worker that died go back on the queue. */
export async function releaseAbandoned(db: Queryable, lockedBefore: Date): Promise<number> {
  const result = await db.updateTable('job').set({ status: 'queued', locked_at: null, locked_by: null })
    .where('status', '=', 'running').where('locked_at', '<', lockedBefore).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function setProgress(db: Queryable, id: number, progress: Record<string, unknown>): Promise<void> {
  await db.updateTable('job').set({ progress: JSON.stringify(progress) }).where('id', '=', id).execute();
}

export type JobStatus = { id: number; kind: string; status: string; progress: Record<string, unknown> | null; createdAt: Date; finishedAt: Date | null; lastError: string | null };

export async function latestJob(db: Queryable, kind: string): Promise<JobStatus | undefined> {
  const row = await db.selectFrom('job').select(['id', 'kind', 'status', 'progress', 'created_at', 'finished_at', 'last_error']).where('kind', '=', kind).orderBy('id', 'desc').executeTakeFirst();
  return row ? { id: row.id, kind: row.kind, status: row.status, progress: row.progress, createdAt: row.created_at, finishedAt: row.finished_at, lastError: row.last_error } : undefined;
}
