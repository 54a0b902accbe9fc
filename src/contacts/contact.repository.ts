import { sql, type Insertable } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import type { ContactTable } from '../db/schema.ts';
import type { ContactSummary, TimelineCursor, TimelineEntry } from './contact.ts';

// SQL for the contact ledger.

export type NewContact = Insertable<ContactTable>;

/** Writes a contact and its reasons (service ids) with the caller's transaction; returns its id. */
export async function insertContact(tx: Queryable, contact: NewContact, reasonServiceIds: readonly number[] = []): Promise<number> {
  const { id } = await tx.insertInto('contact').values(contact).returning('id').executeTakeFirstOrThrow();
  await addReasons(tx, id, reasonServiceIds);
  return id;
}

/** Adds reasons a contact does not have yet. */
export async function addReasons(tx: Queryable, contactId: number, serviceIds: readonly number[]): Promise<void> {
  const unique = [...new Set(serviceIds)];
  if (unique.length === 0) return;
  await tx.insertInto('contact_reason').values(unique.map((serviceId) => ({ contact_id: contactId, service_id: serviceId })))
    .onConflict((conflict) => conflict.columns(['contact_id', 'service_id']).doNothing()).execute();
}

/** Opens a call's contact unless the call id already has one; returns the contact's id and whether it is new. */
export async function insertCall(tx: Queryable, contact: NewContact & { call_id: string }): Promise<{ id: number; created: boolean }> {
  const inserted = await tx.insertInto('contact').values(contact)
    .onConflict((conflict) => conflict.column('call_id').where('call_id', 'is not', null).doNothing())
    .returning('id').executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await tx.selectFrom('contact').select('id').where('call_id', '=', contact.call_id).executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/** Service ids by code, for active services. */
export async function serviceIdsByCode(db: Queryable, codes: readonly string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('service').select(['id', 'code']).where('code', 'in', [...codes]).where('is_active', '=', true).execute();
  return new Map(rows.map((row) => [row.code, row.id]));
}

const contactColumns = [
  'contact.id', 'contact.person_id', 'contact.channel', 'contact.status', 'contact.started_at', 'contact.ended_at', 'contact.staff_user_id',
  'contact.caller_number', 'contact.call_id', 'contact.outcome', 'contact.resolved_first_contact', 'contact.avoidable', 'contact.avoidable_reason', 'contact.summary',
  'person.reference as person_reference', 'person.full_name as person_name', 'staff_user.display_name as staff_name',
] as const;

function contactsQuery(db: Queryable) {
  return db.selectFrom('contact')
    .leftJoin('person', 'person.id', 'contact.person_id')
    .leftJoin('staff_user', 'staff_user.id', 'contact.staff_user_id')
    .select(contactColumns);
}

type ContactRow = Awaited<ReturnType<ReturnType<typeof contactsQuery>['executeTakeFirstOrThrow']>>;

/** Contacts with their reasons and the cases they raised: three queries for any number of contacts. */
async function summaries(db: Queryable, rows: readonly ContactRow[]): Promise<ContactSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const reasons = await db.selectFrom('contact_reason').innerJoin('service', 'service.id', 'contact_reason.service_id')
    .select(['contact_reason.contact_id', 'service.code', 'service.name']).where('contact_reason.contact_id', 'in', ids).orderBy('service.name').execute();
  const cases = await db.selectFrom('service_case').innerJoin('service', 'service.id', 'service_case.service_id')
    .select(['service_case.contact_id', 'service_case.reference', 'service.name', 'service_case.status', 'service_case.due_at'])
    .where('service_case.contact_id', 'in', ids).orderBy('service_case.id').execute();
  return rows.map((row) => ({
    id: row.id, personId: row.person_id, personReference: row.person_reference, personName: row.person_name, channel: row.channel, status: row.status,
    startedAt: row.started_at, endedAt: row.ended_at, staffUserId: row.staff_user_id, staffName: row.staff_name, callerNumber: row.caller_number, callId: row.call_id,
    outcome: row.outcome, resolvedFirstContact: row.resolved_first_contact, avoidable: row.avoidable, avoidableReason: row.avoidable_reason, summary: row.summary,
    reasons: reasons.filter((reason) => reason.contact_id === row.id).map((reason) => ({ code: reason.code, name: reason.name })),
    cases: cases.filter((item) => item.contact_id === row.id).map((item) => ({ reference: item.reference, serviceName: item.name, status: item.status, dueAt: item.due_at })),
  }));
}

