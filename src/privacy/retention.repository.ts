import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import type { RetentionBasis, RetentionRule, RetentionSummary } from './privacy.ts';

// SQL for retention rules, the records they make due, and the record of each run.

export async function findRules(db: Queryable): Promise<Array<RetentionRule & { systemId: number }>> {
  const rows = await db.selectFrom('retention_rule as r').innerJoin('source_system as s', 's.id', 'r.source_system_id')
    .select(['s.id', 's.code', 's.name', 'r.years', 'r.basis', 'r.set_by', 'r.set_at']).orderBy('s.name').execute();
  return rows.map((row) => ({ systemId: row.id, systemCode: row.code, systemName: row.name, years: row.years, basis: row.basis, setBy: row.set_by, setAt: row.set_at }));
}

export async function saveRule(db: Queryable, rule: { systemId: number; years: number; basis: RetentionBasis; setBy: string; setAt: Date }): Promise<void> {
  await db.insertInto('retention_rule').values({ source_system_id: rule.systemId, years: rule.years, basis: rule.basis, set_by: rule.setBy, set_at: rule.setAt })
    .onConflict((conflict) => conflict.column('source_system_id').doUpdateSet({ years: rule.years, basis: rule.basis, set_by: rule.setBy, set_at: rule.setAt }))
    .execute();
}

export type DueRecord = { recordId: number; personId: number | null; held: boolean };

/**
 * Records of a system whose basis date is on or before the cutoff and not yet erased, after `afterId`, in id order.
 * A record linked to a resident under a legal hold comes back marked held.
 */
export async function dueRecords(db: Queryable, systemId: number, basis: RetentionBasis, cutoff: Date, afterId: number, limit: number): Promise<DueRecord[]> {
  const basisColumn = basis === 'ended' ? sql.ref('r.ended_at') : sql.ref('r.last_seen_at');
  const rows = await sql<{ id: number; person_id: number | null; held: boolean }>`
    select r.id, l.person_id,
      exists (select 1 from legal_hold h where h.person_id = l.person_id and h.released_at is null) as held
    from source_record r left join person_link l on l.source_record_id = r.id and l.unlinked_at is null
    where r.source_system_id = ${systemId} and r.erased_at is null and ${basisColumn} <= ${cutoff} and r.id > ${afterId}
    order by r.id limit ${limit}`.execute(db);
  return rows.rows.map((row) => ({ recordId: Number(row.id), personId: row.person_id === null ? null : Number(row.person_id), held: row.held }));
}

/** Of these persons, those with no linked record left that is not erased. */
export async function personsWithNothingLeft(db: Queryable, personIds: readonly number[]): Promise<number[]> {
  if (personIds.length === 0) return [];
  const rows = await sql<{ id: number }>`
    select p.id from person p where p.id = any(${[...personIds]}::bigint[]) and p.erased_at is null and not exists (
      select 1 from person_link l join source_record r on r.id = l.source_record_id
      where l.person_id = p.id and l.unlinked_at is null and r.erased_at is null)`.execute(db);
  return rows.rows.map((row) => Number(row.id));
}

export async function startRun(db: Queryable, run: { dryRun: boolean; actor: string; at: Date }): Promise<number> {
  const row = await db.insertInto('retention_run').values({ started_at: run.at, dry_run: run.dryRun, actor: run.actor, summary: '{}' }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function finishRun(db: Queryable, id: number, summary: Omit<RetentionSummary, 'runId' | 'at' | 'dryRun'>, at: Date): Promise<void> {
  await db.updateTable('retention_run').set({ finished_at: at, summary: JSON.stringify(summary) }).where('id', '=', id).execute();
}

export type RetentionRunRow = { id: number; startedAt: Date; finishedAt: Date | null; dryRun: boolean; actor: string; summary: Record<string, unknown> };

export async function recentRuns(db: Queryable, limit: number): Promise<RetentionRunRow[]> {
  const rows = await db.selectFrom('retention_run').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({ id: row.id, startedAt: row.started_at, finishedAt: row.finished_at, dryRun: row.dry_run, actor: row.actor, summary: row.summary }));
}
