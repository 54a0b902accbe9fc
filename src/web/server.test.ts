import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import { sql } from 'kysely';
import { fixedClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { openTestDatabase } from '../db/test-database.ts';
import { createServices, type Services } from '../deps.ts';
import { startServer } from '../server.ts';
import { tempDir } from '../test-support.ts';

type Reply = { status: number; body: string };

function get(port: number, path: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // No keep-alive agent: each request opens its own connection, as a new client would.
    const request = http.get({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

describe('the running server', () => {
  let services: Services;
  let server: Awaited<ReturnType<typeof startServer>>;
  let announced = '';

  before(async () => {
    // The server closes its database when it stops, so it gets one of its own rather than the shared test database.
    services = createServices(await openTestDatabase(), { sessionHours: 8 }, fixedClock('2026-11-25T09:00:00Z'));
    const config = loadConfig({ LOG_LEVEL: 'silent', HOST: '127.0.0.1' }, { port: 0, dataDir: tempDir() });
    server = await startServer(services, config, { onListening: (url) => { announced = url; } });
  });
  after(async () => server.stop());

  it('listens on the port the system gave it and says where', () => {
    assert.ok(server.port > 0);
    assert.equal(announced, `http://localhost:${server.port}`);
  });

  it('answers /healthz over HTTP', async () => {
    const reply = await get(server.port, '/healthz');
    assert.deepEqual([reply.status, JSON.parse(reply.body)], [200, { status: 'ok' }]);
  });

  it('finishes a request in flight when stopped, then refuses new connections and closes its database', async () => {
    const arrived = once(server.app.server, 'request');
    const inFlight = get(server.port, '/readyz');
    await arrived;
    const stopped = server.stop();
    const reply = await inFlight;
    assert.equal(reply.status, 200, reply.body);
    assert.equal((JSON.parse(reply.body) as { status: string }).status, 'ready');
    await stopped;
    await assert.rejects(get(server.port, '/healthz'), { code: 'ECONNREFUSED' });
    await assert.rejects(sql`select 1`.execute(services.db));
  });
});
