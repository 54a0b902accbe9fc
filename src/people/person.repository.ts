import type { Queryable } from '../db/connection.ts';
import type { StandardFields } from '../sources/source-record.ts';
import { sql } from 'kysely';
import type { Person, RestrictedService, SourceRecordView, SystemGroup, TimelineItem } from './person.ts';

// SQL that reads persons and what is linked to them.

export async function findPerson(db: Queryable, id: number): Promise<Person | undefined> {
  const row = await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id, reference: row.reference, status: row.status, redirectTo: row.redirect_to,
    fields: {
      title: row.title, givenName: row.given_name, middleName: row.middle_name, familyName: row.family_name, fullName: row.full_name,
      dob: row.dob, sex: row.sex as StandardFields['sex'], addressLine1: row.address_line1, addressLine2: row.address_line2,
      town: row.town, postcode: row.postcode, uprn: row.uprn, addressFrom: null, addressTo: null, phone: row.phone,
      email: row.email, niNumber: row.ni_number,
    },
    provenance: row.provenance as Person['provenance'],
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export async function findPersonIdByReference(db: Queryable, reference: string): Promise<number | undefined> {
  const row = await db.selectFrom('person').select('id').where('reference', '=', reference).executeTakeFirst();
  return row?.id;
}

export async function linkedRecordsBySystem(db: Queryable, personId: number): Promise<SystemGroup[]> {
  const rows = await db
    .selectFrom('person_link as l')
    .innerJoin('source_record as r', 'r.id', 'l.source_record_id')
    .innerJoin('source_system as s', 's.id', 'r.source_system_id')
    .select([
      's.code', 's.name', 's.trust', 'r.id', 'r.source_id', 'r.raw', 'r.version', 'r.first_seen_at', 'r.last_seen_at', 'r.changed_at',
      'r.ended_at', 'r.title', 'r.given_name', 'r.middle_name', 'r.family_name', 'r.full_name', 'r.dob', 'r.sex',
      'r.address_line1', 'r.address_line2', 'r.town', 'r.postcode', 'r.uprn', 'r.uprn_source', 'r.address_from', 'r.address_to',
      'r.phone', 'r.email', 'r.ni_number', 'l.method', 'l.score', 'l.evidence', 'l.linked_at', 'l.linked_by',
    ])
    .where('l.person_id', '=', personId)
    .where('l.unlinked_at', 'is', null)
    .orderBy('s.trust', 'desc')
    .orderBy('s.name')
    .orderBy('r.last_seen_at', 'desc')
    .execute();
  const groups = new Map<string, SystemGroup>();
  for (const row of rows) {
    const group = groups.get(row.code) ?? { code: row.code, name: row.name, trust: row.trust, records: [] };
    groups.set(row.code, group);
    const record: SourceRecordView = {
      sourceRecordId: row.id, sourceId: row.source_id, raw: row.raw, version: row.version, uprnSource: row.uprn_source,
      firstSeenAt: row.first_seen_at, lastSeenAt: row.last_seen_at, changedAt: row.changed_at, endedAt: row.ended_at,
      fields: {
        title: row.title, givenName: row.given_name, middleName: row.middle_name, familyName: row.family_name, fullName: row.full_name,
        dob: row.dob, sex: row.sex as StandardFields['sex'], addressLine1: row.address_line1, addressLine2: row.address_line2,
        town: row.town, postcode: row.postcode, uprn: row.uprn, addressFrom: row.address_from, addressTo: row.address_to,
        phone: row.phone, email: row.email, niNumber: row.ni_number,
      },
      link: { method: row.method, score: row.score, evidence: row.evidence, linkedAt: row.linked_at, linkedBy: row.linked_by },
    };
    group.records.push(record);
  }
  return [...groups.values()];
}

/** The resident's history with the council so far: records arriving, changing, ending and moving. */
export async function recordTimeline(db: Queryable, personId: number, limit: number): Promise<TimelineItem[]> {
  const links = await db
    .selectFrom('person_link as l')
    .innerJoin('source_record as r', 'r.id', 'l.source_record_id')
    .innerJoin('source_system as s', 's.id', 'r.source_system_id')
    .select(['s.name', 'r.source_id', 'r.id', 'l.linked_at', 'l.unlinked_at', 'l.method', 'r.ended_at'])
    .where('l.person_id', '=', personId)
    .orderBy('l.linked_at', 'desc')
    .limit(limit)
    .execute();
  const versions = await db
    .selectFrom('source_record_version as v')
    .innerJoin('person_link as l', (join) => join.onRef('l.source_record_id', '=', 'v.source_record_id').on('l.unlinked_at', 'is', null))
    .innerJoin('source_record as r', 'r.id', 'v.source_record_id')
    .innerJoin('source_system as s', 's.id', 'r.source_system_id')
    .select(['s.name', 'r.source_id', 'v.valid_to', 'v.version'])
    .where('l.person_id', '=', personId)
    .orderBy('v.valid_to', 'desc')
    .limit(limit)
    .execute();
  const items: TimelineItem[] = [];
  for (const link of links) {
    items.push({ at: link.linked_at, kind: 'record_linked', title: `${link.name} record linked`, detail: `${link.name} reference ${link.source_id}, linked by ${describeMethod(link.method)}` });
    if (link.unlinked_at) items.push({ at: link.unlinked_at, kind: 'record_unlinked', title: `${link.name} record moved away`, detail: `${link.name} reference ${link.source_id}` });
    if (link.ended_at && !link.unlinked_at) items.push({ at: link.ended_at, kind: 'record_ended', title: `${link.name} no longer holds this record`, detail: `${link.name} reference ${link.source_id} was missing from a full extract` });
  }
  for (const version of versions) {
    items.push({ at: version.valid_to, kind: 'record_changed', title: `${version.name} record changed`, detail: `${version.name} reference ${version.source_id}: version ${version.version + 1} replaced version ${version.version}` });
  }
  return items.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}

export function describeMethod(method: string): string {
  const rules: Record<string, string> = {
    'deterministic:same_ni_number': 'the same National Insurance number',
    'deterministic:same_name_dob_postcode': 'the same name, date of birth and postcode',
    'deterministic:new_person': 'no match with anyone known, so a new person',
  };
  return rules[method] ?? method;
}

export async function countAll(db: Queryable): Promise<{ persons: number; sourceRecords: number; links: number; systems: number; properties: number }> {
  const count = async (table: 'person' | 'source_record' | 'source_system' | 'property') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const persons = Number((await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'active').executeTakeFirstOrThrow()).n);
  const links = Number((await db.selectFrom('person_link').select((eb) => eb.fn.countAll<number>().as('n')).where('unlinked_at', 'is', null).executeTakeFirstOrThrow()).n);
  return { persons, sourceRecords: await count('source_record'), links, systems: await count('source_system'), properties: await count('property') };
}

/** Which restricted services know the resident, and whom to contact: nothing of what their records say. */
export async function restrictedServices(db: Queryable, personId: number): Promise<RestrictedService[]> {
  const rows = await sql<{ system_name: string; team_name: string; contact: string }>`select * from onestop_restricted_services(${personId})`.execute(db);
  return rows.rows.map((row) => ({ systemName: row.system_name, teamName: row.team_name, contact: row.contact }));
}
