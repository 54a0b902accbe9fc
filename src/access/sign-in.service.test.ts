import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { defaultAuthConfig } from '../config.ts';
import { closeTestDatabase, freshServices } from '../test-support.ts';
import { createSecretBox } from './secret-box.ts';
import { createSignInService } from './sign-in.service.ts';
import { createTwoFactorService } from './two-factor.service.ts';
import { totpCodeAt } from './two-factor.ts';

after(closeTestDatabase);

const ann = { email: 'ann.lee@council.gov.uk', displayName: 'Ann Lee', password: 'correct horse battery' };
type Services = Awaited<ReturnType<typeof freshServices>>;
const box = createSecretBox(randomBytes(32));

/** One process's sign-in service; two of them on one database stand for two processes. */
function signInFor(services: Services, settings: Partial<typeof defaultAuthConfig> = {}) {
  const twoFactor = createTwoFactorService({ db: services.db, clock: services.clock, box, issuer: 'OneStop' });
  return createSignInService({ db: services.db, clock: services.clock, staff: services.staff, twoFactor, settings: { ...defaultAuthConfig, ...settings } });
}

const attempt = (password: string, address = '203.0.113.1') => ({ email: ann.email, password, address });

describe('locking after failed sign-ins', () => {
  it('holds the lock in every process: failures through two processes add up', async () => {
    const services = await freshServices();
    await services.staff.addUser(ann);
    const [one, other] = [signInFor(services), signInFor(services)];
    for (let failure = 0; failure < 4; failure++) await (failure % 2 === 0 ? one : other).signInWithPassword(attempt('wrong password!'));
    assert.deepEqual(await other.signInWithPassword(attempt('wrong password!')), { kind: 'locked', minutes: 15 });
    assert.deepEqual(await one.signInWithPassword(attempt(ann.password)), { kind: 'locked', minutes: 15 });
  });

  it('counts failures arriving at once, each of them', async () => {
    const services = await freshServices();
    await services.staff.addUser(ann);
    const [one, other] = [signInFor(services, { failedSignInsBeforeLock: 100 }), signInFor(services, { failedSignInsBeforeLock: 100 })];
    await Promise.all(Array.from({ length: 8 }, (_, failure) => (failure % 2 === 0 ? one : other).signInWithPassword(attempt('wrong password!'))));
    const row = await services.db.selectFrom('sign_in_failure').select('failures').where('key', '=', `email:${ann.email}`).executeTakeFirstOrThrow();
    assert.equal(row.failures, 8);
  });

  it('forgets failures after a successful sign-in', async () => {
    const services = await freshServices();
    await services.staff.addUser(ann);
    const signIn = signInFor(services);
    for (let failure = 0; failure < 4; failure++) await signIn.signInWithPassword(attempt('wrong password!'));
    assert.equal((await signIn.signInWithPassword(attempt(ann.password))).kind, 'signed_in');
    for (let failure = 0; failure < 4; failure++) assert.equal((await signIn.signInWithPassword(attempt('wrong password!'))).kind, 'refused');
  });

  it('starts the count again once the first failure is 15 minutes old', async () => {
    const services = await freshServices();
    await services.staff.addUser(ann);
    const signIn = signInFor(services);
    for (let failure = 0; failure < 4; failure++) await signIn.signInWithPassword(attempt('wrong password!'));
    services.clock.advance(15 * 60_000);
    assert.equal((await signIn.signInWithPassword(attempt('wrong password!'))).kind, 'refused');
  });

  it('lifts a lock when an administrator enables the account', async () => {
    const services = await freshServices();
    await services.staff.addUser(ann);
    const signIn = signInFor(services);
    for (let failure = 0; failure < 5; failure++) await signIn.signInWithPassword(attempt('wrong password!'));
    assert.equal((await signIn.signInWithPassword(attempt(ann.password))).kind, 'locked');
    await services.staff.enableUser(ann.email);
    assert.equal((await signIn.signInWithPassword(attempt(ann.password))).kind, 'signed_in');
  });
});

