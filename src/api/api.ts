import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasScope, type ApiScope } from '../access/api-token.ts';
import { createRateLimiter } from '../access/rate-limit.service.ts';
import { defaultAuthConfig } from '../config.ts';
import type { Services } from '../deps.ts';
import { ValidationFailed } from '../errors.ts';
import { registerMatchApi } from './match.api.ts';
import { registerCatalogueApi } from './catalogue.api.ts';
import { registerCasesApi } from './cases.api.ts';
import { registerContactsApi } from './contacts.api.ts';
import { percentDone, type ImportRun } from '../sources/source.ts';
import type { ResidentView } from '../people/person.ts';
import { importParamsSchema, importRunSchema, personSchema, problemSchema, searchParamsSchema, searchResponseSchema, statsSchema } from './schemas.ts';
import { actorOf, isApi } from '../web/session.ts';

const errors = { 400: problemSchema, 401: problemSchema, 404: problemSchema, 409: problemSchema };

/**
 * The scope a bearer token needs for each /api/v1 route, checked in one hook. A route missing here is refused to
 * every token, so a new route stays closed until it is given a scope.
 */
export const routeScopes: Readonly<Record<string, ApiScope>> = {
  'GET /api/v1/people': 'people:read',
  'GET /api/v1/people/:id': 'people:read',
  'GET /api/v1/stats': 'people:read',
  'POST /api/v1/match': 'match:read',
  'GET /api/v1/services': 'services:read',
  'GET /api/v1/services/:code': 'services:read',
  'GET /api/v1/imports': 'imports:read',
  'GET /api/v1/imports/:id': 'imports:read',
  'POST /api/v1/imports': 'imports:write',
  'GET /api/v1/cases': 'cases:read',
  'GET /api/v1/cases/:reference': 'cases:read',
  'POST /api/v1/cases': 'cases:write',
  'POST /api/v1/cases/:reference/status': 'cases:write',
  'POST /api/v1/cases/:reference/notes': 'cases:write',
  'POST /api/v1/calls': 'calls:write',
  'POST /api/v1/calls/:callId/end': 'calls:write',
  'POST /api/v1/contacts': 'contacts:write',
  'GET /api/v1/people/:id/timeline': 'contacts:read',
};

export type ApiLimits = { callsPerMinute: number };

/**
 * After sign-in (the app's first hook): a bearer token must hold the route's scope (403 otherwise), and each token
 * (or signed-in member of staff reading through the API with their session) makes at most callsPerMinute calls a
 * minute (429 with Retry-After otherwise), counted in PostgreSQL so the limit holds across processes.
 */
function registerApiAccess(app: FastifyInstance, services: Services, limits: ApiLimits): void {
  const limiter = createRateLimiter({ db: services.db, clock: services.clock });
  app.addHook('onRequest', async (request, reply) => {
    const url = request.routeOptions.url;
    if (!isApi(request) || !request.actor || !url || request.routeOptions.config?.public) return;
    if (request.apiGrant) {
      const needed = routeScopes[`${request.method === 'HEAD' ? 'GET' : request.method} ${url}`];
      if (!needed) return problem(reply, 403, 'Forbidden', 'No API token may make this call.');
      if (!hasScope(request.apiGrant, needed)) return problem(reply, 403, 'Forbidden', `This token does not have the ${needed} scope this call needs.`, { requiredScope: needed });
    }
    const key = request.apiGrant ? `api:token:${request.apiGrant.tokenId}` : `api:user:${request.actor.userId}`;
    const decision = await limiter.hit(key, limits.callsPerMinute, 60_000);
    reply.header('ratelimit-limit', String(decision.limit)).header('ratelimit-remaining', String(decision.remaining));
    if (!decision.allowed) {
      reply.header('retry-after', String(decision.retryAfterSeconds));
      return problem(reply, 429, 'Too many requests', `This token may make ${decision.limit} calls a minute. Try again in ${decision.retryAfterSeconds} seconds.`);
    }
  });
}

function problem(reply: FastifyReply, status: number, title: string, detail: string, extra: Record<string, unknown> = {}): FastifyReply {
  return reply.code(status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }));
}

