import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../deps.ts';
import { avoidableReasons, contactChannels, contactOutcomes, type ContactSummary, type TimelineEntry } from '../contacts/contact.ts';
import { actorOf } from '../web/session.ts';
import { problemSchema } from './schemas.ts';

// The contact ledger through the API: telephony pops a call onto an agent's screen and says when it ends; web forms,
// email and letter systems record whole contacts with the cases they raise; anyone may read a resident's timeline.

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

const contactSchema = z.object({
  id: z.number().int(), channel: z.enum(contactChannels), status: z.enum(['open', 'wrapped']),
  person: z.object({ reference: z.string(), name: z.string().nullable() }).nullable(),
  startedAt: z.string(), endedAt: z.string().nullable(), staff: z.string().nullable(), callerNumber: z.string().nullable(), callId: z.string().nullable(),
  outcome: z.enum(contactOutcomes).nullable(), resolvedFirstContact: z.boolean().nullable(), avoidable: z.boolean().nullable(),
  avoidableReason: z.enum(avoidableReasons).nullable(), summary: z.string(),
  reasons: z.array(z.object({ code: z.string(), name: z.string() })),
  cases: z.array(z.object({ reference: z.string(), service: z.string(), status: z.string(), dueAt: z.string() })),
}).meta({ id: 'Contact' });

const callSchema = z.object({
  callerNumber: z.string().trim().min(1).max(40).describe('The number calling, as the switch gives it'),
  callId: z.string().trim().min(1).max(200).describe('The switch’s id for the call: the same id twice gives the same contact'),
  agentEmail: z.email().max(254).describe('The email of the member of staff whose phone is ringing'),
}).meta({ id: 'IncomingCall' });

const completedContactSchema = z.object({
  channel: z.enum(contactChannels),
  person: z.string().max(20).nullish().describe('The resident’s OneStop reference, if known'),
  startedAt: z.iso.datetime({ offset: true }).optional(), endedAt: z.iso.datetime({ offset: true }).optional(),
  callerNumber: z.string().max(40).nullish(),
  reasons: z.array(z.string().max(63)).max(20).default([]).describe('Service codes the contact was about, beyond those it raised cases for'),
  cases: z.array(z.object({ service: z.string().max(63), answers: z.record(z.string().max(100), z.unknown()) })).max(10).default([])
    .describe('Cases to raise: a service code (or LGSL number) and the answers to its form, by field name'),
  outcome: z.enum(contactOutcomes).optional().describe('Defaults to case_raised when cases are raised'),
  resolvedFirstContact: z.boolean(), avoidable: z.boolean(), avoidableReason: z.enum(avoidableReasons).nullish(),
  summary: z.string().max(5000).default(''),
}).meta({ id: 'CompletedContact' });

const popSchema = z.object({
  contactId: z.number().int(), created: z.boolean(), url: z.string().describe('Where the agent’s browser should go: the contact on the desk'),
  person: z.object({ reference: z.string(), name: z.string().nullable() }).nullable(),
}).meta({ id: 'ScreenPop' });

const timelineEntrySchema = z.object({
  kind: z.enum(['contact', 'case']), at: z.string(),
  contact: contactSchema.optional(),
  case: z.object({ reference: z.string(), service: z.string(), status: z.string(), dueAt: z.string(), closedAt: z.string().nullable(), contactId: z.number().int().nullable() }).optional(),
});

export async function registerContactsApi(app: FastifyInstance, services: Services): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post('/api/v1/calls', {
    schema: {
      summary: 'Screen-pop: a call is ringing at an agent’s phone; opens their contact for it on the caller when identity resolution is sure of one resident',
      tags: ['contacts'], body: callSchema,
      response: { 200: popSchema, 201: popSchema, ...errors },
    },
  }, async (request, reply) => {
    const popped = await services.contacts.screenPop(actorOf(request), request.body);
    return reply.code(popped.created ? 201 : 200).send({
      contactId: popped.contactId, created: popped.created, url: popped.url,
      person: popped.personReference ? { reference: popped.personReference, name: popped.personName } : null,
    });
  });

  api.post('/api/v1/calls/:callId/end', {
    schema: { summary: 'The call has ended (the agent may still be wrapping up)', tags: ['contacts'], params: z.object({ callId: z.string().max(200) }), response: { 200: contactSchema, ...errors } },
  }, async (request) => contactJson(await services.contacts.endCall(actorOf(request), request.params.callId)));

  api.post('/api/v1/contacts', {
    schema: {
      summary: 'Records a whole contact, its reasons and the cases it raises, in one transaction: all or nothing', tags: ['contacts'],
      body: completedContactSchema, response: { 201: z.object({ contact: contactSchema, cases: z.array(z.object({ reference: z.string(), service: z.string(), team: z.string().nullable(), dueAt: z.string() })) }), ...errors },
    },
  }, async (request, reply) => {
    const { startedAt, endedAt, ...body } = request.body;
    const recorded = await services.contacts.record(actorOf(request), {
      ...body, ...(startedAt ? { startedAt: new Date(startedAt) } : {}), ...(endedAt ? { endedAt: new Date(endedAt) } : {}),
    });
    return reply.code(201).send({
      contact: contactJson(recorded.contact),
      cases: recorded.cases.map((item) => ({ reference: item.reference, service: item.serviceCode, team: item.teamCode, dueAt: item.dueAt.toISOString() })),
    });
  });

  api.get('/api/v1/people/:id/timeline', {
    schema: {
      summary: 'A resident’s contacts and cases, newest first, a page at a time', tags: ['contacts'],
      params: z.object({ id: z.string().max(20).describe('The resident’s OneStop reference (K7M3-9QD2)') }),
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), after: z.string().max(200).optional().describe('The next cursor from the previous page') }),
      response: { 200: z.object({ entries: z.array(timelineEntrySchema), next: z.string().nullable() }), ...errors },
    },
  }, async (request) => {
    const page = await services.contacts.timeline(actorOf(request), request.params.id, { limit: request.query.limit, ...(request.query.after ? { after: request.query.after } : {}) });
    return { entries: page.entries.map(entryJson), next: page.next };
  });
}

function contactJson(contact: ContactSummary) {
  return {
    id: contact.id, channel: contact.channel, status: contact.status,
    person: contact.personReference ? { reference: contact.personReference, name: contact.personName } : null,
    startedAt: contact.startedAt.toISOString(), endedAt: contact.endedAt?.toISOString() ?? null, staff: contact.staffName, callerNumber: contact.callerNumber, callId: contact.callId,
    outcome: contact.outcome, resolvedFirstContact: contact.resolvedFirstContact, avoidable: contact.avoidable, avoidableReason: contact.avoidableReason, summary: contact.summary,
    reasons: contact.reasons, cases: contact.cases.map((item) => ({ reference: item.reference, service: item.serviceName, status: item.status, dueAt: item.dueAt.toISOString() })),
  };
}

function entryJson(entry: TimelineEntry) {
  if (entry.kind === 'contact') return { kind: entry.kind, at: entry.at.toISOString(), contact: contactJson(entry.contact) };
  const item = entry.case;
  return {
    kind: entry.kind, at: entry.at.toISOString(),
    case: { reference: item.reference, service: item.serviceName, status: item.status, dueAt: item.dueAt.toISOString(), closedAt: item.closedAt?.toISOString() ?? null, contactId: item.contactId },
  };
}
