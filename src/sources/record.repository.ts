import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import type { StandardFields } from './source-record.ts';
import type { RecordWrite } from './source.ts';

// SQL for source records: set-based writes of a whole batch at a time.

export type ExistingRecord = { id: number; sourceId: string; rowHash: string; lastImportId: number | null; ended: boolean; personId: number | null };

/** The records already held for these ids, locked for this transaction (waiting for any other that is writing them). */
export async function lockExisting(db: Queryable, systemId: number, sourceIds: readonly string[]): Promise<Map<string, ExistingRecord>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await sql<{ id: number; source_id: string; row_hash: string; last_import_id: number | null; ended: boolean; person_id: number | null }>`
    select r.id, r.source_id, r.row_hash, r.last_import_id, r.ended_at is not null as ended, l.person_id
    from source_record r left join person_link l on l.source_record_id = r.id and l.unlinked_at is null
    where r.source_system_id = ${systemId} and r.source_id = any(${sourceIds}::text[])
    order by r.id for update of r`.execute(db);
  return new Map(rows.rows.map((row) => [row.source_id, {
    id: Number(row.id), sourceId: row.source_id, rowHash: row.row_hash, lastImportId: row.last_import_id === null ? null : Number(row.last_import_id),
    ended: row.ended, personId: row.person_id === null ? null : Number(row.person_id),
  }]));
}

function fieldArrays(rows: readonly RecordWrite[]): RawBuilder<unknown> {
  const column = (pick: (fields: StandardFields) => string | null) => rows.map((row) => pick(row.fields));
  return sql`${column((f) => f.title)}::text[], ${column((f) => f.givenName)}::text[], ${column((f) => f.middleName)}::text[],
    ${column((f) => f.familyName)}::text[], ${column((f) => f.fullName)}::text[], ${column((f) => f.dob)}::date[],
    ${column((f) => f.sex)}::text[], ${column((f) => f.addressLine1)}::text[], ${column((f) => f.addressLine2)}::text[],
    ${column((f) => f.town)}::text[], ${column((f) => f.postcode)}::text[], ${column((f) => f.uprn)}::text[],
    ${rows.map((row) => row.uprnSource)}::text[], ${column((f) => f.addressFrom)}::date[], ${column((f) => f.addressTo)}::date[],
    ${column((f) => f.phone)}::text[], ${column((f) => f.email)}::text[], ${column((f) => f.niNumber)}::text[],
    ${rows.map((row) => row.nameKey)}::text[], ${rows.map((row) => JSON.stringify(row.raw))}::jsonb[], ${rows.map((row) => row.rowHash)}::text[]`;
}

const fieldColumns = `title, given_name, middle_name, family_name, full_name, dob, sex, address_line1, address_line2, town,
  postcode, uprn, uprn_source, address_from, address_to, phone, email, ni_number, name_key, raw, row_hash`;

/** Inserts new records, skipping any another batch of the same run inserted first; returns "systemId:sourceId" to id. */
export async function insertRecords(db: Queryable, rows: readonly RecordWrite[], runId: number, now: Date): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const result = await sql<{ id: number; source_system_id: number; source_id: string }>`
    insert into source_record (source_system_id, source_id, ${sql.raw(fieldColumns)}, first_seen_at, last_seen_at, changed_at, last_import_id)
    select s, i, ${sql.raw(fieldColumns)}, ${now}, ${now}, ${now}, ${runId}
    from unnest(${rows.map((row) => row.sourceSystemId)}::int[], ${rows.map((row) => row.sourceId)}::text[], ${fieldArrays(rows)})
      as t(s, i, ${sql.raw(fieldColumns)})
    on conflict (source_system_id, source_id) do nothing
    returning id, source_system_id, source_id`.execute(db);
  return new Map(result.rows.map((row) => [`${row.source_system_id}:${row.source_id}`, Number(row.id)]));
}

/** Keeps each record's current version whole before it is overwritten. */
export async function keepVersions(db: Queryable, ids: readonly number[], runId: number, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    insert into source_record_version (source_record_id, version, raw, standardised, row_hash, valid_from, valid_to, replaced_by_import_id)
    select id, version, raw,
      jsonb_strip_nulls(jsonb_build_object('title', title, 'given_name', given_name, 'middle_name', middle_name,
        'family_name', family_name, 'full_name', full_name, 'dob', dob, 'sex', sex, 'address_line1', address_line1,
        'address_line2', address_line2, 'town', town, 'postcode', postcode, 'uprn', uprn, 'address_from', address_from,
        'address_to', address_to, 'phone', phone, 'email', email, 'ni_number', ni_number, 'ended_at', ended_at)),
      row_hash, changed_at, ${now}, ${runId}
    from source_record where id = any(${[...ids]}::bigint[])`.execute(db);
}

export async function updateRecords(db: Queryable, rows: ReadonlyArray<RecordWrite & { id: number }>, runId: number, now: Date): Promise<void> {
  if (rows.length === 0) return;
  const assignments = fieldColumns.split(',').map((column) => `${column.trim()} = t.${column.trim()}`).join(', ');
  await sql`
    update source_record set ${sql.raw(assignments)}, version = source_record.version + 1, changed_at = ${now},
      last_seen_at = ${now}, last_import_id = ${runId}, ended_at = null
    from unnest(${rows.map((row) => row.id)}::bigint[], ${fieldArrays(rows)}) as t(id, ${sql.raw(fieldColumns)})
    where source_record.id = t.id`.execute(db);
}

export async function markSeen(db: Queryable, ids: readonly number[], runId: number, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await sql`update source_record set last_seen_at = ${now}, last_import_id = ${runId} where id = any(${[...ids]}::bigint[])`.execute(db);
}

/** A full extract lists everything the system holds: what it no longer lists has ended there. Never deleted. */
export async function endMissing(db: Queryable, systemId: number, runId: number, now: Date): Promise<{ ended: number; personIds: number[] }> {
  const result = await sql<{ person_id: number | null }>`
    with ended as (
      update source_record set ended_at = ${now}
      where source_system_id = ${systemId} and ended_at is null and last_import_id is distinct from ${runId}
      returning id)
    select l.person_id from ended left join person_link l on l.source_record_id = ended.id and l.unlinked_at is null`.execute(db);
  const personIds = result.rows.flatMap((row) => (row.person_id === null ? [] : [Number(row.person_id)]));
  return { ended: result.rows.length, personIds: [...new Set(personIds)] };
}
