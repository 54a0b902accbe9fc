import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../src/clock.ts';
import { withTransaction } from '../../src/db/transaction.ts';
import { createDispatcher } from '../../src/integration/dispatcher.ts';
import { attemptEveryRetry, startReceiver, type Receiver } from '../../src/integration/receiver.test-support.ts';
import { testActor } from '../../src/test-support.ts';
import { assertAccessible, pageSignedInAs, seen, startServer, type TestServer } from './browser-support.ts';

// The administrator's webhooks page, as an administrator meets it when a back office has been down all day.

let server: TestServer;
let receiver: Receiver;
const password = 'a-long-password-for-tests';

before(async () => {
  receiver = await startReceiver({ status: 503 });
  server = await startServer(async (services) => {
    await services.staff.addUser({ email: 'admin@test.gov.uk', displayName: 'Admin', password, role: 'admin' });
    await services.integration.webhooks.addSubscription(testActor, { name: 'Revenues and Benefits', url: receiver.url, events: ['case.*'], allowPrivate: true });
    await withTransaction(services.db, (tx) => services.integration.outbox.publish(tx, { type: 'case.created', subject: 'case:1' }));
    // A day of failed attempts, on a clock of its own.
    const clock = fixedClock(new Date().toISOString());
    await attemptEveryRetry(createDispatcher({ db: services.db, clock, random: () => 0.5 }), clock);
  });
});
afterEach(async () => { await server?.closePages(); });
after(async () => { await server?.close(); await receiver?.close(); });

describe('the webhooks page', () => {
  it('shows the dead delivery, accessibly, and sends it again', async () => {
    const page = await pageSignedInAs(server, 'admin@test.gov.uk', password, '/admin/webhooks');
    assert.match(await seen(page, 'h1'), /Webhooks/);
    assert.match(await seen(page), /Revenues and Benefits.*case\.\*/);
    assert.match(await seen(page), /1 dead/);
    await assertAccessible(page, 'Webhooks with a dead delivery');
    await page.getByRole('button', { name: /Send delivery \d+ again/ }).click();
    await page.waitForURL(/done=redriven$/);
    assert.match(await seen(page, '.govuk-notification-banner'), /will be sent again, with the same event id/);
    assert.match(await seen(page), /0 dead/);
    await assertAccessible(page, 'Webhooks after a re-drive');
  });
});
