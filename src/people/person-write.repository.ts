import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import type { StandardFields } from '../sources/source-record.ts';
import type { LinkedRecord } from './survivorship.ts';
import type { AddressEvidence } from '../places/occupancy.ts';
import { idIn } from '../db/sql.ts';

// SQL that writes persons, their golden records and the links that tie source records to them.

export type GoldenRow = { id: number; fields: StandardFields; provenance: object; searchName: string };
export type NewPersonRow = GoldenRow & { reference: string };
export type LinkRow = { sourceRecordId: number; personId: number; method: string; score: number | null; evidence: object; linkedBy: string };

export async function allocatePersonIds(db: Queryable, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await sql<{ id: number }>`select nextval('person_id_seq') as id from generate_series(1, ${count}::int)`.execute(db);
  return rows.rows.map((row) => Number(row.id));
}

function goldenArrays(rows: readonly GoldenRow[]) {
  const column = (pick: (fields: StandardFields) => string | null) => rows.map((row) => pick(row.fields));
  return sql`${rows.map((row) => row.id)}::bigint[], ${column((f) => f.title)}::text[], ${column((f) => f.givenName)}::text[],
    ${column((f) => f.middleName)}::text[], ${column((f) => f.familyName)}::text[], ${column((f) => f.fullName)}::text[],
    ${column((f) => f.dob)}::date[], ${column((f) => f.sex)}::text[], ${column((f) => f.addressLine1)}::text[],
    ${column((f) => f.addressLine2)}::text[], ${column((f) => f.town)}::text[], ${column((f) => f.postcode)}::text[],
    ${column((f) => f.uprn)}::text[], ${column((f) => f.phone)}::text[], ${column((f) => f.email)}::text[],
    ${column((f) => f.niNumber)}::text[], ${rows.map((row) => JSON.stringify(row.provenance))}::jsonb[],
    ${rows.map((row) => row.searchName)}::text[]`;
}

const goldenColumns = sql.raw(`id, title, given_name, middle_name, family_name, full_name, dob, sex, address_line1,
  address_line2, town, postcode, uprn, phone, email, ni_number, provenance, search_name`);

export async function insertPersons(db: Queryable, rows: readonly NewPersonRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`insert into person (${goldenColumns}, reference)
    select * from unnest(${goldenArrays(rows)}, ${rows.map((row) => row.reference)}::text[])`.execute(db);
  await recordNames(db, rows);
}

/** Adds names not seen before to the names that search looks through. */
async function recordNames(db: Queryable, rows: readonly GoldenRow[]): Promise<void> {
  const names = [...new Set(rows.map((row) => row.searchName).filter((name) => name !== ''))];
  if (names.length === 0) return;
  await sql`insert into person_name (search_name) select unnest(${names}::text[]) order by 1 on conflict do nothing`.execute(db);
}

/** The golden column: the correction in force for the field, if any, else what survivorship chose. */
function corrected(column: string, field: string, type: 'text' | 'date' = 'text') {
  return sql.raw(`case when person.corrections ? '${field}' then (person.corrections->>'${field}')::${type} else g.${column} end`);
}

export async function updateGoldenRecords(db: Queryable, rows: readonly GoldenRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  // A correction (rectification, src/privacy) stands over what the sources say until it is withdrawn.
  await sql`update person set title = ${corrected('title', 'title')}, given_name = ${corrected('given_name', 'givenName')},
      middle_name = ${corrected('middle_name', 'middleName')}, family_name = ${corrected('family_name', 'familyName')},
      full_name = ${corrected('full_name', 'fullName')}, dob = ${corrected('dob', 'dob', 'date')}, sex = ${corrected('sex', 'sex')},
      address_line1 = ${corrected('address_line1', 'addressLine1')}, address_line2 = ${corrected('address_line2', 'addressLine2')},
      town = ${corrected('town', 'town')}, postcode = ${corrected('postcode', 'postcode')}, uprn = g.uprn, phone = ${corrected('phone', 'phone')},
      email = ${corrected('email', 'email')}, ni_number = ${corrected('ni_number', 'niNumber')},
      provenance = g.provenance - array(select jsonb_object_keys(person.corrections)),
      search_name = case when person.corrections ?| array['givenName', 'familyName'] then person.search_name else g.search_name end,
      status = case when g.family_name is null and g.full_name is null and person.status = 'active'
                    and not exists (select 1 from person_link pl where pl.person_id = person.id and pl.unlinked_at is null)
               then 'empty' else person.status end,
      updated_at = ${now}
    from unnest(${goldenArrays(rows)}) as g(${goldenColumns})
    where person.id = g.id`.execute(db);
  await recordNames(db, rows);
}

export async function insertLinks(db: Queryable, links: readonly LinkRow[], now: Date): Promise<void> {
  if (links.length === 0) return;
  await sql`insert into person_link (source_record_id, person_id, method, score, evidence, linked_by, linked_at)
    select s, p, m, sc, e, b, ${now} from unnest(${links.map((l) => l.sourceRecordId)}::bigint[], ${links.map((l) => l.personId)}::bigint[],
      ${links.map((l) => l.method)}::text[], ${links.map((l) => l.score)}::float8[],
      ${links.map((l) => JSON.stringify(l.evidence))}::jsonb[], ${links.map((l) => l.linkedBy)}::text[]) as t(s, p, m, sc, e, b)`.execute(db);
}

export type LinkedRecordWithPerson = LinkedRecord & { personId: number; address: AddressEvidence | null; restricted: boolean };

