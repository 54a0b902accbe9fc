import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import type { ChangeKind, PersonChange, PersonState, PersonStateChange, RecordMove } from './change.ts';
import { idIn } from '../db/sql.ts';

// SQL for person changes: the links they close and open, the persons they touch, and their record.

export type CurrentLink = { id: number; sourceRecordId: number; personId: number; method: string; score: number | null; evidence: Record<string, unknown>; linkedBy: string };

export async function lockCurrentLinks(db: Queryable, sourceRecordIds: readonly number[]): Promise<Map<number, CurrentLink>> {
  if (sourceRecordIds.length === 0) return new Map();
  const rows = await sql<{ id: number; source_record_id: number; person_id: number; method: string; score: number | null; evidence: Record<string, unknown>; linked_by: string }>`
    select id, source_record_id, person_id, method, score, evidence, linked_by from person_link
    where source_record_id = any(${[...sourceRecordIds]}::bigint[]) and unlinked_at is null order by id for update`.execute(db);
  return new Map(rows.rows.map((row) => [Number(row.source_record_id), {
    id: Number(row.id), sourceRecordId: Number(row.source_record_id), personId: Number(row.person_id), method: row.method,
    score: row.score, evidence: row.evidence, linkedBy: row.linked_by,
  }]));
}

export async function findLinks(db: Queryable, ids: readonly number[]): Promise<Map<number, CurrentLink & { current: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('person_link').select(['id', 'source_record_id', 'person_id', 'method', 'score', 'evidence', 'linked_by', 'unlinked_at'])
    .where(idIn('id', ids)).execute();
  return new Map(rows.map((row) => [row.id, {
    id: row.id, sourceRecordId: row.source_record_id, personId: row.person_id, method: row.method, score: row.score,
    evidence: row.evidence, linkedBy: row.linked_by, current: row.unlinked_at === null,
  }]));
}

export async function insertChange(db: Queryable, change: { kind: ChangeKind; actor: string; reason: string | null; undoes: number | null; at: Date }): Promise<number> {
  const row = await db.insertInto('person_change').values({ kind: change.kind, actor: change.actor, reason: change.reason, undoes: change.undoes, at: change.at })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function completeChange(db: Queryable, id: number, moves: readonly RecordMove[], persons: readonly PersonStateChange[]): Promise<void> {
  await db.updateTable('person_change').set({ moves: JSON.stringify(moves), persons: JSON.stringify(persons) }).where('id', '=', id).execute();
  const touched = [...new Set([...moves.flatMap((move) => (move.fromPersonId === null ? [move.toPersonId] : [move.fromPersonId, move.toPersonId])), ...persons.map((p) => p.personId)])];
  if (touched.length > 0) {
    await sql`insert into person_change_person (change_id, person_id) select ${id}, unnest(${touched}::bigint[]) on conflict do nothing`.execute(db);
  }
}

export async function markUndone(db: Queryable, id: number, undoneBy: number): Promise<void> {
  await db.updateTable('person_change').set({ undone_by: undoneBy }).where('id', '=', id).execute();
}

export async function findChange(db: Queryable, id: number): Promise<PersonChange | undefined> {
  const row = await db.selectFrom('person_change').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id, kind: row.kind, actor: row.actor, reason: row.reason, at: row.at, undoes: row.undoes, undoneBy: row.undone_by,
    moves: row.moves as unknown as RecordMove[], persons: row.persons as unknown as PersonStateChange[],
  };
}

export async function changesOf(db: Queryable, personId: number, limit: number): Promise<PersonChange[]> {
  const rows = await db.selectFrom('person_change_person as cp').innerJoin('person_change as c', 'c.id', 'cp.change_id').selectAll('c')
    .where('cp.person_id', '=', personId).orderBy('c.id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    id: row.id, kind: row.kind, actor: row.actor, reason: row.reason, at: row.at, undoes: row.undoes, undoneBy: row.undone_by,
    moves: row.moves as unknown as RecordMove[], persons: row.persons as unknown as PersonStateChange[],
  }));
}

export async function closeLinks(db: Queryable, linkIds: readonly number[], actor: string, at: Date): Promise<void> {
  if (linkIds.length === 0) return;
  await sql`update person_link set unlinked_at = ${at}, unlinked_by = ${actor} where id = any(${[...linkIds]}::bigint[])`.execute(db);
}

export type NewLink = { sourceRecordId: number; personId: number; method: string; score: number | null; evidence: object; linkedBy: string };

/** Opens links and returns their ids in the order given. */
export async function openLinks(db: Queryable, links: readonly NewLink[], changeId: number, at: Date): Promise<number[]> {
  if (links.length === 0) return [];
  const rows = await sql<{ id: number; ord: number }>`
    insert into person_link (source_record_id, person_id, method, score, evidence, linked_by, linked_at, change_id)
    select s, p, m, sc, e, b, ${at}, ${changeId} from unnest(${links.map((l) => l.sourceRecordId)}::bigint[], ${links.map((l) => l.personId)}::bigint[],
      ${links.map((l) => l.method)}::text[], ${links.map((l) => l.score)}::float8[], ${links.map((l) => JSON.stringify(l.evidence))}::jsonb[],
      ${links.map((l) => l.linkedBy)}::text[]) with ordinality as t(s, p, m, sc, e, b, ord)
    order by ord
    returning id`.execute(db);
  return rows.rows.map((row) => Number(row.id));
}

export async function personStates(db: Queryable, personIds: readonly number[]): Promise<Map<number, PersonState>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.selectFrom('person').select(['id', 'status', 'redirect_to']).where(idIn('id', personIds)).execute();
  return new Map(rows.map((row) => [row.id, { status: row.status, redirectTo: row.redirect_to }]));
}

export async function setPersonStates(db: Queryable, states: ReadonlyMap<number, PersonState>, at: Date): Promise<void> {
  for (const [personId, state] of states) {
    await db.updateTable('person').set({ status: state.status, redirect_to: state.redirectTo, updated_at: at }).where('id', '=', personId).execute();
  }
}

export async function countCurrentLinks(db: Queryable, personIds: readonly number[]): Promise<Map<number, number>> {
  if (personIds.length === 0) return new Map();
  const rows = await sql<{ person_id: number; n: number }>`
    select person_id, count(*)::int as n from person_link where person_id = any(${[...personIds]}::bigint[]) and unlinked_at is null group by person_id`.execute(db);
  return new Map(rows.rows.map((row) => [Number(row.person_id), row.n]));
}

export async function deleteDecisionsOf(db: Queryable, changeId: number): Promise<void> {
  await db.deleteFrom('link_decision').where('change_id', '=', changeId).execute();
}
