import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../access/staff.ts';
import { withTransaction } from '../../db/transaction.ts';
import { startReceiver, type Receiver } from '../../integration/receiver.test-support.ts';
import { retryPolicy } from '../../integration/webhook.ts';
import { closeTestDatabase, freshServices, tempDir, testActor } from '../../test-support.ts';
import { buildApp } from '../app.ts';
import { csrfTokenIn, signInAgent, type Agent } from '../auth/agent.test-support.ts';

after(closeTestDatabase);

// The administrator's webhooks page: a dead delivery is visible and sent again with a button.

describe('the webhooks page', () => {
  let services: Awaited<ReturnType<typeof freshServices>>;
  let app: FastifyInstance;
  let receiver: Receiver;

  before(async () => {
    services = await freshServices(new Date().toISOString());
    app = await buildApp({ services, config: { cookieSecure: false, councilName: 'Test Borough Council', dataDir: tempDir() } });
    await app.ready();
    for (const [email, role] of [['admin@council.gov.uk', 'admin'], ['leader@council.gov.uk', 'team_leader']] as Array<[string, Role]>) {
      await services.staff.addUser({ email, displayName: email.split('@')[0] ?? email, password: 'a long enough password', role });
    }
    receiver = await startReceiver({ status: 500 });
    await services.integration.webhooks.addSubscription(testActor, { name: 'Revenues', url: receiver.url, events: ['case.*'], allowPrivate: true });
    await withTransaction(services.db, (tx) => services.integration.outbox.publish(tx, { type: 'case.created', subject: 'case:1' }));
    const dispatcher = services.integration.dispatcher();
    for (let attempt = 0; attempt < retryPolicy.maxAttempts; attempt++) {
      await dispatcher.runUntilIdle();
      services.clock.advance(7 * 3_600_000);
    }
  });
  after(async () => { await app.close(); await receiver.close(); });

  const signedIn = (email: string): Promise<Agent> => signInAgent(app, email, 'a long enough password');

  it('shows an administrator the subscriptions and the dead delivery, and sends it again', async () => {
    const admin = await signedIn('admin@council.gov.uk');
    const page = await admin.request({ url: '/admin/webhooks' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Revenues/);
    assert.match(page.body, /Dead deliveries[\s\S]*Send again/);
    const [dead] = await services.integration.webhooks.listDeliveries(testActor, { status: 'dead' });
    assert.ok(dead);
    const redriven = await admin.request({ method: 'POST', url: `/admin/webhooks/deliveries/${dead.id}/redrive`, form: { _csrf: csrfTokenIn(page.body) } });
    assert.equal(redriven.statusCode, 303);
    assert.match((await admin.request({ url: String(redriven.headers.location) })).body, /will be sent again/);
    assert.equal((await services.integration.webhooks.listDeliveries(testActor))[0]?.status, 'pending');
    const again = await admin.request({ url: '/admin/webhooks' });
    const missing = await admin.request({ method: 'POST', url: `/admin/webhooks/deliveries/${dead.id}/redrive`, form: { _csrf: csrfTokenIn(again.body) } });
    assert.equal(missing.statusCode, 400, 'it is no longer dead');
  });

  it('refuses the page and the button to anyone but an administrator', async () => {
    const leader = await signedIn('leader@council.gov.uk');
    assert.equal((await leader.request({ url: '/admin/webhooks' })).statusCode, 403);
    const people = await leader.request({ url: '/people' });
    assert.equal((await leader.request({ method: 'POST', url: '/admin/webhooks/deliveries/1/redrive', form: { _csrf: csrfTokenIn(people.body) } })).statusCode, 403);
  });
});
