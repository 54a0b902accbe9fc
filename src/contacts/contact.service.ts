import { authorize } from '../access/policy.ts';
import { withScope } from '../access/scope.ts';
import { actorLabel, type AnyActor } from '../access/staff.ts';
import type { CaseOpener } from '../cases/case-opener.ts';
import type { OpenedCase } from '../cases/case.ts';
import type { Clock } from '../clock.ts';
import type { Db, Queryable, Tx } from '../db/connection.ts';
import type { ContactChannel } from '../db/schema.ts';
import { Conflict, NotFound, ValidationFailed } from '../errors.ts';
import type { Outbox } from '../integration/outbox.ts';
import type { MatchService } from '../matching/match.service.ts';
import { parseReference } from '../people/reference.ts';
import { parsePhone } from '../sources/parse-phone.ts';
import { compareEntries, decodeCursor, defaultOutcome, encodeCursor, wrapUpSchema, type CaseToRaise, type ContactSummary, type TimelinePage, type WrapUp } from './contact.ts';
import * as repository from './contact.repository.ts';
import { identifyCaller } from './identify-caller.ts';

export type ContactService = ReturnType<typeof createContactService>;

export type CompletedContact = WrapUp & {
  channel: ContactChannel;
  person?: string | number | null;
  startedAt?: Date;
  endedAt?: Date;
  callerNumber?: string | null;
  reasons?: readonly string[];
  cases?: readonly CaseToRaise[];
};

