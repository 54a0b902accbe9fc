import { sql, type Updateable } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import type { VisitTable } from '../db/schema.ts';
import type { TicketPrefix, Visit, VisitStatus } from './visit.ts';

// SQL for the walk-in queue.

export type DayRange = { from: Date; to: Date };

function query(db: Queryable) {
  return db.selectFrom('visit')
    .leftJoin('service', 'service.id', 'visit.service_id')
    .leftJoin('person', 'person.id', 'visit.person_id')
    .leftJoin('staff_user', 'staff_user.id', 'visit.called_by')
    .select([
      'visit.id', 'visit.location', 'visit.ticket', 'visit.person_id', 'person.reference as person_reference', 'visit.visitor_name', 'visit.service_id',
      'service.name as service_name', 'visit.appointment_id', 'visit.status', 'visit.arrived_at', 'visit.called_at', 'visit.called_by',
      'staff_user.display_name as called_by_name', 'visit.desk', 'visit.finished_at', 'visit.contact_id', 'visit.issued_by',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;

function visitOf(row: Row): Visit {
  return {
    id: row.id, location: row.location, ticket: row.ticket, personId: row.person_id, personReference: row.person_reference, visitorName: row.visitor_name,
    serviceId: row.service_id, serviceName: row.service_name, appointmentId: row.appointment_id, status: row.status, arrivedAt: new Date(row.arrived_at),
    calledAt: row.called_at ? new Date(row.called_at) : null, calledBy: row.called_by, calledByName: row.called_by_name, desk: row.desk,
    finishedAt: row.finished_at ? new Date(row.finished_at) : null, contactId: row.contact_id, issuedBy: row.issued_by,
  };
}

/**
 * Holds the location's ticket numbering for the rest of the transaction: two receptionists issuing at once take
 * turns, so each reads the number the other wrote (the unique index visit_ticket_idx stands behind it).
 */
export async function lockTickets(tx: Queryable, location: string, day: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`onestop.tickets:${location}:${day}`}))`.execute(tx);
}

/** The next number for a prefix at a location on a London day: numbering starts again at 1 each day. */
export async function nextTicketNumber(tx: Queryable, location: string, range: DayRange, prefix: TicketPrefix): Promise<number> {
  const result = await sql<{ last: number | null }>`
    select max(substring(ticket from 2)::int) as last from visit
    where location = ${location} and arrived_at >= ${range.from} and arrived_at < ${range.to} and left(ticket, 1) = ${prefix}`.execute(tx);
  return Number(result.rows[0]?.last ?? 0) + 1;
}

export async function insertVisit(tx: Queryable, values: { location: string; ticket: string; personId: number | null; visitorName: string; serviceId: number | null; appointmentId: number | null; arrivedAt: Date; issuedBy: string }): Promise<number> {
  const row = await tx.insertInto('visit').values({
    location: values.location, ticket: values.ticket, person_id: values.personId, visitor_name: values.visitorName, service_id: values.serviceId,
    appointment_id: values.appointmentId, arrived_at: values.arrivedAt, issued_by: values.issuedBy,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findVisit(db: Queryable, id: number): Promise<Visit | undefined> {
  const row = await query(db).where('visit.id', '=', id).executeTakeFirst();
  return row ? visitOf(row) : undefined;
}

/** Locks one visit for the rest of the transaction and returns its status (undefined when there is none). */
export async function lockVisit(tx: Queryable, id: number): Promise<VisitStatus | undefined> {
  const row = await tx.selectFrom('visit').select('status').where('id', '=', id).forUpdate().executeTakeFirst();
  return row?.status;
}

/**
 * The visitor to call next, locked: checked-in appointments before walk-ins, then the longest waiting. Rows another
 * adviser is calling at this moment are skipped, so two advisers pressing "Call next" together get two visitors.
 */
export async function lockNextWaiting(tx: Queryable, location: string, range: DayRange): Promise<number | undefined> {
  const result = await sql<{ id: number }>`
    select id from visit
    where location = ${location} and status = 'waiting' and arrived_at >= ${range.from} and arrived_at < ${range.to}
    order by (appointment_id is null), arrived_at, id
    limit 1 for update skip locked`.execute(tx);
  const id = result.rows[0]?.id;
  return id === undefined ? undefined : Number(id);
}

/** Every visit at a location on a day, in the order they would be called. */
export async function visitsOn(db: Queryable, location: string, range: DayRange): Promise<Visit[]> {
  const rows = await query(db)
    .where('visit.location', '=', location).where('visit.arrived_at', '>=', range.from).where('visit.arrived_at', '<', range.to)
    .orderBy(sql`(visit.appointment_id is null)`).orderBy('visit.arrived_at').orderBy('visit.id')
    .execute();
  return rows.map(visitOf);
}

export async function updateVisit(tx: Queryable, id: number, changes: Updateable<VisitTable>): Promise<void> {
  await tx.updateTable('visit').set(changes).where('id', '=', id).execute();
}

export async function visitForAppointment(db: Queryable, appointmentId: number): Promise<number | undefined> {
  return (await db.selectFrom('visit').select('id').where('appointment_id', '=', appointmentId).orderBy('id', 'desc').executeTakeFirst())?.id;
}
