import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import type { StandardFields } from '../sources/source-record.ts';
import type { Explanation } from './engine/explain.ts';
import type { ReviewSuggestion } from './linker.ts';
import { toFields } from './relink.repository.ts';

// SQL for the clerical review queue.

export type ReviewStatus = 'open' | 'linked' | 'not_same' | 'skipped' | 'resolved';

export type ReviewItem = {
  id: number;
  sourceRecordId: number;
  candidatePersonId: number;
  candidateRecordId: number | null;
  weight: number;
  probability: number;
  explanation: Explanation;
  modelVersion: number | null;
  status: ReviewStatus;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
};

export async function insertSuggestions(db: Queryable, suggestions: ReadonlyArray<ReviewSuggestion & { recordId: number }>, at: Date): Promise<void> {
  if (suggestions.length === 0) return;
  await sql`
    insert into match_review (source_record_id, candidate_person_id, candidate_record_id, weight, probability, evidence, model_version, created_at)
    select * from unnest(${suggestions.map((s) => s.recordId)}::bigint[], ${suggestions.map((s) => s.personId)}::bigint[],
      ${suggestions.map((s) => s.sourceRecordId)}::bigint[], ${suggestions.map((s) => s.weight)}::float8[], ${suggestions.map((s) => s.probability)}::float8[],
      ${suggestions.map((s) => JSON.stringify(s.evidence))}::jsonb[], ${suggestions.map((s) => s.modelVersion)}::int[], ${suggestions.map(() => at)}::timestamptz[])
    on conflict (source_record_id, candidate_person_id) where status in ('open', 'skipped') do nothing`.execute(db);
}

function toItem(row: {
  id: number; source_record_id: number; candidate_person_id: number; candidate_record_id: number | null; weight: number; probability: number;
  evidence: Record<string, unknown>; model_version: number | null; status: ReviewStatus; created_at: Date; decided_at: Date | null; decided_by: string | null;
}): ReviewItem {
  return {
    id: row.id, sourceRecordId: row.source_record_id, candidatePersonId: row.candidate_person_id, candidateRecordId: row.candidate_record_id,
    weight: row.weight, probability: row.probability, explanation: row.evidence as unknown as Explanation, modelVersion: row.model_version,
    status: row.status, createdAt: row.created_at, decidedAt: row.decided_at, decidedBy: row.decided_by,
  };
}

export async function findReview(db: Queryable, id: number): Promise<ReviewItem | undefined> {
  const row = await db.selectFrom('match_review').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toItem(row) : undefined;
}

export async function listReviews(db: Queryable, statuses: readonly ReviewStatus[], limit: number, offset = 0): Promise<ReviewItem[]> {
  const rows = await db.selectFrom('match_review').selectAll().where('status', 'in', [...statuses])
    .orderBy('probability', 'desc').orderBy('id').limit(limit).offset(offset).execute();
  return rows.map(toItem);
}

export async function countReviews(db: Queryable): Promise<Record<ReviewStatus, number>> {
  const rows = await db.selectFrom('match_review').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const counts: Record<ReviewStatus, number> = { open: 0, linked: 0, not_same: 0, skipped: 0, resolved: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

export async function decideReview(db: Queryable, id: number, status: ReviewStatus, actor: string, at: Date): Promise<void> {
  await db.updateTable('match_review').set({ status, decided_by: actor, decided_at: at }).where('id', '=', id).execute();
}

/** Other open suggestions for the same record, answered by a decision on one of them. */
export async function resolveOthers(db: Queryable, sourceRecordId: number, exceptId: number, actor: string, at: Date): Promise<void> {
  await db.updateTable('match_review').set({ status: 'resolved', decided_by: actor, decided_at: at })
    .where('source_record_id', '=', sourceRecordId).where('id', '<>', exceptId).where('status', 'in', ['open', 'skipped']).execute();
}

export async function reviewsForPerson(db: Queryable, personId: number): Promise<ReviewItem[]> {
  const rows = await sql<Parameters<typeof toItem>[0]>`
    select m.* from match_review m where m.status in ('open', 'skipped') and (m.candidate_person_id = ${personId}
      or exists (select 1 from person_link l where l.source_record_id = m.source_record_id and l.person_id = ${personId} and l.unlinked_at is null))
    order by m.probability desc limit 20`.execute(db);
  return rows.rows.map(toItem);
}

export type ReviewRecord = { id: number; systemCode: string; systemName: string; sourceId: string; personId: number | null; personReference: string | null; fields: StandardFields };

export async function recordsById(db: Queryable, ids: readonly number[]): Promise<Map<number, ReviewRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<Parameters<typeof toFields>[0] & { id: number; code: string; name: string; source_id: string; person_id: number | null; reference: string | null }>`
    select r.id, s.code, s.name, r.source_id, l.person_id, p.reference, r.title, r.given_name, r.middle_name, r.family_name, r.full_name, r.dob, r.sex,
      r.address_line1, r.address_line2, r.town, r.postcode, r.uprn, r.address_from, r.address_to, r.phone, r.email, r.ni_number
    from source_record r join source_system s on s.id = r.source_system_id
    left join person_link l on l.source_record_id = r.id and l.unlinked_at is null left join person p on p.id = l.person_id
    where r.id = any(${[...ids]}::bigint[])`.execute(db);
  return new Map(rows.rows.map((row) => [Number(row.id), {
    id: Number(row.id), systemCode: row.code, systemName: row.name, sourceId: row.source_id, personId: row.person_id === null ? null : Number(row.person_id),
    personReference: row.reference, fields: toFields(row),
  }]));
}