/** Every record currently linked to these persons, with what survivorship and occupancy need. */
export async function loadLinkedRecords(db: Queryable, personIds: readonly number[]): Promise<LinkedRecordWithPerson[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('person_link as pl')
    .innerJoin('source_record as sr', 'sr.id', 'pl.source_record_id')
    .innerJoin('source_system as ss', 'ss.id', 'sr.source_system_id')
    .select([
      'pl.person_id', 'sr.id', 'ss.code', 'ss.trust', 'ss.restricted', 'sr.changed_at', 'sr.last_seen_at', 'sr.first_seen_at', 'sr.ended_at',
      'sr.title', 'sr.given_name', 'sr.middle_name', 'sr.family_name', 'sr.full_name', 'sr.dob', 'sr.sex',
      'sr.address_line1', 'sr.address_line2', 'sr.town', 'sr.postcode', 'sr.uprn', 'sr.address_from', 'sr.address_to',
      'sr.phone', 'sr.email', 'sr.ni_number',
    ])
    .where(idIn('pl.person_id', personIds))
    .where('pl.unlinked_at', 'is', null)
    .execute();
  return rows.map((row) => ({
    personId: row.person_id,
    restricted: row.restricted,
    sourceRecordId: row.id,
    systemCode: row.code,
    trust: row.trust,
    changedAt: row.changed_at,
    lastSeenAt: row.last_seen_at,
    ended: row.ended_at !== null,
    fields: {
      title: row.title, givenName: row.given_name, middleName: row.middle_name, familyName: row.family_name,
      fullName: row.full_name, dob: row.dob, sex: row.sex as StandardFields['sex'], addressLine1: row.address_line1,
      addressLine2: row.address_line2, town: row.town, postcode: row.postcode, uprn: row.uprn,
      addressFrom: row.address_from, addressTo: row.address_to, phone: row.phone, email: row.email, niNumber: row.ni_number,
    },
    address: row.uprn
      ? { uprn: row.uprn, addressFrom: row.address_from, addressTo: row.address_to, firstSeenAt: row.first_seen_at, endedAt: row.ended_at }
      : null,
  }));
}

/** Addresses earlier versions of the linked records gave: where a record said someone lived before it changed. */
export async function loadEarlierAddresses(db: Queryable, personIds: readonly number[]): Promise<Array<{ personId: number; address: AddressEvidence }>> {
  if (personIds.length === 0) return [];
  const rows = await sql<{ person_id: number; uprn: string; address_from: string | null; address_to: string | null; valid_from: Date; valid_to: Date }>`
    select l.person_id, v.standardised->>'uprn' as uprn, v.standardised->>'address_from' as address_from,
      v.standardised->>'address_to' as address_to, v.valid_from, v.valid_to
    from person_link l join source_record_version v on v.source_record_id = l.source_record_id
    where l.person_id = any(${[...personIds]}::bigint[]) and l.unlinked_at is null and v.standardised ? 'uprn'`.execute(db);
  return rows.rows.map((row) => ({
    personId: Number(row.person_id),
    address: { uprn: row.uprn, addressFrom: row.address_from, addressTo: row.address_to, firstSeenAt: row.valid_from, endedAt: row.valid_to },
  }));
}

export type UnlinkedRecord = { sourceSystemId: number; nameKey: string | null; record: LinkedRecord; address: AddressEvidence | null; restricted: boolean };

/** Source records with no current link to a person, oldest first. */
export async function loadUnlinkedRecords(db: Queryable, limit: number): Promise<UnlinkedRecord[]> {
  const rows = await db
    .selectFrom('source_record as sr')
    .innerJoin('source_system as ss', 'ss.id', 'sr.source_system_id')
    .select([
      'sr.id', 'sr.source_system_id', 'sr.name_key', 'ss.code', 'ss.trust', 'ss.restricted', 'sr.changed_at', 'sr.last_seen_at', 'sr.first_seen_at', 'sr.ended_at',
      'sr.title', 'sr.given_name', 'sr.middle_name', 'sr.family_name', 'sr.full_name', 'sr.dob', 'sr.sex',
      'sr.address_line1', 'sr.address_line2', 'sr.town', 'sr.postcode', 'sr.uprn', 'sr.address_from', 'sr.address_to',
      'sr.phone', 'sr.email', 'sr.ni_number',
    ])
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('person_link as pl').select('pl.id').whereRef('pl.source_record_id', '=', 'sr.id').where('pl.unlinked_at', 'is', null))))
    .orderBy('sr.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    sourceSystemId: row.source_system_id,
    nameKey: row.name_key,
    restricted: row.restricted,
    record: {
      sourceRecordId: row.id, systemCode: row.code, trust: row.trust, changedAt: row.changed_at, lastSeenAt: row.last_seen_at, ended: row.ended_at !== null,
      fields: {
        title: row.title, givenName: row.given_name, middleName: row.middle_name, familyName: row.family_name, fullName: row.full_name,
        dob: row.dob, sex: row.sex as StandardFields['sex'], addressLine1: row.address_line1, addressLine2: row.address_line2, town: row.town,
        postcode: row.postcode, uprn: row.uprn, addressFrom: row.address_from, addressTo: row.address_to, phone: row.phone, email: row.email, niNumber: row.ni_number,
      },
    },
    address: row.uprn ? { uprn: row.uprn, addressFrom: row.address_from, addressTo: row.address_to, firstSeenAt: row.first_seen_at, endedAt: row.ended_at } : null,
  }));
}
