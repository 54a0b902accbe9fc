import { sql } from 'kysely';
import { authorize } from '../access/policy.ts';
import { actorLabel, type AnyActor } from '../access/staff.ts';
import { auditActorOf, type AuditAction, type AuditRecorder } from '../audit/audit.ts';
import type { Db, Tx } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { NotFound, ValidationFailed } from '../errors.ts';
import type { PersonChange, Target } from './change.ts';
import type { ChangeService } from './change.service.ts';
import { idIn } from '../db/sql.ts';

export type MergeService = ReturnType<typeof createMergeService>;

// What staff do when OneStop has two people who are one, or one person who is two. Each is a change that can be
// undone, and each leaves a decision that automatic linking respects afterwards.
export function createMergeService({ db, changes, audit }: { db: Db; changes: ChangeService; audit: AuditRecorder }) {
  /** The change in the trail, against the resident who holds the records after it. */
  async function audited(tx: Tx, by: AnyActor, action: AuditAction, personId: number, change: PersonChange, reason: string | null): Promise<PersonChange> {
    await audit.record(tx, { ...auditActorOf(by), action, personId, subject: `change:${change.id}`, reason, details: { changeId: change.id, records: change.moves.map((move) => move.sourceRecordId) } });
    return change;
  }

  async function recordsOf(tx: Tx, personId: number): Promise<number[]> {
    const rows = await tx.selectFrom('person_link').select('source_record_id').where('person_id', '=', personId).where('unlinked_at', 'is', null).orderBy('source_record_id').execute();
    return rows.map((row) => row.source_record_id);
  }

  async function decide(tx: Tx, pairs: ReadonlyArray<[number, number]>, decision: 'same' | 'different', actor: string, changeId: number | null, reason: string | null): Promise<void> {
    const unique = [...new Map(pairs.filter(([a, b]) => a !== b).map(([a, b]) => (a < b ? [a, b] : [b, a]) as [number, number]).map((pair) => [`${pair[0]}:${pair[1]}`, pair])).values()];
    if (unique.length === 0) return;
    await sql`insert into link_decision (record_a, record_b, decision, decided_by, change_id, reason)
      select a, b, ${decision}, ${actor}, ${changeId}, ${reason} from unnest(${unique.map((p) => p[0])}::bigint[], ${unique.map((p) => p[1])}::bigint[]) as t(a, b)
      on conflict (record_a, record_b) do update set decision = excluded.decision, decided_by = excluded.decided_by,
        decided_at = now(), change_id = excluded.change_id, reason = excluded.reason`.execute(tx);
  }

  /** Joins two persons; the one with more records keeps its reference and the other redirects to it. */
  async function mergePersons(by: AnyActor, firstId: number, secondId: number, reason: string | null = null): Promise<PersonChange> {
    authorize(by, 'identity.change');
    const actor = actorLabel(by);
    if (firstId === secondId) throw new ValidationFailed('Choose two different residents to merge.');
    return withTransaction(db, async (tx) => {
      const [first, second] = [await recordsOf(tx, firstId), await recordsOf(tx, secondId)];
      if (first.length === 0 || second.length === 0) throw new NotFound('One of those residents has no records to merge.');
      const [keepId, keep, goes] = first.length > second.length || (first.length === second.length && firstId < secondId)
        ? [firstId, first, second] : [secondId, second, first];
      const change = await changes.applyMoves(tx, { kind: 'merge', actor, reason, targets: new Map(goes.map((record) => [record, { kind: 'person', personId: keepId } as Target])) });
      if (!change) throw new ValidationFailed('Nothing to merge.');
      await decide(tx, goes.map((record) => [record, keep[0] ?? record]), 'same', actor, change.id, reason);
      return audited(tx, by, 'person.merge', keepId, change, reason);
    });
  }

  /** Separates records from a person: they are someone else. The larger part keeps the reference. */
  async function splitRecords(by: AnyActor, personId: number, sourceRecordIds: readonly number[], reason: string | null = null): Promise<PersonChange> {
    authorize(by, 'identity.change');
    const actor = actorLabel(by);
    return withTransaction(db, async (tx) => {
      const all = await recordsOf(tx, personId);
      const leaving = new Set(sourceRecordIds);
      if (sourceRecordIds.length === 0 || sourceRecordIds.some((id) => !all.includes(id))) throw new ValidationFailed('Choose records that belong to this resident.');
      const staying = all.filter((record) => !leaving.has(record));
      if (staying.length === 0) throw new ValidationFailed('Leave at least one record with the resident.');
      const moved = leaving.size > staying.length ? staying : [...leaving];
      const change = await changes.applyMoves(tx, { kind: 'split', actor, reason, targets: new Map(moved.map((record) => [record, { kind: 'new', label: 0 } as Target])) });
      if (!change) throw new ValidationFailed('Nothing to split.');
      await decide(tx, [...leaving].flatMap((a) => staying.map((b) => [a, b] as [number, number])), 'different', actor, change.id, reason);
      return audited(tx, by, 'person.split', personId, change, reason);
    });
  }

  /** Moves records from whoever holds them to another person. */
  async function moveRecords(by: AnyActor, sourceRecordIds: readonly number[], toPersonId: number, reason: string | null = null): Promise<PersonChange> {
    authorize(by, 'identity.change');
    const actor = actorLabel(by);
    return withTransaction(db, async (tx) => {
      const target = await recordsOf(tx, toPersonId);
      const holders = await tx.selectFrom('person_link').select(['source_record_id', 'person_id']).where(idIn('source_record_id', sourceRecordIds)).where('unlinked_at', 'is', null).execute();
      const leftBehind = (await Promise.all([...new Set(holders.map((row) => row.person_id))].map((id) => recordsOf(tx, id)))).flat().filter((record) => !sourceRecordIds.includes(record));
      const change = await changes.applyMoves(tx, { kind: 'move', actor, reason, targets: new Map(sourceRecordIds.map((record) => [record, { kind: 'person', personId: toPersonId } as Target])) });
      if (!change) throw new ValidationFailed('Those records are already with that resident.');
      await decide(tx, sourceRecordIds.flatMap((a) => leftBehind.map((b) => [a, b] as [number, number])), 'different', actor, change.id, reason);
      await decide(tx, sourceRecordIds.flatMap((a) => (target[0] === undefined ? [] : [[a, target[0]] as [number, number]])), 'same', actor, change.id, reason);
      return audited(tx, by, 'person.move', toPersonId, change, reason);
    });
  }

  /** Staff say these records are not the person: kept as decisions against every record the person holds. */
  async function recordDifferent(tx: Tx, by: AnyActor, sourceRecordIds: readonly number[], personId: number, reason: string | null): Promise<void> {
    const theirs = await recordsOf(tx, personId);
    await decide(tx, sourceRecordIds.flatMap((a) => theirs.map((b) => [a, b] as [number, number])), 'different', actorLabel(by), null, reason);
  }

  return { mergePersons, splitRecords, moveRecords, recordDifferent };
}
