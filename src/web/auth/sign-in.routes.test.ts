import { after, afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { totpCodeAt } from '../../access/two-factor.ts';
import type { AuthConfig } from '../../config.ts';
import { closeTestDatabase, freshServices, tempDir } from '../../test-support.ts';
import { buildApp } from '../app.ts';
import { createAgent, errorSummaryOf, type Agent } from './agent.test-support.ts';

// Signing in through the pages, as a browser does (cookies and form tokens), on a real database and a fixed clock.

after(closeTestDatabase);

const ann = { email: 'ann.lee@council.gov.uk', displayName: 'Ann Lee', password: 'correct horse battery' };
type Services = Awaited<ReturnType<typeof freshServices>>;

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function start(auth: Partial<AuthConfig> = {}): Promise<{ services: Services; app: FastifyInstance }> {
  const services = await freshServices('2026-11-25T09:00:00Z');
  await services.staff.addUser(ann);
  app = await buildApp({ services, config: { cookieSecure: false, councilName: 'Test Borough Council', dataDir: tempDir(), auth } });
  return { services, app };
}

function signIn(agent: Agent, password = ann.password, email = ann.email) {
  return agent.submit('/sign-in', '/sign-in', { email, password, next: '/people' });
}

/** Sets up a second factor through the account page, as staff do, and gives the secret the page showed. */
async function enrol(agent: Agent, services: Services): Promise<string> {
  const page = await agent.request({ url: '/account/two-factor' });
  const secret = (/id="setup-key">([^<]+)</.exec(page.body)?.[1] ?? '').replace(/\s/g, '');
  const confirmed = await agent.submit('/account/two-factor', '/account/two-factor', { code: totpCodeAt(secret, services.clock.now()) });
  assert.equal(confirmed.headers.location, '/account/two-factor?confirmed=1');
  return secret;
}

describe('signing in with a second factor', () => {
  it('asks for the code after the right password, and signs in only with the right code', async () => {
    const { services, app } = await start();
    const secret = await enrol(await signedIn(app), services);
    services.clock.advance(60_000);

    const agent = createAgent(app);
    const password = await signIn(agent);
    assert.deepEqual([password.statusCode, password.headers.location], [303, '/sign-in/code']);
    assert.equal(agent.cookies.has('onestop_session'), false);
    const before = await agent.request({ url: '/people' });
    assert.equal(before.statusCode, 303, 'a password alone is not a session');

    const wrong = await agent.submit('/sign-in/code', '/sign-in/code', { code: '000000' });
    assert.equal(wrong.statusCode, 400);
    assert.match(errorSummaryOf(wrong.body), /There is a problem The code is not correct or has already been used/);
    assert.match(wrong.body, /<title>Error: Enter the code/);

    const right = await agent.submit('/sign-in/code', '/sign-in/code', { code: totpCodeAt(secret, services.clock.now()) });
    assert.deepEqual([right.statusCode, right.headers.location], [303, '/people']);
    assert.equal((await agent.request({ url: '/people' })).statusCode, 200);
  });

  it('refuses a code that has already been used, within its 30 seconds', async () => {
    const { services, app } = await start();
    const secret = await enrol(await signedIn(app), services);
    services.clock.advance(60_000);
    const code = totpCodeAt(secret, services.clock.now());
    const first = createAgent(app);
    await signIn(first);
    assert.equal((await first.submit('/sign-in/code', '/sign-in/code', { code })).headers.location, '/people');

    const second = createAgent(app);
    await signIn(second);
    const replayed = await second.submit('/sign-in/code', '/sign-in/code', { code: code.replace(/^(\d{3})/, '$1 ') });
    assert.equal(replayed.statusCode, 400);
    assert.match(errorSummaryOf(replayed.body), /has already been used/);
  });

  it('asks for the code when none is typed, and sends anyone without a password step back to sign in', async () => {
    const { services, app } = await start();
    await enrol(await signedIn(app), services);
    const agent = createAgent(app);
    await signIn(agent);
    const empty = await agent.submit('/sign-in/code', '/sign-in/code', { code: '  ' });
    assert.match(errorSummaryOf(empty.body), /Enter the 6-digit code from your authenticator app/);
    const stranger = createAgent(app);
    assert.equal((await stranger.request({ url: '/sign-in/code' })).headers.location, '/sign-in');
  });
});

describe('locking out repeated failures', () => {
  it('locks an email address after 5 failures for 15 minutes, refusing even the right password, then lets it in', async () => {
    const { services, app } = await start();
    const agent = createAgent(app);
    for (let attempt = 1; attempt <= 4; attempt++) {
      assert.match(errorSummaryOf((await signIn(agent, 'wrong password!')).body), /Enter a correct email address and password/);
    }
    const fifth = await signIn(agent, 'wrong password!');
    assert.equal(fifth.statusCode, 429);
    assert.match(errorSummaryOf(fifth.body), /There have been too many attempts to sign in\. Wait 15 minutes, then try again\./);
    const right = await signIn(agent);
    assert.equal(right.statusCode, 429, 'the right password is refused while locked');
    services.clock.advance(14 * 60_000);
    assert.match(errorSummaryOf((await signIn(agent)).body), /Wait 1 minute, then try again/);
    services.clock.advance(60_000);
    assert.equal((await signIn(agent)).headers.location, '/people');
  });

  it('says exactly the same of an email address that has no account, so a lock reveals nothing', async () => {
    const { app } = await start();
    const known = createAgent(app);
    const unknown = createAgent(app, { remoteAddress: '192.0.2.7' });
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(known, 'wrong password!');
      await signIn(unknown, 'wrong password!', 'nobody@council.gov.uk');
    }
    const forKnown = await signIn(known, 'wrong password!');
    const forUnknown = await signIn(unknown, 'wrong password!', 'nobody@council.gov.uk');
    assert.equal(forKnown.statusCode, forUnknown.statusCode);
    assert.equal(errorSummaryOf(forKnown.body), errorSummaryOf(forUnknown.body));
  });

  it('refuses a network address that fails too often across many accounts, but not other addresses', async () => {
    const { app } = await start({ failedSignInsPerAddress: 3 });
    const attacker = createAgent(app, { remoteAddress: '198.51.100.9' });
    for (const email of ['a@council.gov.uk', 'b@council.gov.uk', 'c@council.gov.uk']) await signIn(attacker, 'wrong password!', email);
    const fourth = await signIn(attacker);
    assert.equal(fourth.statusCode, 429);
    assert.match(errorSummaryOf(fourth.body), /too many attempts/);
    const colleague = createAgent(app, { remoteAddress: '198.51.100.10' });
    assert.equal((await signIn(colleague)).headers.location, '/people');
  });

  it('counts wrong codes too, so a stolen password cannot be followed by guessing codes', async () => {
    const { services, app } = await start({ failedSignInsBeforeLock: 3 });
    await enrol(await signedIn(app), services);
    const agent = createAgent(app);
    await signIn(agent);
    for (const code of ['111111', '222222']) assert.equal((await agent.submit('/sign-in/code', '/sign-in/code', { code })).statusCode, 400);
    const third = await agent.submit('/sign-in/code', '/sign-in/code', { code: '333333' });
    assert.equal(third.statusCode, 429);
    assert.match(errorSummaryOf(third.body), /too many attempts/);
    assert.equal((await agent.request({ url: '/sign-in/code' })).headers.location, '/sign-in', 'the half-done sign-in is gone');
  });
});