describe('the second factor', () => {
  it('asks for a code only once one is set up, and takes each code once', async () => {
    const services = await freshServices();
    const user = await services.staff.addUser(ann);
    const signIn = signInFor(services);
    assert.equal((await signIn.signInWithPassword(attempt(ann.password))).kind, 'signed_in');
    const enrolment = await signIn.twoFactor.beginEnrolment(user);
    assert.ok(enrolment);
    assert.equal(await signIn.twoFactor.confirmEnrolment(user.id, '000000'), false);
    assert.equal(await signIn.twoFactor.confirmEnrolment(user.id, totpCodeAt(enrolment.secret, services.clock.now())), true);
    assert.equal(await signIn.twoFactor.beginEnrolment(user), undefined, 'the secret is never shown again');

    services.clock.advance(30_000);
    assert.equal((await signIn.signInWithPassword(attempt(ann.password))).kind, 'code_needed');
    const code = totpCodeAt(enrolment.secret, services.clock.now());
    assert.equal((await signIn.signInWithCode({ email: ann.email, code, address: '203.0.113.1' })).kind, 'signed_in');
    assert.equal((await signIn.signInWithCode({ email: ann.email, code, address: '203.0.113.1' })).kind, 'refused');
  });

  it('is removed by an administrator\'s reset, which also ends the account\'s sessions', async () => {
    const services = await freshServices();
    const user = await services.staff.addUser(ann);
    const signIn = signInFor(services);
    const enrolment = await signIn.twoFactor.beginEnrolment(user);
    await signIn.twoFactor.confirmEnrolment(user.id, totpCodeAt(enrolment?.secret ?? '', services.clock.now()));
    const session = await services.staff.startSession(user.id);
    const reset = await services.staff.resetTwoFactor(ann.email);
    assert.equal(reset.sessionsEnded, 1);
    assert.equal(await services.staff.resumeSession(session.token), undefined);
    assert.equal((await signIn.signInWithPassword(attempt(ann.password))).kind, 'signed_in');
    assert.ok(await signIn.twoFactor.beginEnrolment(user), 'a new one can be set up');
  });
});

describe('disabling and enabling accounts', () => {
  it('ends every session of a disabled account at once, and does not bring them back on enabling', async () => {
    const services = await freshServices();
    const user = await services.staff.addUser(ann);
    const sessions = [await services.staff.startSession(user.id), await services.staff.startSession(user.id, { idleMinutes: 30 })];
    const { sessionsEnded } = await services.staff.disableUser('ANN.LEE@council.gov.uk');
    assert.equal(sessionsEnded, 2);
    await services.staff.enableUser(ann.email);
    for (const session of sessions) assert.equal(await services.staff.resumeSession(session.token), undefined);
    assert.equal((await services.staff.findUserByEmail(ann.email))?.isActive, true);
  });

  it('says so for an email with no account', async () => {
    const services = await freshServices();
    await assert.rejects(services.staff.disableUser('nobody@council.gov.uk'), /no staff account for nobody@council\.gov\.uk/);
    await assert.rejects(services.staff.enableUser('nobody@council.gov.uk'), /no staff account/);
    await assert.rejects(services.staff.resetTwoFactor('nobody@council.gov.uk'), /no staff account/);
  });
});

describe('idle sessions', () => {
  it('sweeps an account\'s ended sessions when it starts another', async () => {
    const services = await freshServices();
    const user = await services.staff.addUser(ann);
    await services.staff.startSession(user.id, { idleMinutes: 30 });
    services.clock.advance(31 * 60_000);
    await services.staff.startSession(user.id, { idleMinutes: 30 });
    assert.equal((await services.db.selectFrom('staff_session').select('id_hash').execute()).length, 1);
  });

  it('gives the time the session ends if nothing more happens', async () => {
    const services = await freshServices('2026-11-25T09:00:00Z');
    const user = await services.staff.addUser(ann);
    const session = await services.staff.startSession(user.id, { idleMinutes: 30 });
    assert.equal(session.endsAt.toISOString(), '2026-11-25T09:30:00.000Z');
    services.clock.advance(10 * 60_000);
    const continued = await services.staff.continueSession(session.token);
    assert.deepEqual([continued?.endsAt.toISOString(), continued?.canExtend], ['2026-11-25T09:40:00.000Z', true]);
  });
});
