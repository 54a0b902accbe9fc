import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../deps.ts';
import { caseStatuses } from '../cases/case.ts';
import type { CaseDetail, CaseSummary } from '../cases/case.repository.ts';
import { ValidationFailed } from '../errors.ts';
import { parseReference } from '../people/reference.ts';
import { actorOf } from '../web/session.ts';
import { problemSchema } from './schemas.ts';

// Cases through the API: for back offices and channels to list, read and raise service requests and move them on.
// A token acts as the member of staff it was issued to, so the policy table and team rules apply as on the pages.

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const referenceParams = z.object({ reference: z.string().max(40).describe('The case reference, like SR-4KD7-9QX2') });

const caseSummarySchema = z.object({
  reference: z.string(),
  status: z.enum(caseStatuses),
  service: z.object({ code: z.string(), name: z.string() }),
  team: z.object({ code: z.string(), name: z.string() }).nullable(),
  assignee: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  person: z.string().nullable().describe('The resident’s OneStop reference'),
  openedAt: z.string(), dueAt: z.string(), escalatedAt: z.string().nullable(), breachedAt: z.string().nullable(), closedAt: z.string().nullable(), updatedAt: z.string(),
}).meta({ id: 'CaseSummary' });

const caseSchema = caseSummarySchema.extend({
  answers: z.record(z.string(), z.unknown()),
  events: z.array(z.object({ kind: z.string(), at: z.string(), actor: z.string(), details: z.record(z.string(), z.unknown()) })),
  attachments: z.array(z.object({ id: z.number().int(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), sha256: z.string(), uploadedAt: z.string() })),
}).meta({ id: 'Case' });

export async function registerCasesApi(app: FastifyInstance, services: Services): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/v1/cases', {
    schema: {
      summary: 'Cases, soonest due first: unfinished ones unless a status is given', tags: ['cases'],
      querystring: z.object({
        status: z.enum([...caseStatuses, 'active']).optional(), team: z.string().max(63).optional().describe('A team’s code'),
        person: z.string().max(40).optional().describe('Cases for this resident: their OneStop reference, like K7M3-9QD2'),
        assignee: z.coerce.number().int().positive().optional().describe('Cases assigned to this member of staff (their id)'),
        due: z.enum(['overdue', 'soon']).optional(), page: z.coerce.number().int().min(1).max(10_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: { 200: z.object({ cases: z.array(caseSummarySchema), total: z.number().int(), page: z.number().int() }), ...errors },
    },
  }, async (request) => {
    const { status, team, person, assignee, due, page, pageSize } = request.query;
    const resident = person ? parseReference(person) : undefined;
    if (person && !resident) throw new ValidationFailed('person is a resident’s OneStop reference, like K7M3-9QD2.', { person: 'Enter a resident’s reference' });
    const found = await services.cases.list(actorOf(request), { ...(status ? { status } : {}), ...(team ? { team } : {}), ...(resident ? { personId: resident.id } : {}), ...(assignee ? { assignee } : {}), ...(due ? { due } : {}), page, pageSize });
    return { cases: found.cases.map(summaryJson), total: found.total, page: found.page };
  });

  api.get('/api/v1/cases/:reference', { schema: { summary: 'One case with its answers, history and files (without their content)', tags: ['cases'], params: referenceParams, response: { 200: caseSchema, ...errors } } }, async (request) =>
    detailJson(await services.cases.get(actorOf(request), request.params.reference)));

  api.post('/api/v1/cases', {
    schema: {
      summary: 'Raise a case for a resident', description: 'The answers are checked against the service’s form (GET /api/v1/services/{code}); problems come back as 400 with fieldErrors named cases.0.<field>.', tags: ['cases'],
      body: z.object({ service: z.string().min(1).max(63).describe('The service’s code or LGSL number'), person: z.string().max(40).nullable().optional().describe('The resident’s OneStop reference'), answers: z.record(z.string().max(100), z.unknown()).default({}) }),
      response: { 201: caseSchema, ...errors },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const opened = await services.cases.raise(actor, { service: request.body.service, answers: request.body.answers, person: request.body.person ?? null });
    return reply.code(201).header('location', `/api/v1/cases/${opened.reference}`).send(detailJson(await services.cases.get(actor, opened.reference)));
  });

  api.post('/api/v1/cases/:reference/status', {
    schema: {
      summary: 'Move a case to another status', tags: ['cases'], params: referenceParams,
      description: 'open → in_progress, waiting, resolved or cancelled; in_progress → waiting, resolved, cancelled; waiting → in_progress, resolved, cancelled; resolved → closed or in_progress (reopen). A reason is needed to resolve or cancel. Send expectedUpdatedAt to refuse the change (409) if the case changed since you read it.',
      body: z.object({ status: z.enum(caseStatuses), reason: z.string().max(5000).default(''), expectedUpdatedAt: z.string().max(40).optional() }),
      response: { 200: caseSchema, ...errors },
    },
  }, async (request) => {
    const actor = actorOf(request);
    await services.cases.changeStatus(actor, request.params.reference, request.body);
    return detailJson(await services.cases.get(actor, request.params.reference));
  });

  api.post('/api/v1/cases/:reference/notes', {
    schema: { summary: 'Add a note to a case', tags: ['cases'], params: referenceParams, body: z.object({ text: z.string().max(5000) }), response: { 201: caseSchema, ...errors } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    await services.cases.addNote(actor, request.params.reference, request.body);
    return reply.code(201).send(detailJson(await services.cases.get(actor, request.params.reference)));
  });
}

function summaryJson(item: CaseSummary) {
  return {
    reference: item.reference, status: item.status, service: { code: item.service.code, name: item.service.name }, team: item.team ? { code: item.team.code, name: item.team.name } : null,
    assignee: item.assignee, person: item.person?.reference ?? null, openedAt: item.openedAt.toISOString(), dueAt: item.dueAt.toISOString(),
    escalatedAt: item.escalatedAt?.toISOString() ?? null, breachedAt: item.breachedAt?.toISOString() ?? null, closedAt: item.closedAt?.toISOString() ?? null, updatedAt: item.updatedAt.toISOString(),
  };
}

function detailJson(item: CaseDetail) {
  return {
    ...summaryJson(item), answers: item.answers,
    events: item.events.map((event) => ({ kind: event.kind, at: event.at.toISOString(), actor: event.actorName, details: event.details })),
    attachments: item.attachments.map((file) => ({ id: file.id, fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.sizeBytes, sha256: file.sha256, uploadedAt: file.uploadedAt.toISOString() })),
  };
}
