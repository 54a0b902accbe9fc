import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import type { ImportCounts, ImportRun, ImportStatus, SourceSystem } from './source.ts';

// SQL for source systems and import runs.

const systemColumns = ['id', 'code', 'name', 'trust', 'restricted', 'team_id as teamId'] as const;

export async function findSystem(db: Queryable, code: string): Promise<SourceSystem | undefined> {
  return db.selectFrom('source_system').select(systemColumns).where('code', '=', code).executeTakeFirst();
}

export async function insertSystem(db: Queryable, system: Pick<SourceSystem, 'code' | 'name' | 'trust'>): Promise<SourceSystem> {
  await db.insertInto('source_system').values(system).onConflict((oc) => oc.column('code').doNothing()).execute();
  return db.selectFrom('source_system').select(systemColumns).where('code', '=', system.code).executeTakeFirstOrThrow();
}

/** Registers a system, or updates its name and trust. */
export async function upsertSystem(db: Queryable, system: Pick<SourceSystem, 'code' | 'name' | 'trust'>): Promise<SourceSystem> {
  return db.insertInto('source_system').values(system)
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: system.name, trust: system.trust }))
    .returning(systemColumns).executeTakeFirstOrThrow();
}

export async function listSystems(db: Queryable): Promise<Array<SourceSystem & { records: number; lastImportAt: Date | null }>> {
  const rows = await sql<SourceSystem & { records: number; lastImportAt: Date | null }>`
    select s.id, s.code, s.name, s.trust, s.restricted, s.team_id as "teamId",
      (select count(*) from source_record r where r.source_system_id = s.id and r.ended_at is null)::int as records,
      (select max(finished_at) from import_run i where i.source_system_id = s.id and i.status = 'completed') as "lastImportAt"
    from source_system s order by s.name`.execute(db);
  return rows.rows;
}

export async function insertRun(
  db: Queryable,
  run: { systemId: number; fileName: string; isFull: boolean; status: ImportStatus; startedBy: string; bytesTotal: number; rejectsPath: string; mapping: object | null; now: Date },
): Promise<number> {
  const row = await db
    .insertInto('import_run')
    .values({
      source_system_id: run.systemId, file_name: run.fileName, is_full: run.isFull, status: run.status, started_by: run.startedBy,
      bytes_total: run.bytesTotal, rejects_path: run.rejectsPath, mapping: run.mapping ? JSON.stringify(run.mapping) : null,
      started_at: run.status === 'running' ? run.now : null, heartbeat_at: run.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const interrupted = { status: 'interrupted', error: 'The import stopped before it finished (the process ended). Run it again: nothing is doubled.' } as const;

/** A running import whose process has stopped sending heartbeats was killed: say so, and let a new one start. */
export async function interruptStaleRuns(db: Queryable, systemId: number, staleBefore: Date): Promise<void> {
  await db.updateTable('import_run').set(interrupted)
    .where('source_system_id', '=', systemId).where('status', '=', 'running').where('heartbeat_at', '<', staleBefore)
    .execute();
}

/** Every import still marked running was killed: for a process that has just taken the embedded database's lock. */
export async function interruptRunningRuns(db: Queryable): Promise<void> {
  await db.updateTable('import_run').set(interrupted).where('status', '=', 'running').execute();
}

export async function findLiveRun(db: Queryable, systemId: number, excludeId?: number): Promise<{ id: number; startedBy: string } | undefined> {
  let query = db.selectFrom('import_run').select(['id', 'started_by as startedBy']).where('source_system_id', '=', systemId).where('status', '=', 'running');
  if (excludeId !== undefined) query = query.where('id', '<>', excludeId);
  return query.executeTakeFirst();
}

export async function markRunStarted(db: Queryable, runId: number, now: Date): Promise<void> {
  await db.updateTable('import_run').set({ status: 'running', started_at: now, heartbeat_at: now }).where('id', '=', runId).execute();
}

export async function addRunProgress(db: Queryable, runId: number, delta: ImportCounts, bytesRead: number, now: Date): Promise<void> {
  await db.updateTable('import_run').set((eb) => ({
    rows_read: eb('rows_read', '+', delta.read),
    rows_new: eb('rows_new', '+', delta.new),
    rows_changed: eb('rows_changed', '+', delta.changed),
    rows_unchanged: eb('rows_unchanged', '+', delta.unchanged),
    rows_rejected: eb('rows_rejected', '+', delta.rejected),
    rows_ended: eb('rows_ended', '+', delta.ended),
    persons_created: eb('persons_created', '+', delta.personsCreated),
    bytes_read: bytesRead,
    heartbeat_at: now,
  })).where('id', '=', runId).execute();
}

export async function finishRun(db: Queryable, runId: number, status: ImportStatus, now: Date, error: string | null = null): Promise<void> {
  await db.updateTable('import_run').set({ status, finished_at: now, heartbeat_at: now, error }).where('id', '=', runId).execute();
}

export async function findRun(db: Queryable, runId: number): Promise<ImportRun | undefined> {
  return (await runsQuery(db).where('import_run.id', '=', runId).execute()).map(toRun)[0];
}

export async function listRuns(db: Queryable, limit: number): Promise<ImportRun[]> {
  return (await runsQuery(db).orderBy('import_run.id', 'desc').limit(limit).execute()).map(toRun);
}

export async function findRunMapping(db: Queryable, runId: number): Promise<unknown> {
  const row = await db.selectFrom('import_run').select('mapping').where('id', '=', runId).executeTakeFirst();
  return row?.mapping ?? null;
}

function runsQuery(db: Queryable) {
  return db.selectFrom('import_run').innerJoin('source_system', 'source_system.id', 'import_run.source_system_id').select([
    'import_run.id', 'source_system.code', 'source_system.name', 'file_name', 'is_full', 'status', 'started_by', 'import_run.created_at',
    'started_at', 'finished_at', 'bytes_total', 'bytes_read', 'rows_read', 'rows_new', 'rows_changed', 'rows_unchanged',
    'rows_rejected', 'rows_ended', 'persons_created', 'rejects_path', 'error',
  ]);
}

type RunRow = Awaited<ReturnType<ReturnType<typeof runsQuery>['execute']>>[number];

function toRun(row: RunRow): ImportRun {
  const counts: ImportCounts = {
    read: row.rows_read, new: row.rows_new, changed: row.rows_changed, unchanged: row.rows_unchanged,
    rejected: row.rows_rejected, ended: row.rows_ended, personsCreated: row.persons_created,
  };
  return {
    id: row.id, systemCode: row.code, systemName: row.name, fileName: row.file_name, isFull: row.is_full, status: row.status,
    startedBy: row.started_by, createdAt: row.created_at, startedAt: row.started_at, finishedAt: row.finished_at,
    bytesTotal: row.bytes_total, bytesRead: row.bytes_read, counts, rejectsPath: row.rejects_path, error: row.error,
  };
}
