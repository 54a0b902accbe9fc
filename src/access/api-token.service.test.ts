import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Conflict, NotFound, ValidationFailed } from '../errors.ts';
import { closeTestDatabase, freshServices } from '../test-support.ts';
import { apiScopes, parseScopes } from './api-token.ts';

after(closeTestDatabase);

const ann = { email: 'ann.lee@council.gov.uk', displayName: 'Ann Lee', password: 'correct horse battery' };

describe('reading scopes', () => {
  const cases: Array<{ name: string; given: string[]; expected: string[] }> = [
    { name: 'gives every scope when none is given, as tokens had before scopes', given: [], expected: [...apiScopes] },
    { name: 'takes one scope', given: ['people:read'], expected: ['people:read'] },
    { name: 'takes scopes repeated', given: ['people:read', 'match:read'], expected: ['people:read', 'match:read'] },
    { name: 'takes scopes separated by commas, with spaces', given: ['people:read, imports:write'], expected: ['people:read', 'imports:write'] },
    { name: 'keeps each scope once', given: ['people:read', 'people:read'], expected: ['people:read'] },
  ];
  for (const { name, given, expected } of cases) it(name, () => assert.deepEqual(parseScopes(given), expected));

  it('refuses a scope it does not know, naming the ones it does', () => {
    assert.throws(() => parseScopes(['people:write']), (error: unknown) =>
      error instanceof ValidationFailed && /"people:write" is not a scope: use people:read, match:read, imports:read, imports:write, services:read/.test(error.message));
  });
});

describe('scoped tokens', () => {
  it('creates a token with its scopes, which it grants when used, and notes when it was last used', async () => {
    const services = await freshServices();
    await services.staff.addUser(ann);
    const token = await services.staff.createApiToken(ann.email, 'reporting', ['people:read', 'match:read']);
    const resolved = await services.staff.resolveApiGrant(token);
    assert.deepEqual(resolved?.grant.scopes, ['people:read', 'match:read']);
    const [listed] = await services.staff.listApiTokens(ann.email);
    assert.deepEqual([listed?.name, listed?.scopes, listed?.lastUsedAt?.toISOString(), listed?.revokedAt], ['reporting', ['people:read', 'match:read'], '2026-11-25T09:00:00.000Z', null]);
  });

  it('lists an account\'s tokens oldest first, revoked ones too, and never the token itself', async () => {
    const services = await freshServices();
    await services.staff.addUser(ann);
    const first = await services.staff.createApiToken(ann.email, 'first');
    await services.staff.createApiToken(ann.email, 'second', ['imports:write']);
    const [firstListed] = await services.staff.listApiTokens(ann.email);
    await services.staff.revokeApiToken(firstListed?.id ?? 0);
    const tokens = await services.staff.listApiTokens(ann.email);
    assert.deepEqual(tokens.map((token) => [token.name, token.scopes.join(','), token.revokedAt !== null]), [['first', apiScopes.join(','), true], ['second', 'imports:write', false]]);
    assert.ok(!JSON.stringify(tokens).includes(first));
  });

  it('revokes a token so that it is refused from then on, and leaves the others working', async () => {
    const services = await freshServices();
    await services.staff.addUser(ann);
    const revoked = await services.staff.createApiToken(ann.email, 'old');
    const kept = await services.staff.createApiToken(ann.email, 'new');
    const id = (await services.staff.listApiTokens(ann.email))[0]?.id ?? 0;
    const outcome = await services.staff.revokeApiToken(id);
    assert.deepEqual([outcome.name, outcome.email], ['old', ann.email]);
    assert.equal(await services.staff.resolveApiToken(revoked), undefined);
    assert.ok(await services.staff.resolveApiToken(kept));
  });

  it('says so when a token does not exist or was already revoked', async () => {
    const services = await freshServices();
    await services.staff.addUser(ann);
    await services.staff.createApiToken(ann.email);
    const id = (await services.staff.listApiTokens(ann.email))[0]?.id ?? 0;
    await services.staff.revokeApiToken(id);
    await assert.rejects(services.staff.revokeApiToken(id), Conflict);
    await assert.rejects(services.staff.revokeApiToken(999), NotFound);
    await assert.rejects(services.staff.listApiTokens('nobody@council.gov.uk'), NotFound);
  });

  it('refuses to create a token with an unknown scope, and stores none', async () => {
    const services = await freshServices();
    await services.staff.addUser(ann);
    await assert.rejects(services.staff.createApiToken(ann.email, 'bad', ['everything']), ValidationFailed);
    assert.deepEqual(await services.staff.listApiTokens(ann.email), []);
  });
});
