import { authorize } from '../access/policy.ts';
import { withScope } from '../access/scope.ts';
import { actorLabel, type AnyActor } from '../access/staff.ts';
import { auditActorOf, type AuditRecorder } from '../audit/audit.ts';
import { londonWallTime } from '../catalogue/sla.ts';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/connection.ts';
import { insertContact } from '../contacts/contact.repository.ts';
import { Conflict, NotFound } from '../errors.ts';
import * as appointments from './appointment.repository.ts';
import { dayRange, locationNamed, residentFor, serviceFor, validationOf } from './visit-context.ts';
import * as repository from './visit.repository.ts';
import { dayFigures, deskSchema, finishSchema, ticketFor, ticketSchema, waitMinutes, walkInPrefix, type DayFigures, type FinishInput, type TicketInput, type TicketPrefix, type Visit } from './visit.ts';

export type QueueView = { location: string; day: string; waiting: Array<Visit & { waitMinutes: number }>; beingSeen: Visit[]; figures: DayFigures };

// The walk-in queue at a One Stop Shop: tickets, calling, and the end of each visit, logged as a face-to-face contact.
export function createQueueService({ db, audit, clock }: { db: Db; audit: AuditRecorder; clock: Clock }) {
  /** A ticket for a walk-in visitor: the next number of the day at the location, unique however many issue at once. */
  async function issueTicket(actor: AnyActor, input: TicketInput): Promise<Visit> {
    authorize(actor, 'visit.manage');
    const parsed = ticketSchema.safeParse(input);
    if (!parsed.success) throw validationOf(parsed.error);
    const { location, visitorName, personReference, serviceCode } = parsed.data;
    const id = await withScope(db, actor, async (tx) => {
      await locationNamed(tx, location);
      const personId = await residentFor(tx, personReference);
      const serviceId = await serviceFor(tx, serviceCode);
      const visitId = await issue(tx, actor, walkInPrefix, { location, personId, visitorName, serviceId, appointmentId: null });
      await audit.record(tx, { ...auditActorOf(actor), action: 'visit.ticket', personId, subject: `visit:${visitId}`, details: { location } });
      return visitId;
    });
    return getVisit(actor, id);
  }

  /** Writes a visit with the next ticket for its prefix, in the caller's transaction (check-in uses it too). */
  async function issue(tx: Tx, actor: AnyActor, prefix: TicketPrefix, visit: { location: string; personId: number | null; visitorName: string; serviceId: number | null; appointmentId: number | null }): Promise<number> {
    const now = clock.now();
    const day = londonWallTime(now).day;
    await repository.lockTickets(tx, visit.location, day);
    const number = await repository.nextTicketNumber(tx, visit.location, dayRange(day), prefix);
    return repository.insertVisit(tx, { ...visit, ticket: ticketFor(prefix, number), arrivedAt: now, issuedBy: actorLabel(actor) });
  }

  async function getVisit(actor: AnyActor, id: number): Promise<Visit> {
    authorize(actor, 'visit.manage');
    const visit = await withScope(db, actor, (tx) => repository.findVisit(tx, id));
    if (!visit) throw new NotFound('There is no such visit.');
    return visit;
  }

  /**
   * Calls the next visitor to a desk (checked-in appointments first, then the longest waiting), or the one chosen.
   * Returns undefined when no one is waiting.
   */
  async function callNext(actor: AnyActor, location: string, desk: string, chosenId?: number): Promise<Visit | undefined> {
    authorize(actor, 'visit.manage');
    const deskName = deskSchema.safeParse(desk);
    if (!deskName.success) throw validationOf(deskName.error);
    const id = await withScope(db, actor, async (tx) => {
      await locationNamed(tx, location);
      const now = clock.now();
      let visitId: number | undefined;
      if (chosenId === undefined) {
        visitId = await repository.lockNextWaiting(tx, location, dayRange(londonWallTime(now).day));
        if (visitId === undefined) return undefined;
      } else {
        const status = await repository.lockVisit(tx, chosenId);
        if (status === undefined) throw new NotFound('There is no such visit.');
        if (status !== 'waiting') throw new Conflict('That visitor is no longer waiting: another adviser may have called them.');
        visitId = chosenId;
      }
      await repository.updateVisit(tx, visitId, { status: 'called', called_at: now, called_by: actor.kind === 'staff' ? actor.userId : null, desk: deskName.data });
      await audit.record(tx, { ...auditActorOf(actor), action: 'visit.call', subject: `visit:${visitId}`, details: { location } });
      return visitId;
    });
    return id === undefined ? undefined : getVisit(actor, id);
  }

  /**
   * Ends a visit the adviser has seen: logs it as a face-to-face contact (the visit's service as its reason) and
   * links the two, all in one transaction, so a visit is never seen without its contact nor logged twice.
   */
  async function finish(actor: AnyActor, id: number, input: FinishInput): Promise<Visit> {
    authorize(actor, 'visit.manage');
    authorize(actor, 'contact.record');
    const parsed = finishSchema.safeParse(input);
    if (!parsed.success) throw validationOf(parsed.error);
    await withScope(db, actor, async (tx) => {
      const status = await repository.lockVisit(tx, id);
      if (status === undefined) throw new NotFound('There is no such visit.');
      if (status !== 'called') throw new Conflict(status === 'waiting' ? 'Call the visitor before finishing their visit.' : 'This visit has already ended.');
      const visit = await repository.findVisit(tx, id);
      if (!visit) throw new NotFound('There is no such visit.');
      const now = clock.now();
      const contactId = await insertContact(tx, {
        person_id: visit.personId, channel: 'face_to_face', started_at: visit.calledAt ?? now, ended_at: now, status: 'wrapped',
        staff_user_id: actor.kind === 'staff' ? actor.userId : null, recorded_by: actorLabel(actor), outcome: parsed.data.outcome,
        resolved_first_contact: parsed.data.resolvedFirstTime, summary: parsed.data.summary,
      }, visit.serviceId === null ? [] : [visit.serviceId]);
      await repository.updateVisit(tx, id, { status: 'seen', finished_at: now, contact_id: contactId });
      if (visit.appointmentId !== null) await appointments.updateAppointment(tx, visit.appointmentId, { status: 'done' });
      await audit.record(tx, { ...auditActorOf(actor), action: 'visit.finish', personId: visit.personId, subject: `visit:${id}`, details: { contactId, outcome: parsed.data.outcome } });
    });
    return getVisit(actor, id);
  }

  /** The visitor went before being seen (waiting, or called and never came to the desk). */
  async function markLeft(actor: AnyActor, id: number): Promise<Visit> {
    authorize(actor, 'visit.manage');
    await withScope(db, actor, async (tx) => {
      const status = await repository.lockVisit(tx, id);
      if (status === undefined) throw new NotFound('There is no such visit.');
      if (status !== 'waiting' && status !== 'called') throw new Conflict('This visit has already ended.');
      await repository.updateVisit(tx, id, { status: 'left', finished_at: clock.now() });
      await audit.record(tx, { ...auditActorOf(actor), action: 'visit.left', subject: `visit:${id}` });
    });
    return getVisit(actor, id);
  }

  /** Today's queue at a location: who is waiting (in calling order) and for how long, who is at a desk, and the day's figures. */
  async function queue(actor: AnyActor, location: string): Promise<QueueView> {
    authorize(actor, 'visit.manage');
    const now = clock.now();
    const day = londonWallTime(now).day;
    return withScope(db, actor, async (tx) => {
      await locationNamed(tx, location);
      const visits = await repository.visitsOn(tx, location, dayRange(day));
      const booked = await appointments.appointmentsOn(tx, location, dayRange(day));
      return {
        location, day,
        waiting: visits.filter((visit) => visit.status === 'waiting').map((visit) => ({ ...visit, waitMinutes: waitMinutes(visit, now) })),
        beingSeen: visits.filter((visit) => visit.status === 'called'),
        figures: dayFigures(visits, booked.map((appointment) => appointment.status)),
      };
    });
  }

  /** The figures for a location on a London day (today unless given). */
  async function figures(actor: AnyActor, location: string, day = londonWallTime(clock.now()).day): Promise<DayFigures> {
    authorize(actor, 'visit.manage');
    return withScope(db, actor, async (tx) => {
      await locationNamed(tx, location);
      const visits = await repository.visitsOn(tx, location, dayRange(day));
      const booked = await appointments.appointmentsOn(tx, location, dayRange(day));
      return dayFigures(visits, booked.map((appointment) => appointment.status));
    });
  }

  return { issueTicket, issue, getVisit, callNext, finish, markLeft, queue, figures };
}

export type QueueService = ReturnType<typeof createQueueService>;
