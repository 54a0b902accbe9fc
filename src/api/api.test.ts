import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { systemClock } from '../clock.ts';
import { listMigrations } from '../db/migrate.ts';
import { createWorker } from '../jobs/worker.ts';
import { referenceFor } from '../people/reference.ts';
import { importJobKind } from '../sources/import.service.ts';
import { closeTestDatabase, freshServices, tempDir, testActor, writeFile } from '../test-support.ts';
import { buildApp } from '../web/app.ts';
import { sessionCookie } from '../web/session.ts';
import { importParamsSchema, searchParamsSchema } from './schemas.ts';
import { servedRoutes } from '../web/routes.test-support.ts';

after(closeTestDatabase);

type Services = Awaited<ReturnType<typeof freshServices>>;
type Route = { method: string; url: string };
type OpenApiParameter = { name: string; in: string; required?: boolean; schema?: { maximum?: number; enum?: string[] } };
type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, { parameters?: OpenApiParameter[] }>> };

const extract = [
  'source_id,given_name,family_name,dob,postcode,address_line1,uprn,ni_number',
  'CT1,John,Smith,1985-03-27,L1 8JQ,1 High Street,100012345678,AB123456C',
  'CT2,Mary,Smith,1972-05-06,L1 8JQ,1 High Street,100012345678,',
].join('\n');

/** Every route the app serves, with paths in OpenAPI form ({id}). */
function routesOf(app: FastifyInstance): Route[] {
  return servedRoutes(app).map((route) => ({ method: route.method, url: route.path.replace(/:(\w+)/g, '{$1}') }));
}

function assertProblem(response: LightMyRequestResponse, status: number): { title: string; detail: string; status: number } {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const body = response.json<{ type: string; title: string; detail: string; status: number }>();
  assert.equal(body.status, status);
  assert.ok(body.title.length > 0 && body.detail.length > 0);
  return body;
}

