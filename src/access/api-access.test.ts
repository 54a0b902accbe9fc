import { after, afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { routeScopes } from '../api/api.ts';
import { closeTestDatabase, freshServices, tempDir } from '../test-support.ts';
import { buildApp } from '../web/app.ts';
import { apiScopes, type ApiScope } from './api-token.ts';
import { servedRoutes } from '../web/routes.test-support.ts';

// The API door's access checks: each route's scope, and the rate limit per token, through the real app.

after(closeTestDatabase);

/** A service team member: her role may make every API call, so only the token's scopes decide. */
const ann = { email: 'ann.lee@council.gov.uk', displayName: 'Ann Lee', password: 'correct horse battery', role: 'service_team' as const };
const apps: FastifyInstance[] = [];
afterEach(async () => { await Promise.all(apps.splice(0).map((app) => app.close())); });

async function start(apiCallsPerMinute = 600) {
  const services = await freshServices('2026-11-25T09:00:15Z');
  await services.staff.addUser(ann);
  const open = async () => {
    const app = await buildApp({ services, config: { cookieSecure: false, councilName: 'Test Borough Council', dataDir: tempDir(), auth: { apiCallsPerMinute } } });
    apps.push(app);
    return app;
  };
  return { services, app: await open(), open };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function problemOf(response: LightMyRequestResponse, status: number): { detail: string; requiredScope?: string } {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  return response.json<{ detail: string; requiredScope?: string }>();
}

/** Every /api/v1 route the app serves, as "METHOD /path" in Fastify's form. */
function apiRoutes(app: FastifyInstance): string[] {
  return servedRoutes(app)
    .filter((route) => route.path.startsWith('/api/v1/') && route.method !== 'HEAD')
    .map((route) => `${route.method} ${route.path}`)
    .filter((route) => route !== 'GET /api/v1/openapi.json').sort();
}

/** A call to each route that passes the scope check, whatever it then answers. */
const calls: Record<string, { method: 'GET' | 'POST'; url: string }> = {
  'GET /api/v1/people': { method: 'GET', url: '/api/v1/people?q=smith' },
  'GET /api/v1/people/:id': { method: 'GET', url: '/api/v1/people/K7M3-9QD2' },
  'GET /api/v1/stats': { method: 'GET', url: '/api/v1/stats' },
  'POST /api/v1/match': { method: 'POST', url: '/api/v1/match' },
  'GET /api/v1/services': { method: 'GET', url: '/api/v1/services' },
  'GET /api/v1/services/:code': { method: 'GET', url: '/api/v1/services/missed-bin' },
  'GET /api/v1/imports': { method: 'GET', url: '/api/v1/imports' },
  'GET /api/v1/imports/:id': { method: 'GET', url: '/api/v1/imports/999' },
  'POST /api/v1/imports': { method: 'POST', url: '/api/v1/imports' },
  'POST /api/v1/calls': { method: 'POST', url: '/api/v1/calls' },
  'POST /api/v1/calls/:callId/end': { method: 'POST', url: '/api/v1/calls/no-such-call/end' },
  'POST /api/v1/contacts': { method: 'POST', url: '/api/v1/contacts' },
  'GET /api/v1/people/:id/timeline': { method: 'GET', url: '/api/v1/people/K7M3-9QD2/timeline' },
  'GET /api/v1/cases': { method: 'GET', url: '/api/v1/cases' },
  'GET /api/v1/cases/:reference': { method: 'GET', url: '/api/v1/cases/SR-0000-0000' },
  'POST /api/v1/cases': { method: 'POST', url: '/api/v1/cases' },
  'POST /api/v1/cases/:reference/status': { method: 'POST', url: '/api/v1/cases/SR-0000-0000/status' },
  'POST /api/v1/cases/:reference/notes': { method: 'POST', url: '/api/v1/cases/SR-0000-0000/notes' },
};

describe('scopes', () => {
  it('gives every /api/v1 route a scope in the one table', async () => {
    const { app } = await start();
    assert.deepEqual(apiRoutes(app), Object.keys(routeScopes).sort());
    assert.deepEqual(Object.keys(calls).sort(), Object.keys(routeScopes).sort());
  });

  it('refuses each route to a token without its scope with 403 problem+json, and lets through one with it', async () => {
    const { services, app } = await start();
    for (const [route, needed] of Object.entries(routeScopes) as Array<[string, ApiScope]>) {
      const call = calls[route];
      assert.ok(call, route);
      const without = await services.staff.createApiToken(ann.email, 'without', apiScopes.filter((scope) => scope !== needed));
      const problem = problemOf(await app.inject({ ...call, headers: bearer(without) }), 403);
      assert.equal(problem.requiredScope, needed, route);
      assert.match(problem.detail, new RegExp(`does not have the ${needed} scope`));
      const withIt = await services.staff.createApiToken(ann.email, 'with', [needed]);
      const allowed = await app.inject({ ...call, headers: bearer(withIt) });
      assert.ok(![401, 403, 429].includes(allowed.statusCode), `${route} answered ${allowed.statusCode} to a token with ${needed}`);
    }
  });

  it('lets a read-only token search but not import', async () => {
    const { services, app } = await start();
    const token = await services.staff.createApiToken(ann.email, 'reporting', ['people:read']);
    assert.equal((await app.inject({ url: '/api/v1/people?q=smith', headers: bearer(token) })).statusCode, 200);
    const refused = await app.inject({ method: 'POST', url: '/api/v1/imports?system=libraries', headers: { ...bearer(token), 'content-type': 'text/csv' }, payload: 'source_id\nX1\n' });
    problemOf(refused, 403);
    assert.deepEqual(await services.imports.listRuns(), []);
  });

  it('refuses a token from the call after it is revoked', async () => {
    const { services, app } = await start();
    const token = await services.staff.createApiToken(ann.email, 'reporting');
    assert.equal((await app.inject({ url: '/api/v1/stats', headers: bearer(token) })).statusCode, 200);
    await services.staff.revokeApiToken((await services.staff.listApiTokens(ann.email))[0]?.id ?? 0);
    problemOf(await app.inject({ url: '/api/v1/stats', headers: bearer(token) }), 401);
  });
});

describe('the rate limit', () => {
  it('answers 429 problem+json with Retry-After once a token has made its calls for the minute', async () => {
    const { services, app } = await start(3);
    const token = await services.staff.createApiToken(ann.email);
    for (let call = 0; call < 3; call++) {
      const response = await app.inject({ url: '/api/v1/stats', headers: bearer(token) });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['ratelimit-remaining'], String(2 - call));
    }
    const limited = await app.inject({ url: '/api/v1/stats', headers: bearer(token) });
    assert.match(problemOf(limited, 429).detail, /3 calls a minute\. Try again in 45 seconds/);
    assert.equal(limited.headers['retry-after'], '45');
    services.clock.advance(45_000);
    assert.equal((await app.inject({ url: '/api/v1/stats', headers: bearer(token) })).statusCode, 200);
  });

  it('counts each token apart', async () => {
    const { services, app } = await start(1);
    const [first, second] = [await services.staff.createApiToken(ann.email), await services.staff.createApiToken(ann.email)];
    await app.inject({ url: '/api/v1/stats', headers: bearer(first) });
    problemOf(await app.inject({ url: '/api/v1/stats', headers: bearer(first) }), 429);
    assert.equal((await app.inject({ url: '/api/v1/stats', headers: bearer(second) })).statusCode, 200);
  });

  it('counts calls to two running apps on one database together, as for two processes', async () => {
    const { services, app, open } = await start(4);
    const other = await open();
    const token = await services.staff.createApiToken(ann.email);
    const statuses = [];
    for (let call = 0; call < 6; call++) statuses.push((await (call % 2 === 0 ? app : other).inject({ url: '/api/v1/stats', headers: bearer(token) })).statusCode);
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
  });

  it('does not count calls refused for want of a token', async () => {
    const { services, app } = await start(1);
    for (let call = 0; call < 3; call++) problemOf(await app.inject({ url: '/api/v1/stats' }), 401);
    const token = await services.staff.createApiToken(ann.email);
    assert.equal((await app.inject({ url: '/api/v1/stats', headers: bearer(token) })).statusCode, 200);
  });
});
