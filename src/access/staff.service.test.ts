import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Conflict, NotFound, ValidationFailed } from '../errors.ts';
import { closeTestDatabase, freshServices } from '../test-support.ts';

after(closeTestDatabase);

const password = 'correct horse battery';
const ann = { email: 'Ann.Lee@Council.gov.uk', displayName: 'Ann Lee', password, role: 'adviser' as const };

describe('staff accounts', () => {
  it('stores an argon2id hash of the password, never the password', async () => {
    const services = await freshServices();
    const user = await services.staff.addUser(ann);
    assert.deepEqual([user.email, user.displayName, user.role, user.isActive], ['ann.lee@council.gov.uk', 'Ann Lee', 'adviser', true]);
    const row = await services.db.selectFrom('staff_user').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    assert.match(row.password_hash ?? '', /^\$argon2id\$/);
    assert.ok(!JSON.stringify(row).includes(password));
  });

  it('refuses a password shorter than 12 characters, and stores nothing', async () => {
    const services = await freshServices();
    await assert.rejects(services.staff.addUser({ ...ann, password: 'short pass' }), (error: unknown) =>
      error instanceof ValidationFailed && /at least 12 characters/.test(error.message) && error.fieldErrors.password !== undefined);
    assert.equal(await services.staff.countUsers(), 0);
  });

  it('refuses a second account for the same email, in any case', async () => {
    const services = await freshServices();
    await services.staff.addUser(ann);
    await assert.rejects(services.staff.addUser({ ...ann, email: 'ann.lee@council.gov.uk', displayName: 'Another Ann' }), Conflict);
    await assert.rejects(services.staff.addUser({ ...ann, email: 'ANN.LEE@COUNCIL.GOV.UK', displayName: 'Another Ann' }), Conflict);
    assert.equal(await services.staff.countUsers(), 1);
  });
});

describe('signing in', () => {
  it('accepts the right password, whatever the case of the email, and records when', async () => {
    const services = await freshServices('2026-11-25T09:00:00Z');
    const created = await services.staff.addUser(ann);
    const user = await services.staff.authenticate(' ANN.LEE@council.gov.uk ', password);
    assert.equal(user?.id, created.id);
    const row = await services.db.selectFrom('staff_user').select('last_signed_in_at').where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.equal(row.last_signed_in_at?.toISOString(), '2026-11-25T09:00:00.000Z');
  });

  it('refuses the wrong password and an unknown email', async () => {
    const services = await freshServices();
    await services.staff.addUser(ann);
    assert.equal(await services.staff.authenticate(ann.email, 'correct horse battery!'), undefined);
    assert.equal(await services.staff.authenticate('nobody@council.gov.uk', password), undefined);
  });

  it('refuses a disabled account even with the right password', async () => {
    const services = await freshServices();
    const user = await services.staff.addUser(ann);
    await services.db.updateTable('staff_user').set({ is_active: false }).where('id', '=', user.id).execute();
    assert.equal(await services.staff.authenticate(ann.email, password), undefined);
  });
});

describe('sessions', () => {
  it('resumes a session until it expires after the configured 8 hours', async () => {
    const services = await freshServices();
    const user = await services.staff.addUser(ann);
    const { token, expiresAt } = await services.staff.startSession(user.id);
    assert.equal(expiresAt.toISOString(), new Date(services.clock.now().getTime() + 8 * 3_600_000).toISOString());
    assert.deepEqual(await services.staff.resumeSession(token), { kind: 'staff', userId: user.id, email: user.email, displayName: 'Ann Lee', role: 'adviser', teamIds: [], door: 'web' });
    services.clock.advance(8 * 3_600_000 - 1_000);
    assert.equal((await services.staff.resumeSession(token))?.userId, user.id);
    services.clock.advance(1_000);
    assert.equal(await services.staff.resumeSession(token), undefined);
  });

  it('keeps only a hash of the session token', async () => {
    const services = await freshServices();
    const user = await services.staff.addUser(ann);
    const { token } = await services.staff.startSession(user.id);
    const rows = await services.db.selectFrom('staff_session').select('id_hash').execute();
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]?.id_hash, token);
  });

  it('ends a session on sign-out, leaving others running', async () => {
    const services = await freshServices();
    const user = await services.staff.addUser(ann);
    const first = await services.staff.startSession(user.id);
    const second = await services.staff.startSession(user.id);
    await services.staff.endSession(first.token);
    assert.equal(await services.staff.resumeSession(first.token), undefined);
    assert.equal((await services.staff.resumeSession(second.token))?.userId, user.id);
  });

  it('does not resume a session of an account disabled since it began', async () => {
    const services = await freshServices();
    const user = await services.staff.addUser(ann);
    const { token } = await services.staff.startSession(user.id);
    await services.db.updateTable('staff_user').set({ is_active: false }).where('id', '=', user.id).execute();
    assert.equal(await services.staff.resumeSession(token), undefined);
  });

  it('does not resume a session from a token no one was given', async () => {
    const services = await freshServices();
    await services.staff.addUser(ann);
    assert.equal(await services.staff.resumeSession('not-a-session-token'), undefined);
  });
});

describe('API tokens', () => {
  it('creates a token that acts as its user through the API, keeping only its hash', async () => {
    const services = await freshServices();
    const user = await services.staff.addUser(ann);
    const token = await services.staff.createApiToken('ANN.LEE@council.gov.uk', 'reporting');
    assert.match(token, /^os_[\w-]{43}$/);
    assert.deepEqual(await services.staff.resolveApiToken(token), { kind: 'staff', userId: user.id, email: user.email, displayName: 'Ann Lee', role: 'adviser', teamIds: [], door: 'api' });
    const rows = await services.db.selectFrom('api_token').select(['token_hash', 'name', 'staff_user_id']).execute();
    assert.deepEqual(rows.map((row) => [row.name, row.staff_user_id]), [['reporting', user.id]]);
    assert.notEqual(rows[0]?.token_hash, token);
  });

  it('gives each token its own value', async () => {
    const services = await freshServices();
    await services.staff.addUser(ann);
    assert.notEqual(await services.staff.createApiToken(ann.email), await services.staff.createApiToken(ann.email));
  });

  it('refuses a revoked token and one never issued', async () => {
    const services = await freshServices();
    await services.staff.addUser(ann);
    const revoked = await services.staff.createApiToken(ann.email);
    const kept = await services.staff.createApiToken(ann.email, 'kept');
    await services.db.updateTable('api_token').set({ revoked_at: services.clock.now() }).where('name', '=', 'command line').execute();
    assert.equal(await services.staff.resolveApiToken(revoked), undefined);
    assert.equal(await services.staff.resolveApiToken(`os_${'A'.repeat(43)}`), undefined);
    assert.ok(await services.staff.resolveApiToken(kept));
  });

  it('refuses the token of a disabled account', async () => {
    const services = await freshServices();
    const user = await services.staff.addUser(ann);
    const token = await services.staff.createApiToken(ann.email);
    await services.db.updateTable('staff_user').set({ is_active: false }).where('id', '=', user.id).execute();
    assert.equal(await services.staff.resolveApiToken(token), undefined);
  });

  it('refuses to create a token for an email with no account', async () => {
    const services = await freshServices();
    await assert.rejects(services.staff.createApiToken('nobody@council.gov.uk'), NotFound);
    assert.equal((await services.db.selectFrom('api_token').select('id').execute()).length, 0);
  });
});
