import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import { idIn } from '../db/sql.ts';
import type { StandardFields } from '../sources/source-record.ts';
import type { BundleLink, BundleRecordVersion, BundleSourceRecord } from './subject-access.ts';

// SQL that reads what a subject access bundle holds. Run in a transaction that sees every record (the data
// protection officer acts for the council), each query by the resident's id through an index.

export async function sourceRecordsOf(db: Queryable, personId: number): Promise<Array<Omit<BundleSourceRecord, 'versions'>>> {
  const rows = await db
    .selectFrom('person_link as l')
    .innerJoin('source_record as r', 'r.id', 'l.source_record_id')
    .innerJoin('source_system as s', 's.id', 'r.source_system_id')
    .leftJoin('team as t', 't.id', 's.team_id')
    .select([
      'r.id', 's.code', 's.name', 's.restricted', 't.name as team_name', 'r.source_id', 'r.raw', 'r.version', 'r.first_seen_at', 'r.last_seen_at',
      'r.changed_at', 'r.ended_at', 'r.erased_at', 'r.title', 'r.given_name', 'r.middle_name', 'r.family_name', 'r.full_name', 'r.dob', 'r.sex',
      'r.address_line1', 'r.address_line2', 'r.town', 'r.postcode', 'r.uprn', 'r.address_from', 'r.address_to', 'r.phone', 'r.email', 'r.ni_number',
      'l.method', 'l.score', 'l.linked_at', 'l.linked_by',
    ])
    .where('l.person_id', '=', personId)
    .where('l.unlinked_at', 'is', null)
    .orderBy('s.name').orderBy('r.source_id')
    .execute();
  return rows.map((row) => ({
    sourceRecordId: row.id, system: { code: row.code, name: row.name },
    restrictedService: row.restricted ? { teamName: row.team_name ?? row.name } : null,
    sourceId: row.source_id, raw: row.raw, version: row.version,
    firstSeenAt: row.first_seen_at, lastSeenAt: row.last_seen_at, changedAt: row.changed_at, endedAt: row.ended_at, erasedAt: row.erased_at,
    fields: {
      title: row.title, givenName: row.given_name, middleName: row.middle_name, familyName: row.family_name, fullName: row.full_name,
      dob: row.dob, sex: row.sex as StandardFields['sex'], addressLine1: row.address_line1, addressLine2: row.address_line2,
      town: row.town, postcode: row.postcode, uprn: row.uprn, addressFrom: row.address_from, addressTo: row.address_to,
      phone: row.phone, email: row.email, niNumber: row.ni_number,
    },
    link: { method: row.method, score: row.score, linkedAt: row.linked_at, linkedBy: row.linked_by },
  }));
}

export async function versionsOf(db: Queryable, recordIds: readonly number[]): Promise<Map<number, BundleRecordVersion[]>> {
  const byRecord = new Map<number, BundleRecordVersion[]>();
  if (recordIds.length === 0) return byRecord;
  const rows = await db.selectFrom('source_record_version').select(['source_record_id', 'version', 'raw', 'standardised', 'valid_from', 'valid_to'])
    .where(idIn('source_record_id', recordIds)).orderBy('source_record_id').orderBy('version').execute();
  for (const row of rows) {
    const list = byRecord.get(row.source_record_id) ?? [];
    list.push({ version: row.version, raw: row.raw, standardised: row.standardised, validFrom: row.valid_from, validTo: row.valid_to });
    byRecord.set(row.source_record_id, list);
  }
  return byRecord;
}

/** Every link the resident has had, open or closed; a record now someone else's is named by its system only. */
export async function linkHistoryOf(db: Queryable, personId: number): Promise<BundleLink[]> {
  const rows = await sql<{ name: string; source_id: string; still_theirs: boolean; method: string; linked_at: Date; linked_by: string; unlinked_at: Date | null; unlinked_by: string | null }>`
    select s.name, r.source_id, exists (select 1 from person_link c where c.source_record_id = l.source_record_id and c.unlinked_at is null and c.person_id = ${personId}) as still_theirs,
      l.method, l.linked_at, l.linked_by, l.unlinked_at, l.unlinked_by
    from person_link l join source_record r on r.id = l.source_record_id join source_system s on s.id = r.source_system_id
    where l.person_id = ${personId} order by l.linked_at, l.id`.execute(db);
  return rows.rows.map((row) => ({
    system: row.name, sourceId: row.still_theirs ? row.source_id : null, method: row.method,
    linkedAt: row.linked_at, linkedBy: row.linked_by, unlinkedAt: row.unlinked_at, unlinkedBy: row.unlinked_by,
  }));
}

/** Other people living, now, at any address the resident lives or lived at: their names are redacted. */
export async function householdNamesOf(db: Queryable, personId: number): Promise<Array<{ fullName: string | null; givenName: string | null; familyName: string | null }>> {
  // Two steps: given the addresses as a value, the planner uses the UPRN index rather than hashing every occupancy.
  const uprns = (await db.selectFrom('occupancy').select('uprn').where('person_id', '=', personId).execute()).map((row) => row.uprn);
  if (uprns.length === 0) return [];
  const rows = await sql<{ full_name: string | null; given_name: string | null; family_name: string | null }>`
    select distinct p.full_name, p.given_name, p.family_name
    from occupancy o join person p on p.id = o.person_id
    where o.uprn = any(${uprns}::text[]) and o.is_current and o.person_id <> ${personId}`.execute(db);
  return rows.rows.map((row) => ({ fullName: row.full_name, givenName: row.given_name, familyName: row.family_name }));
}

export async function identityChangesOf(db: Queryable, personId: number): Promise<Array<{ kind: string; at: Date; recordsJoined: number; recordsLeft: number }>> {
  const rows = await db.selectFrom('person_change_person as cp').innerJoin('person_change as c', 'c.id', 'cp.change_id')
    .select(['c.kind', 'c.at', 'c.moves']).where('cp.person_id', '=', personId).orderBy('c.at').execute();
  return rows.map((row) => ({
    kind: row.kind, at: row.at,
    recordsJoined: row.moves.filter((move) => move.toPersonId === personId).length,
    recordsLeft: row.moves.filter((move) => move.fromPersonId === personId).length,
  }));
}
