import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { closeTestDatabase, freshServices, testActor } from '../test-support.ts';
import { withTransaction } from '../db/transaction.ts';
import { claimDelivery } from './webhook.repository.ts';
import { attemptEveryRetry, startReceiver, type Receiver } from './receiver.test-support.ts';
import { retryPolicy, verifySignature } from './webhook.ts';

after(closeTestDatabase);

// Events published in a transaction reach a real receiver on 127.0.0.1: signed, retried, once per attempt.

describe('delivering webhooks', () => {
  let services: Awaited<ReturnType<typeof freshServices>>;
  const receivers: Receiver[] = [];
  const receiver = async (options: { port?: number; status?: number } = {}) => {
    const started = await startReceiver(options);
    receivers.push(started);
    return started;
  };
  beforeEach(async () => {
    services = await freshServices();
  });
  after(async () => { for (const started of receivers) await started.close().catch(() => undefined); });

  const subscribe = (url: string, events = ['case.*']) => services.integration.webhooks.addSubscription(testActor, { name: `back office ${Math.random()}`, url, events, allowPrivate: true });
  const publish = (type: string, payload: Record<string, unknown> = {}) => withTransaction(services.db, (tx) => services.integration.outbox.publish(tx, { type, subject: 'case:1', payload }));
  const dispatcher = () => services.integration.dispatcher({ random: () => 0.5 });

  it('posts the event envelope, signed with the subscription secret over "timestamp.body"', async () => {
    const back = await receiver();
    const { secret } = await subscribe(back.url);
    const eventId = await publish('case.created', { caseId: 1 });
    await publish('person.merged');
    await dispatcher().runUntilIdle();
    assert.equal(back.received.length, 1, 'only the event the subscription asked for');
    const [request] = back.received;
    assert.ok(request);
    assert.equal(request.headers['onestop-event-id'], eventId);
    assert.equal(request.headers['onestop-event-type'], 'case.created');
    const timestamp = String(request.headers['onestop-timestamp']);
    const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`;
    assert.equal(request.headers['onestop-signature'], expected);
    assert.equal(verifySignature({ secret, timestamp, body: request.body, signature: expected, now: services.clock.now() }), true);
    assert.deepEqual(JSON.parse(request.body), { id: eventId, type: 'case.created', subject: 'case:1', occurredAt: '2026-11-25T09:00:00.000Z', data: { caseId: 1 } });
  });

  it('publishes nothing from a transaction that is rolled back', async () => {
    const back = await receiver();
    await subscribe(back.url);
    await assert.rejects(withTransaction(services.db, async (tx) => {
      await services.integration.outbox.publish(tx, { type: 'case.created', subject: 'case:2' });
      throw new Error('the change failed');
    }), /the change failed/);
    await dispatcher().runUntilIdle();
    assert.equal(back.received.length, 0);
    assert.equal((await services.db.selectFrom('outbox_event').select('id').execute()).length, 0);
  });

  it('retries with backoff while the back office is down (refused, then 500), and delivers once it is up, with the same event id', async () => {
    const first = await receiver();
    const port = first.port;
    await subscribe(first.url);
    await first.close();
    const eventId = await publish('case.created');
    const run = dispatcher();
    await run.runUntilIdle();
    let [delivery] = await services.integration.webhooks.listDeliveries(testActor);
    assert.equal(delivery?.status, 'pending');
    assert.match(delivery?.lastError ?? '', /ECONNREFUSED/);
    assert.equal(delivery?.nextAttemptAt.toISOString(), '2026-11-25T09:00:30.000Z', 'the first wait is 30 seconds');
    services.clock.advance(29_000);
    await run.runUntilIdle();
    assert.equal((await services.integration.webhooks.listDeliveries(testActor))[0]?.attempts, 1, 'not tried again before the wait is over');
    const unwell = await receiver({ port, status: 500 });
    services.clock.advance(1_000);
    await run.runUntilIdle();
    [delivery] = await services.integration.webhooks.listDeliveries(testActor);
    assert.equal(delivery?.attempts, 2);
    assert.equal(delivery?.lastStatus, 500);
    assert.equal(delivery?.nextAttemptAt.toISOString(), '2026-11-25T09:01:30.000Z', 'the second wait is a minute');
    unwell.answerWith(200);
    services.clock.advance(60_000);
    await run.runUntilIdle();
    [delivery] = await services.integration.webhooks.listDeliveries(testActor);
    assert.equal(delivery?.status, 'delivered');
    assert.deepEqual(unwell.received.map((request) => [request.headers['onestop-event-id'], request.headers['onestop-delivery-attempt']]), [[eventId, '2'], [eventId, '3']]);
  });

  it('delivers each event once when two dispatchers run at once, in order for the subscription', async () => {
    const back = await receiver();
    await subscribe(back.url);
    const ids: string[] = [];
    for (let index = 0; index < 40; index++) ids.push(await publish('case.updated', { index }));
    const [one, two] = [services.integration.dispatcher({ name: 'one' }), services.integration.dispatcher({ name: 'two' })];
    await Promise.all([one.runUntilIdle(), two.runUntilIdle(), one.runUntilIdle(), two.runUntilIdle()]);
    await one.runUntilIdle();
    assert.deepEqual(back.received.map((request) => request.headers['onestop-event-id']), ids);
  });

  it('leaves a delivery dead after the last attempt, and an administrator re-drives it with the same event id', async () => {
    const back = await receiver({ status: 503 });
    await subscribe(back.url);
    const eventId = await publish('case.closed');
    const run = dispatcher();
    await attemptEveryRetry(run, services.clock);
    const [dead] = await services.integration.webhooks.listDeliveries(testActor, { status: 'dead' });
    assert.ok(dead);
    assert.equal(dead.attempts, retryPolicy.maxAttempts);
    assert.equal(back.received.length, retryPolicy.maxAttempts);
    back.answerWith(202);
    await services.integration.webhooks.redriveDelivery(testActor, dead.id);
    await run.runUntilIdle();
    assert.equal((await services.integration.webhooks.listDeliveries(testActor))[0]?.status, 'delivered');
    assert.equal(back.received.at(-1)?.headers['onestop-event-id'], eventId);
    assert.deepEqual((await services.audit.byActor('system:test')).map((entry) => entry.action).slice(0, 1), ['webhook.redrive']);
  });

  it('tries again a delivery left by a dispatcher that died mid-attempt, never losing it', async () => {
    const back = await receiver();
    await subscribe(back.url);
    await publish('case.created');
    const crashed = services.integration.dispatcher({ name: 'crashed', abandonedAfterMs: 60_000 });
    await crashed.fanOut();
    assert.ok(await claimDelivery(services.db, 'crashed', services.clock.now()), 'claimed, then the process died');
    const survivor = services.integration.dispatcher({ name: 'survivor', abandonedAfterMs: 60_000 });
    assert.equal(await survivor.releaseAbandoned(), 0, 'not before its lease is over');
    services.clock.advance(61_000);
    assert.equal(await survivor.releaseAbandoned(), 1);
    await survivor.runUntilIdle();
    assert.equal(back.received.length, 1);
    assert.equal((await services.integration.webhooks.listDeliveries(testActor))[0]?.status, 'delivered');
  });

  it('refuses private and loopback targets without allowPrivate, when subscribing and again at delivery', async () => {
    for (const url of ['http://127.0.0.1:9/hooks', 'http://10.0.0.1/hooks', 'http://192.168.0.1/hooks', 'http://169.254.169.254/latest', 'http://[::1]:9/hooks', 'http://localhost:9/hooks']) {
      await assert.rejects(services.integration.webhooks.addSubscription(testActor, { name: url, url, events: ['*'] }), /private or loopback|can never/, url);
    }
    const back = await receiver();
    const { subscription } = await subscribe(back.url);
    // As if the name had been pointed at a private address after the check: the delivery is refused, not sent.
    await services.db.updateTable('webhook_subscription').set({ allow_private: false }).where('id', '=', subscription.id).execute();
    await publish('case.created');
    await dispatcher().runUntilIdle();
    assert.equal(back.received.length, 0);
    assert.match((await services.integration.webhooks.listDeliveries(testActor))[0]?.lastError ?? '', /private or loopback/);
  });

  it('sends a test event to the one subscription named, and lets only an administrator manage webhooks', async () => {
    const back = await receiver();
    const { subscription } = await subscribe(back.url);
    const eventId = await services.integration.webhooks.sendTest(testActor, subscription.id);
    await dispatcher().runUntilIdle();
    assert.equal(back.received[0]?.headers['onestop-event-id'], eventId);
    assert.equal(back.received[0]?.headers['onestop-event-type'], 'webhook.test');
    const leader = { kind: 'staff', userId: 1, email: 'l@council.gov.uk', displayName: 'L', role: 'team_leader', teams: [] } as const;
    await assert.rejects(services.integration.webhooks.listSubscriptions(leader as never), /cannot manage webhooks/);
  });
});