describe('the idle timeout', () => {
  it('ends a session after 30 minutes without a request, on the server, each request starting the 30 minutes again', async () => {
    const { services, app } = await start();
    const agent = await signedIn(app);
    services.clock.advance(29 * 60_000);
    assert.equal((await agent.request({ url: '/people' })).statusCode, 200);
    services.clock.advance(29 * 60_000);
    assert.equal((await agent.request({ url: '/people' })).statusCode, 200);
    services.clock.advance(30 * 60_000);
    const ended = await agent.request({ url: '/people' });
    assert.deepEqual([ended.statusCode, ended.headers.location], [303, '/sign-in?next=%2Fpeople']);
    assert.equal((await services.db.selectFrom('staff_session').select('id_hash').execute()).length, 0, 'the session row is gone');
  });

  it('takes the idle timeout from the settings', async () => {
    const { services, app } = await start({ idleMinutes: 5 });
    const agent = await signedIn(app);
    services.clock.advance(5 * 60_000);
    assert.equal((await agent.request({ url: '/people' })).statusCode, 303);
  });

  it('gives each page the seconds left and the warning script, and more time to a request carrying the form token', async () => {
    const { services, app } = await start();
    const agent = await signedIn(app);
    const page = await agent.request({ url: '/people' });
    assert.match(page.body, /<script src="\/static\/session-timeout\.js" defer data-seconds-left="1800" data-can-extend="true" data-csrf-token="[^"]+"><\/script>/);
    const token = /data-csrf-token="([^"]+)"/.exec(page.body)?.[1] ?? '';

    services.clock.advance(28 * 60_000);
    const refused = await agent.request({ method: 'POST', url: '/session/extend' });
    assert.equal(refused.statusCode, 403, 'no form token, no more time');
    const extended = await agent.request({ method: 'POST', url: '/session/extend', headers: { 'x-csrf-token': token } });
    assert.equal(extended.statusCode, 200);
    assert.deepEqual(extended.json(), { secondsLeft: 1800, canExtend: true });
    services.clock.advance(29 * 60_000);
    assert.equal((await agent.request({ url: '/people' })).statusCode, 200);
  });

  it('never puts the end past the session\'s 8 hours', async () => {
    const { services, app } = await start();
    const agent = await signedIn(app);
    for (let step = 0; step < 16; step++) {
      services.clock.advance(29 * 60_000);
      await agent.request({ url: '/people' });
    }
    const late = await agent.request({ url: '/people' });
    assert.match(late.body, /data-seconds-left="(\d+)" data-can-extend="false"/);
    assert.equal(Number(/data-seconds-left="(\d+)"/.exec(late.body)?.[1]), 8 * 3600 - 16 * 29 * 60);
  });

  it('tells someone signed out by the timeout why, on the sign-in page', async () => {
    const { app } = await start();
    const page = await createAgent(app).request({ url: '/sign-in?timedOut=1&next=%2Fpeople' });
    assert.match(page.body.replace(/\s+/g, ' '), /You were signed out because you had not done anything for a while/);
  });
});