// The JSON API under /api/v1. Every route validates with zod, and the OpenAPI document is generated from the same schemas.
export async function registerApi(app: FastifyInstance, services: Services, uploadsDir?: string, limits: ApiLimits = { callsPerMinute: defaultAuthConfig.apiCallsPerMinute }): Promise<void> {
  registerApiAccess(app, services, limits);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'OneStop API', version: '1', description: 'The single view of each resident: search, resident records, imports from source systems, and the service catalogue.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from `onestop token create --email E`.' } } },
      security: [{ bearer: [] }],
    },
    // The document describes the JSON API only: the staff pages and health checks share the app but are not part of it.
    transform: (input) => (input.url.startsWith('/api/') ? jsonSchemaTransform(input) : { schema: { hide: true }, url: input.url }),
    transformObject: jsonSchemaTransformObject,
  });
  // CSV arrives as a stream: the route writes it to disk as it comes, never holding it in memory.
  app.addContentTypeParser(['text/csv', 'application/octet-stream', 'text/plain'], (_request, payload, done) => done(null, payload));

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  api.get('/api/v1/people', { schema: { summary: 'Search for residents', tags: ['people'], querystring: searchParamsSchema, response: { 200: searchResponseSchema, ...errors } } }, async (request) => {
    const outcome = await services.people.search(actorOf(request), request.query, request.query.limit);
    return {
      results: outcome.hits.map((hit) => ({ id: hit.personId, reference: hit.reference, fullName: hit.fullName, dob: hit.dob, address: { line1: hit.addressLine1, town: hit.town, postcode: hit.postcode }, score: hit.score, matchedOn: hit.matchedOn })),
      widened: outcome.widened,
      notes: outcome.query.notes,
    };
  });

  api.get('/api/v1/people/:id', { schema: { summary: 'One resident: golden record with provenance, source records, addresses and household', tags: ['people'], params: z.object({ id: z.string().max(40).describe('The OneStop reference (K7M3-9QD2) or numeric id') }), response: { 200: personSchema, ...errors } } }, async (request) =>
    personJson(await services.people.getResident(actorOf(request), request.params.id)));

  await registerMatchApi(app, services);
  await registerCatalogueApi(app, services);
  await registerCasesApi(app, services);
  await registerContactsApi(app, services);

  api.get('/api/v1/stats', { schema: { summary: 'Counts of persons, source records and links', tags: ['people'], response: { 200: statsSchema } } }, async () => services.people.stats());

  api.get('/api/v1/imports', { schema: { summary: 'Recent imports', tags: ['imports'], response: { 200: z.object({ imports: z.array(importRunSchema) }) } } }, async () =>
    ({ imports: (await services.imports.listRuns(50)).map(runJson) }));

  api.get('/api/v1/imports/:id', { schema: { summary: 'One import and its progress', tags: ['imports'], params: z.object({ id: z.coerce.number().int() }), response: { 200: importRunSchema, ...errors } } }, async (request) =>
    runJson(await services.imports.getRun(request.params.id)));

  api.post('/api/v1/imports', {
    bodyLimit: 4 * 1024 ** 3,
    schema: {
      summary: 'Import an extract: send the CSV as the request body (text/csv), streamed',
      description: 'The file is checked (encoding, header row, source_id column) before anything is written; a file that cannot be read is refused with 400. The import then runs in the background: follow it at the Location given.',
      tags: ['imports'],
      querystring: importParamsSchema,
      response: { 202: importRunSchema, ...errors },
    },
  }, async (request, reply) => {
    // Only a CSV stream is an extract: a JSON or form body (parsed already) is refused before anything is written.
    if (!(request.body instanceof Readable)) throw new ValidationFailed('Send the extract as the request body, as text/csv.');
    const dir = uploadsDir ?? path.join(process.cwd(), 'data', 'uploads');
    fs.mkdirSync(dir, { recursive: true });
    const fileName = path.basename(request.query.fileName ?? `${request.query.system}.csv`);
    // The name on disk is only for people looking in the folder: kept short, so no file system refuses it.
    const filePath = path.join(dir, `${Date.now()}-${randomBytes(4).toString('hex')}-${fileName.replace(/[^\w.-]/g, '_').slice(-100)}`);
    await pipeline(request.body, fs.createWriteStream(filePath));
    try {
      const run = await services.imports.queueImport({ systemCode: request.query.system.toLowerCase(), filePath, fileName, full: request.query.full === 'true', actor: request.actor ?? { kind: 'system', name: 'api', door: 'api' } });
      return reply.code(202).header('location', `/api/v1/imports/${run.id}`).send(runJson(run));
    } catch (error) {
      fs.rmSync(filePath, { force: true });
      throw error;
    }
  });
}

function runJson(run: ImportRun) {
  return {
    id: run.id, system: run.systemCode, fileName: run.fileName, full: run.isFull, status: run.status, percent: percentDone(run), counts: run.counts,
    createdAt: run.createdAt.toISOString(), startedAt: run.startedAt?.toISOString() ?? null, finishedAt: run.finishedAt?.toISOString() ?? null, error: run.error,
  };
}

function personJson(view: ResidentView) {
  const { person } = view;
  return {
    id: person.id, reference: person.reference, status: person.status, redirectTo: person.redirectTo, golden: person.fields,
    provenance: Object.fromEntries(Object.entries(view.provenance).flatMap(([field, source]) => (source
      ? [[field, { system: source.system, sourceRecordId: source.sourceRecordId, sourceId: source.sourceId, changedAt: source.changedAt.toISOString(), lastSeenAt: source.lastSeenAt.toISOString() }]] : []))),
    sourceRecords: view.systems.flatMap((system) => system.records.map((record) => ({
      system: system.code, systemName: system.name, sourceId: record.sourceId, fields: record.fields, version: record.version,
      firstSeenAt: record.firstSeenAt.toISOString(), lastSeenAt: record.lastSeenAt.toISOString(), endedAt: record.endedAt?.toISOString() ?? null,
      link: { method: record.link.method, score: record.link.score, linkedAt: record.link.linkedAt.toISOString(), linkedBy: record.link.linkedBy },
    }))),
    addresses: view.addresses.map((address) => ({ uprn: address.uprn, addressLine1: address.addressLine1, addressLine2: address.addressLine2, town: address.town, postcode: address.postcode, fromDate: address.fromDate, toDate: address.toDate, isCurrent: address.isCurrent })),
    household: view.household.map((member) => ({ id: member.personId, reference: member.reference, fullName: member.fullName, dob: member.dob })),
  };
}
