import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import { idIn } from '../db/sql.ts';
import type { StandardFields } from '../sources/source-record.ts';
import type { BundleAppointment, BundleCase, BundleContact, BundleLink, BundleRecordVersion, BundleSourceRecord, BundleVisit } from './subject-access.ts';

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

/** The resident's contacts, newest first, with the names of the services each was about. */
export async function contactsOf(db: Queryable, personId: number): Promise<BundleContact[]> {
  const rows = await sql<{ started_at: Date; ended_at: Date | null; channel: string; outcome: string | null; resolved_first_contact: boolean | null; avoidable: boolean | null; summary: string; reasons: string[] | null }>`
    select c.started_at, c.ended_at, c.channel, c.outcome, c.resolved_first_contact, c.avoidable, c.summary,
      (select array_agg(s.name order by s.name) from contact_reason r join service s on s.id = r.service_id where r.contact_id = c.id) as reasons
    from contact c where c.person_id = ${personId} order by c.started_at desc, c.id desc`.execute(db);
  return rows.rows.map((row) => ({
    startedAt: row.started_at, endedAt: row.ended_at, channel: row.channel, reasons: row.reasons ?? [], outcome: row.outcome,
    resolvedFirstContact: row.resolved_first_contact, avoidable: row.avoidable, summary: row.summary,
  }));
}

/** The resident's cases, newest first, each with its whole history. */
export async function casesOf(db: Queryable, personId: number): Promise<BundleCase[]> {
  const cases = await db.selectFrom('service_case as c').innerJoin('service as s', 's.id', 'c.service_id')
    .select(['c.id', 'c.reference', 's.name as service', 'c.status', 'c.opened_at', 'c.due_at', 'c.closed_at', 'c.answers'])
    .where('c.person_id', '=', personId).orderBy('c.opened_at', 'desc').orderBy('c.id', 'desc').execute();
  if (cases.length === 0) return [];
  const events = await db.selectFrom('case_event').select(['case_id', 'at', 'kind', 'actor_name', 'details'])
    .where('case_id', 'in', cases.map((item) => item.id)).orderBy('id').execute();
  return cases.map((item) => ({
    reference: item.reference, service: item.service, status: item.status, openedAt: item.opened_at, dueAt: item.due_at, closedAt: item.closed_at,
    answers: item.answers,
    history: events.filter((event) => event.case_id === item.id).map((event) => ({ at: event.at, kind: event.kind, by: event.actor_name, details: event.details })),
  }));
}

export async function appointmentsOf(db: Queryable, personId: number): Promise<BundleAppointment[]> {
  const rows = await db.selectFrom('appointment as a').leftJoin('service as s', 's.id', 'a.service_id')
    .select(['a.starts_at', 'a.ends_at', 'a.location', 's.name as service', 'a.status', 'a.notes'])
    .where('a.person_id', '=', personId).orderBy('a.starts_at', 'desc').execute();
  return rows.map((row) => ({ startsAt: row.starts_at, endsAt: row.ends_at, location: row.location, service: row.service, status: row.status, notes: row.notes }));
}

export async function visitsOf(db: Queryable, personId: number): Promise<BundleVisit[]> {
  const rows = await db.selectFrom('visit as v').leftJoin('service as s', 's.id', 'v.service_id')
    .select(['v.arrived_at', 'v.location', 'v.ticket', 's.name as service', 'v.status', 'v.finished_at'])
    .where('v.person_id', '=', personId).orderBy('v.arrived_at', 'desc').execute();
  return rows.map((row) => ({ arrivedAt: row.arrived_at, location: row.location, ticket: row.ticket, service: row.service, status: row.status, finishedAt: row.finished_at }));
}