describe('disabling an account', () => {
  it('stops its session cookie and its bearer token on the very next request', async () => {
    const { services, app } = await start();
    const agent = await signedIn(app);
    const token = await services.staff.createApiToken(ann.email, 'reporting');
    const bearer = { authorization: `Bearer ${token}` };
    assert.equal((await agent.request({ url: '/people' })).statusCode, 200);
    assert.equal((await app.inject({ url: '/api/v1/stats', headers: bearer })).statusCode, 200);

    const { sessionsEnded } = await services.staff.disableUser(ann.email);
    assert.equal(sessionsEnded, 1);
    const page = await agent.request({ url: '/people' });
    assert.deepEqual([page.statusCode, page.headers.location], [303, '/sign-in?next=%2Fpeople']);
    const api = await app.inject({ url: '/api/v1/stats', headers: bearer });
    assert.equal(api.statusCode, 401);
    assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
    assert.match(errorSummaryOf((await signIn(createAgent(app))).body), /Enter a correct email address and password/);

    await services.staff.enableUser(ann.email);
    assert.equal((await app.inject({ url: '/api/v1/stats', headers: bearer })).statusCode, 200, 'the token works again once enabled');
    assert.equal((await agent.request({ url: '/people' })).statusCode, 303, 'the ended session does not come back');
  });
});

async function signedIn(app: FastifyInstance): Promise<Agent> {
  const agent = createAgent(app);
  const response = await signIn(agent);
  assert.equal(response.headers.location, '/people', response.body);
  return agent;
}
