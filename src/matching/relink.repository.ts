import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import type { StandardFields } from '../sources/source-record.ts';
import type { LinkInput } from './engine/prepare.ts';

// Reading the whole council for a relink, a page at a time, and writing what it finds for review.

export type HeldRecord = { id: number; personId: number | null; input: LinkInput };

export async function loadRecordsPage(db: Queryable, afterId: number, limit: number): Promise<HeldRecord[]> {
  const rows = await sql<{
    id: number; person_id: number | null; code: string; source_id: string; title: string | null; given_name: string | null; middle_name: string | null;
    family_name: string | null; full_name: string | null; dob: string | null; sex: string | null; address_line1: string | null; address_line2: string | null;
    town: string | null; postcode: string | null; uprn: string | null; address_from: string | null; address_to: string | null; phone: string | null;
    email: string | null; ni_number: string | null;
  }>`
    select r.id, l.person_id, s.code, r.source_id, r.title, r.given_name, r.middle_name, r.family_name, r.full_name, r.dob, r.sex,
      r.address_line1, r.address_line2, r.town, r.postcode, r.uprn, r.address_from, r.address_to, r.phone, r.email, r.ni_number
    from source_record r join source_system s on s.id = r.source_system_id
    left join person_link l on l.source_record_id = r.id and l.unlinked_at is null
    where r.id > ${afterId} order by r.id limit ${limit}`.execute(db);
  return rows.rows.map((row) => ({ id: Number(row.id), personId: row.person_id === null ? null : Number(row.person_id), input: { sourceSystem: row.code, sourceId: row.source_id, fields: toFields(row) } }));
}

export function toFields(row: {
  title: string | null; given_name: string | null; middle_name: string | null; family_name: string | null; full_name: string | null; dob: string | null;
  sex: string | null; address_line1: string | null; address_line2: string | null; town: string | null; postcode: string | null; uprn: string | null;
  address_from: string | null; address_to: string | null; phone: string | null; email: string | null; ni_number: string | null;
}): StandardFields {
  return {
    title: row.title, givenName: row.given_name, middleName: row.middle_name, familyName: row.family_name, fullName: row.full_name, dob: row.dob,
    sex: row.sex as StandardFields['sex'], addressLine1: row.address_line1, addressLine2: row.address_line2, town: row.town, postcode: row.postcode,
    uprn: row.uprn, addressFrom: row.address_from, addressTo: row.address_to, phone: row.phone, email: row.email, niNumber: row.ni_number,
  };
}

export async function loadDecisions(db: Queryable): Promise<Array<{ a: number; b: number; decision: 'same' | 'different' }>> {
  const rows = await db.selectFrom('link_decision').select(['record_a', 'record_b', 'decision']).execute();
  return rows.map((row) => ({ a: row.record_a, b: row.record_b, decision: row.decision }));
}

export async function currentPersonOf(db: Queryable, recordIds: readonly number[]): Promise<Map<number, number>> {
  if (recordIds.length === 0) return new Map();
  const rows = await sql<{ source_record_id: number; person_id: number }>`
    select source_record_id, person_id from person_link where source_record_id = any(${[...recordIds]}::bigint[]) and unlinked_at is null`.execute(db);
  return new Map(rows.rows.map((row) => [Number(row.source_record_id), Number(row.person_id)]));
}

export type ReviewRow = { sourceRecordId: number; candidatePersonId: number; candidateRecordId: number; weight: number; probability: number; evidence: object; modelVersion: number };

/** Queues pairs for review, once each, and settles open reviews that the relink has answered either way. */
export async function queueReviews(db: Queryable, reviews: readonly ReviewRow[], at: Date): Promise<number> {
  await sql`update match_review set status = 'resolved', decided_at = ${at}, decided_by = 'system:relink'
    where status in ('open', 'skipped') and exists (select 1 from person_link l where l.source_record_id = match_review.source_record_id
      and l.person_id = match_review.candidate_person_id and l.unlinked_at is null)`.execute(db);
  if (reviews.length === 0) return 0;
  const result = await sql`
    insert into match_review (source_record_id, candidate_person_id, candidate_record_id, weight, probability, evidence, model_version, created_at)
    select * from unnest(${reviews.map((r) => r.sourceRecordId)}::bigint[], ${reviews.map((r) => r.candidatePersonId)}::bigint[],
      ${reviews.map((r) => r.candidateRecordId)}::bigint[], ${reviews.map((r) => r.weight)}::float8[], ${reviews.map((r) => r.probability)}::float8[],
      ${reviews.map((r) => JSON.stringify(r.evidence))}::jsonb[], ${reviews.map((r) => r.modelVersion)}::int[], ${reviews.map(() => at)}::timestamptz[])
    on conflict (source_record_id, candidate_person_id) where status in ('open', 'skipped') do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