export async function findContact(db: Queryable, id: number): Promise<ContactSummary | undefined> {
  const row = await contactsQuery(db).where('contact.id', '=', id).executeTakeFirst();
  return row ? (await summaries(db, [row]))[0] : undefined;
}

/** A member of staff's open contacts, newest first (the desk's incoming calls). */
export async function openContactsOf(db: Queryable, staffUserId: number, limit: number): Promise<ContactSummary[]> {
  const rows = await contactsQuery(db).where('contact.staff_user_id', '=', staffUserId).where('contact.status', '=', 'open')
    .orderBy('contact.started_at', 'desc').limit(limit).execute();
  return summaries(db, rows);
}

/**
 * A resident's contacts and cases, newest first, from the entry after `cursor`: the latest `limit` of each by their
 * person indexes, merged. Ties at one instant are broken as compareEntries orders them (contacts first, higher id first).
 */
export async function timelineOf(db: Queryable, personId: number, limit: number, cursor?: TimelineCursor): Promise<TimelineEntry[]> {
  let contacts = contactsQuery(db).where('contact.person_id', '=', personId);
  let cases = db.selectFrom('service_case').innerJoin('service', 'service.id', 'service_case.service_id')
    .select(['service_case.id', 'service_case.reference', 'service.code', 'service.name', 'service_case.status', 'service_case.due_at', 'service_case.closed_at', 'service_case.contact_id', 'service_case.opened_at'])
    .where('service_case.person_id', '=', personId);
  if (cursor) {
    contacts = cursor.kind === 'contact'
      ? contacts.where(sql<boolean>`(contact.started_at, contact.id) < (${cursor.at}, ${cursor.id})`)
      : contacts.where('contact.started_at', '<', cursor.at);
    cases = cursor.kind === 'contact'
      ? cases.where('service_case.opened_at', '<=', cursor.at)
      : cases.where(sql<boolean>`(service_case.opened_at, service_case.id) < (${cursor.at}, ${cursor.id})`);
  }
  const contactRows = await contacts.orderBy('contact.started_at', 'desc').orderBy('contact.id', 'desc').limit(limit).execute();
  const caseRows = await cases.orderBy('service_case.opened_at', 'desc').orderBy('service_case.id', 'desc').limit(limit).execute();
  const contactEntries: TimelineEntry[] = (await summaries(db, contactRows)).map((contact) => ({ kind: 'contact', at: contact.startedAt, contact }));
  const caseEntries: TimelineEntry[] = caseRows.map((row) => ({
    kind: 'case', at: row.opened_at,
    case: { id: row.id, reference: row.reference, serviceCode: row.code, serviceName: row.name, status: row.status, dueAt: row.due_at, closedAt: row.closed_at, contactId: row.contact_id },
  }));
  return [...contactEntries, ...caseEntries];
}

/** A resident's cases not yet finished, soonest due first. */
export async function openCasesOf(db: Queryable, personId: number, limit: number) {
  return db.selectFrom('service_case').innerJoin('service', 'service.id', 'service_case.service_id')
    .select(['service_case.reference', 'service.name as serviceName', 'service_case.status', 'service_case.due_at as dueAt'])
    .where('service_case.person_id', '=', personId).where('service_case.closed_at', 'is', null)
    .where('service_case.status', 'not in', ['resolved', 'closed', 'cancelled'])
    .orderBy('service_case.due_at').limit(limit).execute();
}