describe('the JSON API', () => {
  let services: Services;
  let app: FastifyInstance;
  let dataDir: string;
  let token: string;
  let bearer: { authorization: string };
  /** A service team's token: agents may not import. */
  let importer: { authorization: string };
  const workerErrors: object[] = [];

  before(async () => {
    services = await freshServices();
    dataDir = tempDir();
    app = await buildApp({ services, config: { cookieSecure: false, councilName: 'Test Borough Council', dataDir } });
    await app.ready();
    await services.imports.importFile({ systemCode: 'council_tax', filePath: writeFile(tempDir(), 'ct.csv', extract), actor: testActor });
    await services.staff.addUser({ email: 'api@council.gov.uk', displayName: 'Api User', password: 'a long enough password' });
    token = await services.staff.createApiToken('api@council.gov.uk');
    bearer = { authorization: `Bearer ${token}` };
    await services.staff.addUser({ email: 'loader@council.gov.uk', displayName: 'Data Loader', password: 'a long enough password', role: 'service_team' });
    importer = { authorization: `Bearer ${await services.staff.createApiToken('loader@council.gov.uk')}` };
  });
  after(async () => app.close());

  /** Runs queued jobs as the server's worker does, until none is left. */
  async function runQueuedJobs(): Promise<number> {
    // Jobs are queued at the database's time, so the worker reads the real clock, not the test's fixed one.
    const worker = createWorker({
      db: services.db, clock: systemClock,
      handlers: { [importJobKind]: async (payload) => { await services.imports.runQueued(payload); } },
      log: { info: () => undefined, error: (object) => { workerErrors.push(object); } },
    });
    let ran = 0;
    while (await worker.runOnce()) ran++;
    return ran;
  }

  it('refuses every /api/v1 route but the OpenAPI document without a token, with 401 problem+json', async () => {
    const routes = routesOf(app).filter((route) => route.url.startsWith('/api/v1/') && route.url !== '/api/v1/openapi.json' && route.method !== 'HEAD');
    const listed = routes.map((route) => `${route.method} ${route.url}`);
    for (const known of ['GET /api/v1/people', 'GET /api/v1/people/{id}', 'GET /api/v1/stats', 'GET /api/v1/imports', 'GET /api/v1/imports/{id}', 'POST /api/v1/imports']) {
      assert.ok(listed.includes(known), `${known} is not among the routes read: ${listed.join(', ')}`);
    }
    for (const route of routes) {
      const url = route.url.replace('{id}', '1');
      assertProblem(await app.inject({ method: route.method as 'GET' | 'POST', url }), 401);
      assertProblem(await app.inject({ method: route.method as 'GET' | 'POST', url, headers: { authorization: 'Bearer os_not-a-token' } }), 401);
    }
  });

  it('finds residents by name for a bearer token', async () => {
    const response = await app.inject({ url: '/api/v1/people?q=jon+smyth&postcode=l18jq', headers: bearer });
    assert.equal(response.statusCode, 200);
    const body = response.json<{ results: Array<{ fullName: string; reference: string; address: { postcode: string }; matchedOn: string[] }>; widened: boolean; notes: string[] }>();
    assert.equal(body.results[0]?.fullName, 'John Smith');
    assert.equal(body.results[0]?.address.postcode, 'L1 8JQ');
    assert.deepEqual([body.widened, body.notes], [false, []]);
  });

  it('passes on the notes of a search whose filter could not be read', async () => {
    const response = await app.inject({ url: '/api/v1/people?q=smith&postcode=nowhere', headers: bearer });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json<{ notes: string[] }>().notes, ['The postcode was not used: postcode "nowhere" is not a UK postcode.']);
  });

  it('gives the golden record with its provenance and source records by reference, the NI number masked for an agent', async () => {
    const search = await app.inject({ url: '/api/v1/people?q=AB123456C', headers: bearer });
    const reference = search.json<{ results: Array<{ reference: string }> }>().results[0]?.reference ?? '';
    const response = await app.inject({ url: `/api/v1/people/${reference}`, headers: bearer });
    assert.equal(response.statusCode, 200);
    const person = response.json<{
      reference: string; status: string; golden: Record<string, string | null>;
      provenance: Record<string, { system: string; sourceId: string }>;
      sourceRecords: Array<{ system: string; sourceId: string; fields: Record<string, string | null>; link: { method: string } }>;
      addresses: Array<{ uprn: string; isCurrent: boolean }>; household: Array<{ fullName: string }>;
    }>();
    assert.deepEqual([person.reference, person.status, person.golden.givenName, person.golden.familyName, person.golden.niNumber, person.golden.dob], [reference, 'active', 'John', 'Smith', '•••••••6C', '1985-03-27']);
    assert.deepEqual(person.provenance.niNumber, { ...person.provenance.niNumber, system: 'council_tax', sourceId: 'CT1' });
    assert.deepEqual(person.sourceRecords.map((record) => [record.system, record.sourceId, record.fields.postcode]), [['council_tax', 'CT1', 'L1 8JQ']]);
    assert.deepEqual(person.addresses.map((address) => [address.uprn, address.isCurrent]), [['100012345678', true]]);
    assert.deepEqual(person.household.map((member) => member.fullName), ['Mary Smith']);
  });

  it('answers an unknown resident with 404 problem+json', async () => {
    assertProblem(await app.inject({ url: `/api/v1/people/${referenceFor(999_999)}`, headers: bearer }), 404);
    assertProblem(await app.inject({ url: '/api/v1/people/not-a-reference', headers: bearer }), 404);
    assertProblem(await app.inject({ url: '/api/v1/imports/999', headers: importer }), 404);
  });

  it('answers a route that does not exist with 404 problem+json', async () => {
    assertProblem(await app.inject({ url: '/api/v1/residents', headers: bearer }), 404);
  });

  it('refuses a query it cannot take with 400 problem+json', async () => {
    const problem = assertProblem(await app.inject({ url: '/api/v1/people?q=smith&limit=1000', headers: bearer }), 400);
    assert.match(problem.detail, /limit/);
    assertProblem(await app.inject({ url: '/api/v1/people?q=smith&limit=ten', headers: bearer }), 400);
    assertProblem(await app.inject({ url: `/api/v1/people?q=${'a'.repeat(201)}`, headers: bearer }), 400);
  });

  it('serves an OpenAPI 3.1 document listing every /api/v1 route, and nothing else, with parameters from the zod schemas', async () => {
    const response = await app.inject({ url: '/api/v1/openapi.json' });
    assert.equal(response.statusCode, 200);
    const document = response.json<OpenApiDocument>();
    assert.match(document.openapi, /^3\.1\./);
    const documented = Object.entries(document.paths).flatMap(([url, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${url}`)).sort();
    const served = routesOf(app).filter((route) => route.url.startsWith('/api/v1/') && route.url !== '/api/v1/openapi.json' && route.method !== 'HEAD').map((route) => `${route.method} ${route.url}`).sort();
    assert.deepEqual(documented, served);
    const search = document.paths['/api/v1/people']?.get?.parameters ?? [];
    assert.deepEqual(search.map((parameter) => [parameter.name, parameter.in]), Object.keys(searchParamsSchema.shape).map((name) => [name, 'query']));
    assert.equal(search.find((parameter) => parameter.name === 'limit')?.schema?.maximum, 100);
    const resident = document.paths['/api/v1/people/{id}']?.get?.parameters ?? [];
    assert.deepEqual(resident.map((parameter) => [parameter.name, parameter.in, parameter.required]), [['id', 'path', true]]);
    const upload = document.paths['/api/v1/imports']?.post?.parameters ?? [];
    assert.deepEqual(upload.map((parameter) => parameter.name), Object.keys(importParamsSchema.shape));
    assert.equal(upload.find((parameter) => parameter.name === 'system')?.required, true);
    assert.deepEqual(upload.find((parameter) => parameter.name === 'full')?.schema?.enum, ['true', 'false']);
  });

  it('takes an extract posted as text/csv, answers 202 with its Location, and a worker completes it', async () => {
    const csv = 'source_id,given_name,family_name,dob,postcode\nLIB1,Ahmed,Khan,1990-11-30,L17 2AB\nLIB2,Wendy,Okafor,1979-04-04,L17 2AB\n';
    const response = await app.inject({ method: 'POST', url: '/api/v1/imports?system=libraries&fileName=members.csv', headers: { ...importer, 'content-type': 'text/csv' }, payload: csv });
    assert.equal(response.statusCode, 202, response.body);
    const queued = response.json<{ id: number; status: string; system: string; fileName: string }>();
    assert.equal(response.headers.location, `/api/v1/imports/${queued.id}`);
    assert.deepEqual([queued.status, queued.system, queued.fileName], ['queued', 'libraries', 'members.csv']);
    assert.equal(await runQueuedJobs(), 1);
    assert.deepEqual(workerErrors, []);
    const finished = await app.inject({ url: String(response.headers.location), headers: importer });
    const run = finished.json<{ status: string; percent: number; counts: { read: number; new: number; rejected: number } }>();
    assert.deepEqual([run.status, run.percent, run.counts.read, run.counts.new, run.counts.rejected], ['completed', 100, 2, 2, 0]);
    const found = await app.inject({ url: '/api/v1/people?q=wendy+okafor', headers: bearer });
    assert.equal(found.json<{ results: Array<{ fullName: string }> }>().results[0]?.fullName, 'Wendy Okafor');
    const listed = await app.inject({ url: '/api/v1/imports', headers: importer });
    assert.ok(listed.json<{ imports: Array<{ id: number }> }>().imports.some((item) => item.id === queued.id));
  });

  it('refuses an import from an agent\'s token with 403 problem+json, recording no import', async () => {
    const runsBefore = (await services.imports.listRuns()).length;
    const response = await app.inject({ method: 'POST', url: '/api/v1/imports?system=leisure', headers: { ...bearer, 'content-type': 'text/csv' }, payload: 'source_id,given_name\nL1,Ann\n' });
    const problem = assertProblem(response, 403);
    assert.match(problem.detail, /cannot import extracts/);
    assert.equal((await services.imports.listRuns()).length, runsBefore);
  });

  it('answers a blank system code or a very long file name with 400 problem+json, never a 500', async () => {
    const blank = await app.inject({ method: 'POST', url: `/api/v1/imports?system=${'+'.repeat(300)}`, headers: { ...importer, 'content-type': 'text/csv' }, payload: 'source_id\nX1\n' });
    assertProblem(blank, 400);
    const long = await app.inject({ method: 'POST', url: `/api/v1/imports?system=leisure&fileName=${'x'.repeat(199)}`, headers: { ...importer, 'content-type': 'text/csv' }, payload: 'name\nAnn\n' });
    assert.match(assertProblem(long, 400).detail, /no source_id column/);
  });

  it('refuses a file with no source_id column with 400 problem+json, recording no import and keeping no upload', async () => {
    const runsBefore = (await services.imports.listRuns()).length;
    const response = await app.inject({ method: 'POST', url: '/api/v1/imports?system=leisure', headers: { ...importer, 'content-type': 'text/csv' }, payload: 'name,dob\nJohn Smith,1970-01-01\n' });
    const problem = assertProblem(response, 400);
    assert.match(problem.detail, /no source_id column/);
    assert.equal((await services.imports.listRuns()).length, runsBefore);
    assert.equal(await runQueuedJobs(), 0);
    const uploads = path.join(dataDir, 'uploads');
    const kept = fs.existsSync(uploads) ? fs.readdirSync(uploads) : [];
    assert.ok(!kept.some((file) => file.endsWith('-leisure.csv')), `kept ${kept.join(', ')}`);
  });

  it('refuses a write made with only a session cookie, though the cookie reads', async () => {
    const user = await services.staff.findUserByEmail('api@council.gov.uk');
    assert.ok(user);
    const session = await services.staff.startSession(user.id);
    const cookies = { [sessionCookie]: session.token };
    const read = await app.inject({ url: '/api/v1/stats', cookies });
    assert.equal(read.statusCode, 200);
    const runsBefore = (await services.imports.listRuns()).length;
    const write = await app.inject({ method: 'POST', url: '/api/v1/imports?system=libraries', cookies, headers: { 'content-type': 'text/csv' }, payload: 'source_id,given_name,family_name\nX1,Eve,Adams\n' });
    assertProblem(write, 401);
    assert.equal((await services.imports.listRuns()).length, runsBefore);
  });

  it('refuses a revoked token', async () => {
    const revoked = await services.staff.createApiToken('api@council.gov.uk', 'to revoke');
    await services.db.updateTable('api_token').set({ revoked_at: new Date() }).where('name', '=', 'to revoke').execute();
    assertProblem(await app.inject({ url: '/api/v1/stats', headers: { authorization: `Bearer ${revoked}` } }), 401);
  });
});

describe('health checks', () => {
  let app: FastifyInstance;

  before(async () => {
    const services = await freshServices();
    app = await buildApp({ services, config: { cookieSecure: false, councilName: 'Test Borough Council', dataDir: tempDir() } });
  });
  after(async () => app.close());

  it('says the process is alive at /healthz, without a sign-in', async () => {
    const response = await app.inject({ url: '/healthz' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok' });
  });

  it('says the database is ready at /readyz once every migration is applied', async () => {
    const response = await app.inject({ url: '/readyz' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ready', migrations: listMigrations().length });
  });
});
