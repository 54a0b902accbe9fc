import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import type { StandardFields } from '../sources/source-record.ts';
import type { LinkInput } from './engine/prepare.ts';
import { toFields } from './relink.repository.ts';

// Finding who a record might be, through the database's indexes: the live counterpart of the engine's blocking.
// Any of: the same NI number, phone or email on a linked record; the same date of birth with a name or postcode
// that sounds alike; the same postcode with a name that sounds alike; the same sounding given and family name.

const perRule = 50;

/** For each record (by position), the active persons that might be it. */
export async function findCandidatePersons(db: Queryable, records: ReadonlyArray<StandardFields>): Promise<Map<number, number[]>> {
  if (records.length === 0) return new Map();
  const column = <T>(pick: (fields: StandardFields) => T | null) => records.map((fields) => pick(fields) ?? null);
  const rows = await sql<{ i: number; person_id: number }>`
    with q as (
      select * from unnest(${column((f) => f.niNumber)}::text[], ${column((f) => f.phone)}::text[], ${column((f) => f.email?.toLowerCase())}::text[],
        ${column((f) => f.dob)}::date[], ${column((f) => f.postcode)}::text[], ${column((f) => f.familyName)}::text[], ${column((f) => f.givenName)}::text[])
        with ordinality as t(ni, phone, email, dob, postcode, family, given, i)
    ),
    keyed as (select q.*, nullif(dmetaphone(coalesce(family, '')), '') as family_sound, nullif(dmetaphone(coalesce(given, '')), '') as given_sound from q)
    select distinct c.i, c.person_id from keyed k cross join lateral (
      -- Records first, a few at most, then their persons: a plan that joins every link to every record is never cheaper.
      select k.i, l.person_id from (
        (select r.id from source_record r where k.ni is not null and r.ni_number = k.ni limit ${perRule})
        union all
        (select r.id from source_record r where k.phone is not null and r.phone = k.phone limit ${perRule})
        union all
        (select r.id from source_record r where k.email is not null and r.email_key = k.email limit ${perRule})
        union all
        (select r.id from source_record r where k.postcode is not null and r.postcode = k.postcode
          and dmetaphone(coalesce(r.family_name, '')) = k.family_sound limit ${perRule})
      ) found cross join lateral (
        select person_id from person_link l where l.source_record_id = found.id and l.unlinked_at is null) l
      union all
      (select k.i, p.id from person p where k.dob is not null and p.dob = k.dob and p.status = 'active'
        and (p.family_phonetic = k.family_sound or p.given_phonetic = k.given_sound or p.postcode = k.postcode) limit ${perRule})
      union all
      (select k.i, p.id from person p where k.postcode is not null and p.postcode = k.postcode and p.status = 'active'
        and (p.family_phonetic = k.family_sound or p.given_phonetic = k.given_sound) limit ${perRule})
      union all
      (select k.i, p.id from person p where k.family_sound is not null and k.given_sound is not null and p.family_phonetic = k.family_sound
        and p.given_phonetic = k.given_sound and p.status = 'active' limit ${perRule})
    ) c`.execute(db);
  const found = new Map<number, number[]>();
  for (const row of rows.rows) {
    const index = Number(row.i) - 1;
    const list = found.get(index);
    if (list) list.push(Number(row.person_id));
    else found.set(index, [Number(row.person_id)]);
  }
  return found;
}

export type PersonRecord = { personId: number; sourceRecordId: number; input: LinkInput };

/** Every record currently linked to these persons, ready to score against. */
export async function recordsOfPersons(db: Queryable, personIds: readonly number[]): Promise<PersonRecord[]> {
  if (personIds.length === 0) return [];
  const rows = await sql<Parameters<typeof toFields>[0] & { id: number; person_id: number; code: string; source_id: string }>`
    select r.id, l.person_id, s.code, r.source_id, r.title, r.given_name, r.middle_name, r.family_name, r.full_name, r.dob, r.sex,
      r.address_line1, r.address_line2, r.town, r.postcode, r.uprn, r.address_from, r.address_to, r.phone, r.email, r.ni_number
    from person_link l join source_record r on r.id = l.source_record_id join source_system s on s.id = r.source_system_id
    where l.person_id = any(${[...personIds]}::bigint[]) and l.unlinked_at is null`.execute(db);
  return rows.rows.map((row) => ({ personId: Number(row.person_id), sourceRecordId: Number(row.id), input: { sourceSystem: row.code, sourceId: row.source_id, fields: toFields(row) } }));
}
