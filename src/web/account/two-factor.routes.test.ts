import { after, afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { totpCodeAt } from '../../access/two-factor.ts';
import { closeTestDatabase, freshServices, tempDir } from '../../test-support.ts';
import { buildApp } from '../app.ts';
import { createAgent, errorSummaryOf, type Agent } from '../auth/agent.test-support.ts';

// Setting up a second factor from the account page.

after(closeTestDatabase);

const ann = { email: 'ann.lee@council.gov.uk', displayName: 'Ann Lee', password: 'correct horse battery' };
let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function signedIn() {
  const services = await freshServices('2026-11-25T09:00:00Z');
  await services.staff.addUser(ann);
  app = await buildApp({ services, config: { cookieSecure: false, councilName: 'Test Borough Council', dataDir: tempDir() } });
  const agent = createAgent(app);
  const response = await agent.submit('/sign-in', '/sign-in', { email: ann.email, password: ann.password });
  assert.equal(response.statusCode, 303);
  return { services, agent };
}

function setupKeyOn(html: string): string {
  return (/id="setup-key">([^<]+)</.exec(html)?.[1] ?? '').replace(/\s/g, '');
}

async function openPage(agent: Agent) {
  const page = await agent.request({ url: '/account/two-factor' });
  assert.equal(page.statusCode, 200);
  return page;
}

describe('the two-factor page', () => {
  it('shows the setup key as text and as an otpauth:// link, the same key until it is confirmed', async () => {
    const { agent } = await signedIn();
    const page = await openPage(agent);
    const secret = setupKeyOn(page.body);
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const link = /id="setup-link">([^<]+)</.exec(page.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const uri = new URL(link);
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(uri.searchParams.get('secret'), secret);
    assert.equal(uri.searchParams.get('issuer'), 'OneStop (Test Borough Council)');
    assert.match(decodeURIComponent(uri.pathname), /ann\.lee@council\.gov\.uk$/);
    assert.match(page.body, /role="img" aria-label="QR code holding the setup key shown below"><svg/);
    assert.equal(setupKeyOn((await openPage(agent)).body), secret);
  });

  it('keeps the secret sealed in the database, never as the key shown', async () => {
    const { services, agent } = await signedIn();
    const secret = setupKeyOn((await openPage(agent)).body);
    const row = await services.db.selectFrom('staff_user').select(['totp_secret', 'totp_pending_secret']).executeTakeFirstOrThrow();
    assert.match(row.totp_pending_secret ?? '', /^v1:/);
    assert.ok(!JSON.stringify(row).includes(secret));
  });

  it('refuses a wrong code with a GOV.UK error, showing the same key to try again', async () => {
    const { agent } = await signedIn();
    const secret = setupKeyOn((await openPage(agent)).body);
    const wrong = await agent.submit('/account/two-factor', '/account/two-factor', { code: '12345' });
    assert.equal(wrong.statusCode, 400);
    assert.match(errorSummaryOf(wrong.body), /There is a problem The code is not correct/);
    assert.match(wrong.body, /govuk-input--error/);
    assert.equal(setupKeyOn(wrong.body), secret);
  });

  it('confirms with a right code, then says it is set up and never shows the key again', async () => {
    const { services, agent } = await signedIn();
    const secret = setupKeyOn((await openPage(agent)).body);
    const confirmed = await agent.submit('/account/two-factor', '/account/two-factor', { code: totpCodeAt(secret, services.clock.now()) });
    assert.equal(confirmed.headers.location, '/account/two-factor?confirmed=1');
    const page = await agent.request({ url: '/account/two-factor?confirmed=1' });
    assert.match(page.body, /Two-factor authentication is set up/);
    assert.ok(!page.body.includes(secret));
    assert.equal(setupKeyOn(page.body), '');
    const row = await services.db.selectFrom('staff_user').select(['totp_secret', 'totp_pending_secret']).executeTakeFirstOrThrow();
    assert.deepEqual([/^v1:/.test(row.totp_secret ?? ''), row.totp_pending_secret], [true, null]);
  });

  it('asks someone signed out to sign in first', async () => {
    await signedIn();
    const response = await createAgent(app as FastifyInstance).request({ url: '/account/two-factor' });
    assert.deepEqual([response.statusCode, response.headers.location], [303, '/sign-in?next=%2Faccount%2Ftwo-factor']);
  });
});
