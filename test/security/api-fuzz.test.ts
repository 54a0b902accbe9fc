import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { registeredRoutes, ruleFor } from '../../src/access/route-policy.ts';
import { changedTables, importCsv, snapshot, startSecurityApp, type SecurityApp } from './security-support.ts';

// Without a session or token, every route in the OpenAPI document answers 401 problem+json and every staff page
// sends the browser to sign in. With a token, generated bad input to every API route never makes a 500, every
// error is problem+json, and SQL metacharacters in every filter change no row and find only what they say.

let s: SecurityApp;
before(async () => {
  s = await startSecurityApp(async (services) => {
    await importCsv(services, 'council_tax', [
      'source_id,given_name,family_name,dob,postcode,address_line1,town,ni_number',
      'CT1,John,Smith,1970-02-03,L1 8JQ,1 High Street,Liverpool,AB123456C',
      "CT2,Mary,O'Brien,1972-05-06,L1 8JQ,1 High Street,Liverpool,",
    ]);
  });
});
after(async () => { await s?.close(); });

type OpenApi = { paths: Record<string, Record<string, unknown>> };
async function openApiRoutes(): Promise<Array<{ method: string; path: string }>> {
  const document = (await s.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<OpenApi>();
  return Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path })));
}
const concrete = (path: string, id = '1') => path.replace(/\{[^}]+\}/g, id).replace(/:[a-z]+/gi, id);

describe('without a session or token', () => {
  it('refuses every route in the OpenAPI document with 401 problem+json', async (t) => {
    const routes = await openApiRoutes();
    assert.ok(routes.length >= 7);
    for (const { method, path } of routes) {
      const response = await s.app.inject({ method: method as 'GET', url: concrete(path), headers: { authorization: 'Bearer not-a-real-token' } });
      assert.equal(response.statusCode, 401, `${method} ${path}`);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/, `${method} ${path}`);
      const bare = await s.app.inject({ method: method as 'GET', url: concrete(path) });
      assert.equal(bare.statusCode, 401, `${method} ${path}`);
    }
    t.diagnostic(`figures: ${routes.length} API routes × 2 (no token, a false token) refused`);
  });

  it('sends every staff page to sign in, and serves only the public ones', async (t) => {
    let pages = 0;
    for (const route of registeredRoutes(s.app)) {
      const [method = 'GET', path = '/'] = route.split(' ');
      if (path.startsWith('/api/') || ruleFor(method, path) === 'public' || method === 'HEAD') continue;
      const response = await s.app.inject({ method: method as 'GET', url: concrete(path.replace('*', 'x')), headers: { cookie: 'onestop_session=forged' } });
      assert.equal(response.statusCode, 303, route);
      assert.match(String(response.headers.location), /^\/sign-in\?next=/, route);
      pages += 1;
    }
    t.diagnostic(`figures: ${pages} staff routes redirected to sign-in`);
  });
});

// Bad input: strings of every kind (SQL and script metacharacters, control characters, very long, unicode), numbers,
// nulls, objects, arrays and arrays of those, for every field and parameter of every API route.
const sqlish = fc.constantFrom("'", "''", '"', ';', '--', '/*', '*/', "' OR '1'='1", "'; drop table person; --", '\\', '%', '_', '\u0000', '$1', "1' union select * from staff_user --", '%00', '\\x00');
const nasty = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 300 }), sqlish, fc.string({ minLength: 190, maxLength: 5000 }), fc.constantFrom('', ' ', 'null', 'NaN', '-1', '1e309', '99999999999999999999', '0x10', 'K7M3-9QD2'));
const anyJson: fc.Arbitrary<unknown> = fc.oneof(nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(nasty, { maxLength: 3 }), fc.dictionary(nasty, nasty, { maxKeys: 3 }));

function assertProblem(response: { statusCode: number; headers: Record<string, unknown>; body: string }, what: string) {
  assert.notEqual(response.statusCode, 500, `${what}: ${response.body}`);
  assert.ok(response.statusCode < 500, `${what}: ${response.statusCode} ${response.body}`);
  if (response.statusCode >= 400) assert.match(String(response.headers['content-type']), /^application\/problem\+json/, `${what}: ${response.statusCode} ${response.body}`);
}

