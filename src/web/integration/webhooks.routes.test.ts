import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../access/staff.ts';
import { withTransaction } from '../../db/transaction.ts';
import { attemptEveryRetry, startReceiver, type Receiver } from '../../integration/receiver.test-support.ts';
import { addStaff, closeTestDatabase, freshServices, testActor } from '../../test-support.ts';
import { servedApp } from '../routes.test-support.ts';
import { csrfTokenIn, signInAgent, type Agent } from '../auth/agent.test-support.ts';

after(closeTestDatabase);

// The administrator's webhooks page: a dead delivery is visible and sent again with a button.

describe('the webhooks page', () => {
  let services: Awaited<ReturnType<typeof freshServices>>;
  let app: FastifyInstance;
  let receiver: Receiver;

  before(async () => {
    services = await freshServices(new Date().toISOString());
    app = await servedApp(services);
    await addStaff(services, [['admin@council.gov.uk', 'admin'], ['leader@council.gov.uk', 'team_leader']] as Array<[string, Role]>);
    receiver = await startReceiver({ status: 500 });
    await services.integration.webhooks.addSubscription(testActor, { name: 'Revenues', url: receiver.url, events: ['case.*'], allowPrivate: true });
    await withTransaction(services.db, (tx) => services.integration.outbox.publish(tx, { type: 'case.created', subject: 'case:1' }));
    await attemptEveryRetry(services.integration.dispatcher(), services.clock);
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