// The contact ledger's use cases. Contact writes are not put in the audit trail's hash chain (its lock would
// serialise every call centre agent): the contact row itself records who took it and when. Each write is one
// transaction, with its outbox event and any cases it raises.
export function createContactService({ db, clock, outbox, caseOpener, matches }: { db: Db; clock: Clock; outbox: Outbox; caseOpener: CaseOpener; matches: MatchService }) {
  async function start(actor: AnyActor, input: { channel: ContactChannel; person?: string | number | null; callerNumber?: string | null }): Promise<number> {
    authorize(actor, 'contact.record');
    return withScope(db, actor, async (tx) => {
      const personId = input.person ? await personIdOf(tx, input.person) : null;
      const id = await repository.insertContact(tx, {
        person_id: personId, channel: input.channel, started_at: clock.now(), staff_user_id: staffIdOf(actor), recorded_by: actorLabel(actor),
        caller_number: normalisedNumber(input.callerNumber),
      });
      await publish(tx, 'contact.recorded', id);
      return id;
    });
  }

  /**
   * A call ringing at an agent's phone: opens the agent's contact for it, on the caller if live identity resolution
   * is confident of exactly one resident. The same call id again gives the same contact.
   */
  async function screenPop(actor: AnyActor, input: { callerNumber: string; callId: string; agentEmail: string }) {
    authorize(actor, 'contact.record');
    return withScope(db, actor, async (tx) => {
      const agent = await tx.selectFrom('staff_user').select('id').where('email', '=', input.agentEmail.trim().toLowerCase()).where('is_active', '=', true).executeTakeFirst();
      if (!agent) throw new NotFound(`There is no active member of staff with the email ${input.agentEmail}.`);
      const existing = await tx.selectFrom('contact').select('id').where('call_id', '=', input.callId).executeTakeFirst();
      if (existing) return popped(tx, existing.id, false);
      const caller = await identifyCaller(tx, matches, input.callerNumber);
      const { id, created } = await repository.insertCall(tx, {
        person_id: caller.personId, channel: 'phone_in', started_at: clock.now(), staff_user_id: agent.id, recorded_by: actorLabel(actor),
        caller_number: caller.phone ?? input.callerNumber.trim().slice(0, 40), call_id: input.callId,
      });
      if (created) await publish(tx, 'contact.recorded', id);
      return popped(tx, id, created);
    });
  }

  async function popped(tx: Queryable, id: number, created: boolean) {
    const contact = await repository.findContact(tx, id);
    if (!contact) throw new NotFound(`There is no contact ${id}.`);
    return { contactId: id, created, personReference: contact.personReference, personName: contact.personName, url: `/desk/contacts/${id}` };
  }

  /** The telephony switch says the call has ended; the agent may still be wrapping up. */
  async function endCall(actor: AnyActor, callId: string): Promise<ContactSummary> {
    authorize(actor, 'contact.record');
    return withScope(db, actor, async (tx) => {
      const row = await tx.updateTable('contact').set({ ended_at: clock.now() }).where('call_id', '=', callId).where('ended_at', 'is', null).returning('id').executeTakeFirst();
      const id = row?.id ?? (await tx.selectFrom('contact').select('id').where('call_id', '=', callId).executeTakeFirst())?.id;
      if (id === undefined) throw new NotFound(`There is no call ${callId}.`);
      return getIn(tx, id);
    });
  }

  /** Raises one or more cases from an open contact, and records their services as its reasons: all or none. */
  async function raiseCases(actor: AnyActor, contactId: number, cases: readonly CaseToRaise[], reasons: readonly string[] = []): Promise<OpenedCase[]> {
    authorize(actor, 'contact.record');
    return withScope(db, actor, async (tx) => {
      const contact = await lockOpen(tx, contactId);
      const opened = await caseOpener.open(tx, actor, cases.map((request) => ({ ...request, personId: contact.person_id, contactId })));
      await addReasonsByCode(tx, contactId, [...reasons, ...opened.map((item) => item.serviceCode)]);
      return opened;
    });
  }

  async function wrapUp(actor: AnyActor, contactId: number, input: WrapUp): Promise<ContactSummary> {
    authorize(actor, 'contact.record');
    const parsed = parseWrapUp(input);
    return withScope(db, actor, async (tx) => {
      const contact = await lockOpen(tx, contactId);
      const raised = await tx.selectFrom('service_case').select((eb) => eb.fn.countAll<string>().as('count')).where('contact_id', '=', contactId).executeTakeFirstOrThrow();
      const outcome = defaultOutcome(parsed.outcome, Number(raised.count));
      if (!outcome) throw new ValidationFailed('Select the outcome of the contact', { outcome: 'Select the outcome of the contact' });
      await tx.updateTable('contact').set({
        status: 'wrapped', outcome, resolved_first_contact: parsed.resolvedFirstContact, avoidable: parsed.avoidable,
        avoidable_reason: parsed.avoidable ? parsed.avoidableReason ?? null : null, summary: parsed.summary, ended_at: contact.ended_at ?? clock.now(),
      }).where('id', '=', contactId).execute();
      await publish(tx, 'contact.wrapped', contactId);
      return getIn(tx, contactId);
    });
  }

  /** A contact from someone not identified at the time, linked to the resident later, with the cases it raised. */
  async function linkPerson(actor: AnyActor, contactId: number, person: string | number): Promise<ContactSummary> {
    authorize(actor, 'contact.record');
    return withScope(db, actor, async (tx) => {
      const personId = await personIdOf(tx, person);
      const contact = await tx.selectFrom('contact').select(['id', 'person_id']).where('id', '=', contactId).forUpdate().executeTakeFirst();
      if (!contact) throw new NotFound(`There is no contact ${contactId}.`);
      if (contact.person_id !== null && contact.person_id !== personId) throw new Conflict('This contact is already linked to another resident.');
      await tx.updateTable('contact').set({ person_id: personId }).where('id', '=', contactId).execute();
      await tx.updateTable('service_case').set({ person_id: personId, updated_at: clock.now() }).where('contact_id', '=', contactId).where('person_id', 'is', null).execute();
      return getIn(tx, contactId);
    });
  }

  /** A whole contact in one call (a web form, an email, a letter): the contact, its reasons and its cases, or nothing. */
  async function record(actor: AnyActor, input: CompletedContact): Promise<{ contact: ContactSummary; cases: OpenedCase[] }> {
    authorize(actor, 'contact.record');
    const parsed = parseWrapUp(input);
    const outcome = defaultOutcome(parsed.outcome, input.cases?.length ?? 0);
    if (!outcome) throw new ValidationFailed('Select the outcome of the contact', { outcome: 'Select the outcome of the contact' });
    const now = clock.now();
    const startedAt = input.startedAt ?? now;
    if (input.endedAt && input.endedAt < startedAt) throw new ValidationFailed('The contact cannot end before it started', { endedAt: 'The contact cannot end before it started' });
    return withScope(db, actor, async (tx) => {
      const personId = input.person ? await personIdOf(tx, input.person) : null;
      const contactId = await repository.insertContact(tx, {
        person_id: personId, channel: input.channel, started_at: startedAt, ended_at: input.endedAt ?? now, status: 'wrapped', staff_user_id: staffIdOf(actor),
        recorded_by: actorLabel(actor), caller_number: normalisedNumber(input.callerNumber), outcome, resolved_first_contact: parsed.resolvedFirstContact,
        avoidable: parsed.avoidable, avoidable_reason: parsed.avoidable ? parsed.avoidableReason ?? null : null, summary: parsed.summary,
      });
      const cases = await caseOpener.open(tx, actor, (input.cases ?? []).map((request) => ({ ...request, personId, contactId })));
      await addReasonsByCode(tx, contactId, [...(input.reasons ?? []), ...cases.map((item) => item.serviceCode)]);
      await publish(tx, 'contact.recorded', contactId);
      return { contact: await getIn(tx, contactId), cases };
    });
  }

  async function get(actor: AnyActor, contactId: number): Promise<ContactSummary> {
    authorize(actor, 'contact.view');
    return withScope(db, actor, (tx) => getIn(tx, contactId));
  }

  /** The signed-in member of staff's open contacts: calls popped to them and contacts not yet wrapped up. */
  async function openContacts(actor: AnyActor, limit = 20): Promise<ContactSummary[]> {
    authorize(actor, 'contact.view');
    if (actor.kind !== 'staff') return [];
    return withScope(db, actor, (tx) => repository.openContactsOf(tx, actor.userId, limit));
  }

  /** A resident's contacts and cases, newest first, a page at a time. */
  async function timeline(actor: AnyActor, person: string | number, options: { limit?: number; after?: string } = {}): Promise<TimelinePage & { personId: number }> {
    authorize(actor, 'contact.view');
    const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
    const cursor = decodeCursor(options.after);
    if (options.after && !cursor) throw new ValidationFailed('The page of the timeline asked for cannot be read.', { after: 'Not a timeline cursor' });
    return withScope(db, actor, async (tx) => {
      const personId = await personIdOf(tx, person, { merged: true });
      const entries = (await repository.timelineOf(tx, personId, limit + 1, cursor)).sort(compareEntries);
      const shown = entries.slice(0, limit);
      const last = shown[shown.length - 1];
      return { personId, entries: shown, next: entries.length > limit && last ? encodeCursor(last) : null };
    });
  }

  async function openCases(actor: AnyActor, personId: number, limit = 10) {
    authorize(actor, 'case.view');
    return withScope(db, actor, (tx) => repository.openCasesOf(tx, personId, limit));
  }

  async function getIn(tx: Queryable, id: number): Promise<ContactSummary> {
    const contact = await repository.findContact(tx, id);
    if (!contact) throw new NotFound(`There is no contact ${id}.`);
    return contact;
  }

  async function lockOpen(tx: Tx, contactId: number) {
    const contact = await tx.selectFrom('contact').select(['id', 'person_id', 'status', 'ended_at']).where('id', '=', contactId).forUpdate().executeTakeFirst();
    if (!contact) throw new NotFound(`There is no contact ${contactId}.`);
    if (contact.status !== 'open') throw new Conflict('This contact has been wrapped up already.');
    return contact;
  }

  async function addReasonsByCode(tx: Tx, contactId: number, codes: readonly string[]): Promise<void> {
    const unique = [...new Set(codes)];
    const ids = await repository.serviceIdsByCode(tx, unique);
    const unknown = unique.filter((code) => !ids.has(code));
    if (unknown.length > 0) throw new ValidationFailed(`There is no service ${unknown[0]} in the catalogue.`, { reasons: `There is no service ${unknown[0]} in the catalogue` });
    await repository.addReasons(tx, contactId, [...ids.values()]);
  }

  async function personIdOf(tx: Queryable, person: string | number, options: { merged?: boolean } = {}): Promise<number> {
    const id = typeof person === 'number' ? person : parseReference(person)?.id;
    const row = id === undefined ? undefined : await tx.selectFrom('person').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
    if (!row || (!options.merged && row.status !== 'active')) throw new NotFound(`There is no resident with reference ${person}.`);
    return row.id;
  }

  async function publish(tx: Queryable, type: 'contact.recorded' | 'contact.wrapped', contactId: number): Promise<void> {
    const contact = await getIn(tx, contactId);
    await outbox.publish(tx, {
      type, subject: `contact:${contactId}`,
      payload: {
        id: contactId, channel: contact.channel, person: contact.personReference, status: contact.status, startedAt: contact.startedAt.toISOString(),
        endedAt: contact.endedAt?.toISOString() ?? null, outcome: contact.outcome, resolvedFirstContact: contact.resolvedFirstContact, avoidable: contact.avoidable,
        avoidableReason: contact.avoidableReason, reasons: contact.reasons.map((reason) => reason.code), cases: contact.cases.map((item) => item.reference),
      },
    });
  }

  return { start, screenPop, endCall, raiseCases, wrapUp, linkPerson, record, get, openContacts, timeline, openCases };
}

function parseWrapUp(input: WrapUp) {
  const parsed = wrapUpSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? 'wrapUp'), issue.message]));
  // Zod checks the reason only once the rest is valid; a page should show every problem at once.
  if (input.avoidable === true && !input.avoidableReason) fieldErrors.avoidableReason ??= 'Select why the contact could have been avoided';
  throw new ValidationFailed(parsed.error.issues[0]?.message ?? 'Check the wrap-up', fieldErrors);
}

function staffIdOf(actor: AnyActor): number | null {
  return actor.kind === 'staff' ? actor.userId : null;
}

function normalisedNumber(number: string | null | undefined): string | null {
  if (!number?.trim()) return null;
  const parsed = parsePhone(number);
  return parsed.ok && parsed.value ? parsed.value : number.trim().slice(0, 40);
}
