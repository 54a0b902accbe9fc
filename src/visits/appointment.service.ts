import { z } from 'zod';
import { authorize } from '../access/policy.ts';
import { withScope } from '../access/scope.ts';
import { actorLabel, type AnyActor } from '../access/staff.ts';
import { auditActorOf, type AuditRecorder } from '../audit/audit.ts';
import type { CivilDate } from '../catalogue/bank-holidays.ts';
import { fromLondon, londonWallTime } from '../catalogue/sla.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { Conflict, NotFound, ValidationFailed } from '../errors.ts';
import { bookingSchema, busiestOverlap, closedReason, freeSlots as slotsOn, slotProblem, type Appointment, type BookingInput, type Slot } from './appointment.ts';
import * as repository from './appointment.repository.ts';
import type { QueueService } from './queue.service.ts';
import { appointmentPrefix, type Visit } from './visit.ts';
import { dayRange, locationNamed, residentFor, serviceFor, validationOf } from './visit-context.ts';

const cancelReasonSchema = z.string().trim().min(1, 'Enter why the appointment is cancelled').max(500, 'The reason is at most 500 characters');

// Appointments staff book at a One Stop Shop, and what becomes of them: cancelled, missed, or checked in on arrival,
// which puts the visitor in the queue ahead of walk-ins.
export function createAppointmentService({ db, audit, clock, queue }: { db: Db; audit: AuditRecorder; clock: Clock; queue: QueueService }) {
  /** Books a slot in opening hours, refused when every desk is already booked at some moment of it. */
  async function book(actor: AnyActor, input: BookingInput): Promise<Appointment> {
    authorize(actor, 'visit.manage');
    const parsed = bookingSchema.safeParse(input);
    if (!parsed.success) throw validationOf(parsed.error);
    const booking = parsed.data;
    const now = clock.now();
    const problem = slotProblem(booking.day, booking.startMinute, booking.length, now);
    if (problem) throw new ValidationFailed(problem.text, { [problem.field]: problem.text });
    const id = await withScope(db, actor, async (tx) => {
      const location = await locationNamed(tx, booking.location);
      const personId = await residentFor(tx, booking.personReference);
      const serviceId = await serviceFor(tx, booking.serviceCode);
      await repository.lockDiary(tx, location.name, booking.day);
      const startsAt = fromLondon(booking.day, booking.startMinute);
      const endsAt = new Date(startsAt.getTime() + booking.length * 60_000);
      if (busiestOverlap(startsAt, endsAt, await repository.bookedOn(tx, location.name, dayRange(booking.day))) >= location.desks) {
        const text = `Every desk (${location.desks}) is already booked at some point in that time: choose another time`;
        throw new ValidationFailed(text, { time: text });
      }
      const appointmentId = await repository.insertAppointment(tx, {
        location: location.name, personId, visitorName: booking.visitorName, phone: booking.phone === '' ? null : booking.phone, serviceId,
        startsAt, endsAt, notes: booking.notes, bookedBy: actorLabel(actor), bookedAt: now,
      });
      await audit.record(tx, { ...auditActorOf(actor), action: 'appointment.book', personId, subject: `appointment:${appointmentId}`, details: { location: location.name } });
      return appointmentId;
    });
    return getAppointment(actor, id);
  }

  async function getAppointment(actor: AnyActor, id: number): Promise<Appointment> {
    authorize(actor, 'visit.manage');
    const appointment = await withScope(db, actor, (tx) => repository.findAppointment(tx, id));
    if (!appointment) throw new NotFound('There is no such appointment.');
    return appointment;
  }

  /** A location's appointments on a London day, in time order. */
  async function diary(actor: AnyActor, location: string, day: CivilDate): Promise<Appointment[]> {
    authorize(actor, 'visit.manage');
    return withScope(db, actor, async (tx) => {
      await locationNamed(tx, location);
      return repository.appointmentsOn(tx, location, dayRange(day));
    });
  }

  /** The start times still bookable on a day for an appointment of this length, or why the day is closed. */
  async function freeSlots(actor: AnyActor, location: string, day: CivilDate, length: number): Promise<{ slots: Slot[]; closed?: string }> {
    authorize(actor, 'visit.manage');
    const closed = closedReason(day);
    if (closed) return { slots: [], closed };
    return withScope(db, actor, async (tx) => {
      const found = await locationNamed(tx, location);
      return { slots: slotsOn(day, length, await repository.bookedOn(tx, found.name, dayRange(day)), found.desks, clock.now()) };
    });
  }

  /** Cancels a booked appointment with the reason given; its slot is free again. */
  async function cancel(actor: AnyActor, id: number, reason: string): Promise<Appointment> {
    authorize(actor, 'visit.manage');
    const parsed = cancelReasonSchema.safeParse(reason);
    if (!parsed.success) throw new ValidationFailed(parsed.error.issues[0]?.message ?? 'Enter a reason', { reason: parsed.error.issues[0]?.message ?? 'Enter a reason' });
    await change(actor, id, 'appointment.cancel', async (appointment) => {
      if (appointment.status !== 'booked') throw new Conflict('Only a booked appointment can be cancelled.');
      return { status: 'cancelled', cancelled_reason: parsed.data };
    });
    return getAppointment(actor, id);
  }

  /** Records that the visitor did not come; only once the appointment has started. */
  async function markNoShow(actor: AnyActor, id: number): Promise<Appointment> {
    authorize(actor, 'visit.manage');
    await change(actor, id, 'appointment.no_show', async (appointment) => {
      if (appointment.status !== 'booked') throw new Conflict('Only a booked appointment can be marked as missed.');
      if (appointment.startsAt.getTime() > clock.now().getTime()) throw new Conflict('The appointment has not started yet: it cannot be missed.');
      return { status: 'no_show' };
    });
    return getAppointment(actor, id);
  }

  /** The visitor has arrived: a P ticket in today's queue, called ahead of walk-ins, through the same call and finish. */
  async function checkIn(actor: AnyActor, id: number): Promise<Visit> {
    authorize(actor, 'visit.manage');
    const visitId = await withScope(db, actor, async (tx) => {
      if ((await repository.lockAppointment(tx, id)) === undefined) throw new NotFound('There is no such appointment.');
      const appointment = await repository.findAppointment(tx, id);
      if (!appointment) throw new NotFound('There is no such appointment.');
      if (appointment.status !== 'booked') throw new Conflict('Only a booked appointment can be checked in.');
      if (londonWallTime(appointment.startsAt).day !== londonWallTime(clock.now()).day) throw new Conflict('An appointment can be checked in only on its day.');
      await repository.updateAppointment(tx, id, { status: 'arrived' });
      const created = await queue.issue(tx, actor, appointmentPrefix, {
        location: appointment.location, personId: appointment.personId, visitorName: appointment.visitorName, serviceId: appointment.serviceId, appointmentId: id,
      });
      await audit.record(tx, { ...auditActorOf(actor), action: 'appointment.check_in', personId: appointment.personId, subject: `appointment:${id}`, details: { visitId: created } });
      return created;
    });
    return queue.getVisit(actor, visitId);
  }

  async function change(actor: AnyActor, id: number, action: 'appointment.cancel' | 'appointment.no_show', decide: (appointment: Appointment) => Promise<Parameters<typeof repository.updateAppointment>[2]>): Promise<void> {
    await withScope(db, actor, async (tx) => {
      if ((await repository.lockAppointment(tx, id)) === undefined) throw new NotFound('There is no such appointment.');
      const appointment = await repository.findAppointment(tx, id);
      if (!appointment) throw new NotFound('There is no such appointment.');
      await repository.updateAppointment(tx, id, await decide(appointment));
      await audit.record(tx, { ...auditActorOf(actor), action, personId: appointment.personId, subject: `appointment:${id}` });
    });
  }

  return { book, getAppointment, diary, freeSlots, cancel, markNoShow, checkIn };
}