describe('generated bad input to every API route', () => {
  it('never makes a 500, and every error is problem+json', async (t) => {
    const admin = s.member('admin');
    const runs = 200;
    let calls = 0;
    const routes = await openApiRoutes();
    for (const { method, path } of routes) {
      await fc.assert(fc.asyncProperty(nasty, fc.dictionary(fc.constantFrom('q', 'postcode', 'dob', 'limit', 'system', 'full', 'fileName', 'page'), nasty, { maxKeys: 4 }), anyJson, fc.constantFrom('application/json', 'text/csv', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'), async (id, query, body, type) => {
        const url = `${concrete(path, encodeURIComponent(id) || '0')}?${new URLSearchParams(query).toString()}`;
        const payload = method === 'GET' ? undefined : type === 'application/json' ? JSON.stringify(body) : String(typeof body === 'string' ? body : JSON.stringify(body));
        const response = await s.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${admin.token}`, ...(payload === undefined ? {} : { 'content-type': type }) }, ...(payload === undefined ? {} : { payload }) });
        calls += 1;
        assertProblem(response, `${method} ${url} (${type})`);
      }), { numRuns: runs });
    }
    t.diagnostic(`figures: ${routes.length} API routes × ${runs} generated requests = ${calls} fuzz runs, 0 HTTP 500`);
  });
});

describe('SQL metacharacters in every filter and sort parameter', () => {
  const payloads = ["'", "O'Brien", "'; drop table person; --", "' or '1'='1", "Smith' --", '%', '_', '\\', '"', "1) or (1=1", "' union select email from staff_user --", 'Smith%', '%Smith%'];
  it('answer without error, change no row, and find only what they say', async (t) => {
    const agent = s.member('agent');
    const before = await snapshot(s.database);
    let calls = 0;
    const filters = ['q', 'postcode', 'dob'];
    for (const payload of payloads) {
      for (const filter of filters) {
        for (const base of ['/people', '/api/v1/people']) {
          const response = await s.call(agent, 'GET', `${base}?${filter}=${encodeURIComponent(payload)}`);
          calls += 1;
          assert.ok(response.statusCode === 200 || response.statusCode === 400, `${base} ${filter}=${payload}: ${response.statusCode} ${response.body.slice(0, 200)}`);
          if (base.startsWith('/api/') && response.statusCode === 200) {
            const found = response.json<{ results: Array<{ fullName: string | null }> }>().results;
            // A tautology or a wildcard finds no one: only "O'Brien" (and names with Smith, for Smith-based ones) may match.
            for (const hit of found) assert.match(hit.fullName ?? '', payload.includes('Brien') ? /O'Brien/ : /Smith/, `${filter}=${payload} found ${hit.fullName}`);
            if (/^'?\s*or|^%$|^_$/.test(payload)) assert.equal(found.length, 0, `${filter}=${payload} found ${found.length}`);
          }
        }
      }
      for (const [name, value] of [['status', payload], ['limit', payload], ['page', payload], ['person', payload], ['user', payload], ['from', payload], ['expect', payload]]) {
        for (const url of [`/reviews?${name}=`, `/audit?${name}=`, `/audit/verify?${name}=`, `/api/v1/people?q=Smith&${name}=`, `/api/v1/imports?${name}=`]) {
          const response = await s.call(s.member('admin'), 'GET', `${url}${encodeURIComponent(value ?? '')}`);
          calls += 1;
          assert.ok(response.statusCode < 500, `${url}${value}: ${response.statusCode}`);
        }
      }
    }
    const obrien = (await s.call(agent, 'GET', `/api/v1/people?q=${encodeURIComponent("Mary O'Brien")}`)).json<{ results: Array<{ fullName: string }> }>().results;
    assert.equal(obrien[0]?.fullName, "Mary O'Brien");
    const changes = changedTables(before, await snapshot(s.database), ['audit_event']);
    assert.deepEqual(changes, []);
    t.diagnostic(`figures: ${payloads.length} SQL payloads in ${filters.length} search filters and 7 other parameters on pages and the API = ${calls} calls, 0 errors, 0 rows changed`);
  });
});
