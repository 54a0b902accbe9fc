import { sql, type Updateable } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import type { AppointmentTable } from '../db/schema.ts';
import { holdingStatuses, type Appointment, type AppointmentStatus, type Booked } from './appointment.ts';
import type { DayRange } from './visit.repository.ts';

// SQL for One Stop Shop appointments.

function query(db: Queryable) {
  return db.selectFrom('appointment')
    .leftJoin('service', 'service.id', 'appointment.service_id')
    .leftJoin('person', 'person.id', 'appointment.person_id')
    .select((eb) => [
      'appointment.id', 'appointment.location', 'appointment.person_id', 'person.reference as person_reference', 'appointment.visitor_name', 'appointment.phone',
      'appointment.service_id', 'service.name as service_name', 'appointment.starts_at', 'appointment.ends_at', 'appointment.status', 'appointment.notes',
      'appointment.booked_by', 'appointment.booked_at', 'appointment.cancelled_reason',
      eb.selectFrom('visit').select('visit.id').whereRef('visit.appointment_id', '=', 'appointment.id').orderBy('visit.id', 'desc').limit(1).as('visit_id'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;

function appointmentOf(row: Row): Appointment {
  return {
    id: row.id, location: row.location, personId: row.person_id, personReference: row.person_reference, visitorName: row.visitor_name, phone: row.phone,
    serviceId: row.service_id, serviceName: row.service_name, startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at), status: row.status,
    notes: row.notes, bookedBy: row.booked_by, bookedAt: new Date(row.booked_at), cancelledReason: row.cancelled_reason,
    visitId: row.visit_id === null ? null : Number(row.visit_id),
  };
}

/** Holds a location's diary for a day for the rest of the transaction, so two bookings cannot both take the last desk. */
export async function lockDiary(tx: Queryable, location: string, day: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`onestop.diary:${location}:${day}`}))`.execute(tx);
}

/** The appointments holding a desk at a location on a day. */
export async function bookedOn(db: Queryable, location: string, range: DayRange): Promise<Booked[]> {
  const rows = await db.selectFrom('appointment').select(['starts_at', 'ends_at'])
    .where('location', '=', location).where('starts_at', '>=', range.from).where('starts_at', '<', range.to).where('status', 'in', holdingStatuses)
    .execute();
  return rows.map((row) => ({ startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at) }));
}

export async function insertAppointment(tx: Queryable, values: {
  location: string; personId: number | null; visitorName: string; phone: string | null; serviceId: number | null; startsAt: Date; endsAt: Date; notes: string; bookedBy: string; bookedAt: Date;
}): Promise<number> {
  const row = await tx.insertInto('appointment').values({
    location: values.location, person_id: values.personId, visitor_name: values.visitorName, phone: values.phone, service_id: values.serviceId,
    starts_at: values.startsAt, ends_at: values.endsAt, notes: values.notes, booked_by: values.bookedBy, booked_at: values.bookedAt,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findAppointment(db: Queryable, id: number): Promise<Appointment | undefined> {
  const row = await query(db).where('appointment.id', '=', id).executeTakeFirst();
  return row ? appointmentOf(row) : undefined;
}

export async function lockAppointment(tx: Queryable, id: number): Promise<AppointmentStatus | undefined> {
  return (await tx.selectFrom('appointment').select('status').where('id', '=', id).forUpdate().executeTakeFirst())?.status;
}

/** A location's diary for a day, in time order. */
export async function appointmentsOn(db: Queryable, location: string, range: DayRange): Promise<Appointment[]> {
  const rows = await query(db)
    .where('appointment.location', '=', location).where('appointment.starts_at', '>=', range.from).where('appointment.starts_at', '<', range.to)
    .orderBy('appointment.starts_at').orderBy('appointment.id').execute();
  return rows.map(appointmentOf);
}

export async function updateAppointment(tx: Queryable, id: number, changes: Updateable<AppointmentTable>): Promise<void> {
  await tx.updateTable('appointment').set(changes).where('id', '=', id).execute();
}
