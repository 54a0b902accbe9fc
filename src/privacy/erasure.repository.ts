import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';

// SQL that anonymises: personal values blanked, rows kept, so counts and ids still add up for statistics. Each
// statement names the rows by id, so one transaction erases exactly what was decided.

/** A raw row's column names with every value blanked: what the system sent is gone, the row's shape stays. */
const blankedKeys = (column: string) => sql.raw(`coalesce((select jsonb_object_agg(k, '') from jsonb_object_keys(${column}) k), '{}'::jsonb)`);

export async function currentRecordIdsOf(db: Queryable, personIds: readonly number[]): Promise<number[]> {
  if (personIds.length === 0) return [];
  const rows = await sql<{ id: number }>`select source_record_id as id from person_link where person_id = any(${[...personIds]}::bigint[]) and unlinked_at is null`.execute(db);
  return rows.rows.map((row) => Number(row.id));
}

/** Scrubs source records and every earlier version of them; returns how many records and versions. */
export async function scrubRecords(db: Queryable, recordIds: readonly number[], now: Date): Promise<{ records: number; versions: number }> {
  if (recordIds.length === 0) return { records: 0, versions: 0 };
  const ids = [...recordIds];
  // The system's own reference goes too (an account or case number is personal data); a new extract that still
  // holds the record brings it back as a new record, not into the erased resident.
  const records = await sql`update source_record set raw = ${blankedKeys('raw')}, row_hash = 'erased', source_id = 'erased-' || id,
      title = null, given_name = null, middle_name = null, family_name = null, full_name = null, dob = null, sex = null,
      address_line1 = null, address_line2 = null, town = null, postcode = null, uprn = null, uprn_source = null,
      address_from = null, address_to = null, phone = null, email = null, ni_number = null, name_key = null,
      ended_at = coalesce(ended_at, ${now}), erased_at = ${now}
    where id = any(${ids}::bigint[]) and erased_at is null`.execute(db);
  const versions = await sql`update source_record_version set raw = ${blankedKeys('raw')}, standardised = '{}'::jsonb, row_hash = 'erased'
    where source_record_id = any(${ids}::bigint[])`.execute(db);
  // Link evidence and match suggestions quote the records' values.
  await sql`update person_link set evidence = '{}'::jsonb where source_record_id = any(${ids}::bigint[])`.execute(db);
  await sql`update match_review set evidence = '{}'::jsonb, status = case when status in ('open', 'skipped') then 'resolved' else status end
    where source_record_id = any(${ids}::bigint[]) or candidate_record_id = any(${ids}::bigint[])`.execute(db);
  return { records: Number(records.numAffectedRows ?? 0), versions: Number(versions.numAffectedRows ?? 0) };
}

/** Blanks persons' golden records, where they lived, and what corrections said; the names search looked up go too. */
export async function blankPersons(db: Queryable, personIds: readonly number[], now: Date): Promise<number> {
  if (personIds.length === 0) return 0;
  const ids = [...personIds];
  const names = await sql<{ search_name: string }>`select distinct search_name from person where id = any(${ids}::bigint[]) and search_name <> ''`.execute(db);
  const result = await sql`update person set title = null, given_name = null, middle_name = null, family_name = null, full_name = null,
      dob = null, sex = null, address_line1 = null, address_line2 = null, town = null, postcode = null, uprn = null, phone = null,
      email = null, ni_number = null, provenance = '{}'::jsonb, corrections = '{}'::jsonb, search_name = '', erased_at = ${now}, updated_at = ${now}
    where id = any(${ids}::bigint[])`.execute(db);
  const held = names.rows.map((row) => row.search_name);
  if (held.length > 0) {
    await sql`delete from person_name n where n.search_name = any(${held}::text[])
      and not exists (select 1 from person p where p.search_name = n.search_name)`.execute(db);
  }
  await sql`delete from occupancy where person_id = any(${ids}::bigint[])`.execute(db);
  await sql`update rectification set earlier_value = null, corrected_value = null where person_id = any(${ids}::bigint[])`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The person and every person merged into them: erasing a resident erases the references that lead to them. */
export async function mergedInto(db: Queryable, personId: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    with recursive merged(id) as (select ${personId}::bigint union select p.id from person p join merged m on p.redirect_to = m.id)
    select id from merged`.execute(db);
  return rows.rows.map((row) => Number(row.id));
}

export async function hasActiveHold(db: Queryable, personIds: readonly number[]): Promise<boolean> {
  if (personIds.length === 0) return false;
  const row = await sql<{ held: boolean }>`select exists (select 1 from legal_hold where person_id = any(${[...personIds]}::bigint[]) and released_at is null) as held`.execute(db);
  return row.rows[0]?.held ?? false;
}

export type ContactsScrubbed = { contacts: number; cases: number; caseEvents: number; attachments: number; appointments: number; visits: number };

/**
 * Blanks what contacts, cases, appointments and visits say about the persons: summaries, callers' numbers, form
 * answers, notes and attachments. The rows stay, still counted (a contact on a channel, a case of a service, its
 * dates and status), so performance figures hold; nothing left names or describes the resident.
 */
export async function scrubContactsAndCases(db: Queryable, personIds: readonly number[]): Promise<ContactsScrubbed> {
  if (personIds.length === 0) return { contacts: 0, cases: 0, caseEvents: 0, attachments: 0, appointments: 0, visits: 0 };
  const ids = [...personIds];
  const contacts = await sql`update contact set summary = '', caller_number = null where person_id = any(${ids}::bigint[])`.execute(db);
  const cases = await sql`update service_case set answers = '{}'::jsonb where person_id = any(${ids}::bigint[])`.execute(db);
  // Opened, status and assignment events hold the workflow's facts; notes and attachments hold what people wrote.
  const caseEvents = await sql`update case_event set details = jsonb_build_object('erased', true)
    where kind in ('note', 'attachment', 'status') and case_id in (select id from service_case where person_id = any(${ids}::bigint[]))`.execute(db);
  const attachments = await sql`update case_attachment set content = ''::bytea, size_bytes = 0, file_name = 'erased', sha256 = 'erased'
    where case_id in (select id from service_case where person_id = any(${ids}::bigint[]))`.execute(db);
  const appointments = await sql`update appointment set visitor_name = 'Erased', phone = null, notes = '' where person_id = any(${ids}::bigint[])`.execute(db);
  const visits = await sql`update visit set visitor_name = '' where person_id = any(${ids}::bigint[])`.execute(db);
  const count = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0);
  return { contacts: count(contacts), cases: count(cases), caseEvents: count(caseEvents), attachments: count(attachments), appointments: count(appointments), visits: count(visits) };
}
