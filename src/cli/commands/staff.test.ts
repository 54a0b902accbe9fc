import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { tempDir } from '../../test-support.ts';
import { runOnestop, type Outcome } from '../cli.test-support.ts';

// The account and token commands an administrator runs, spawned as they run them, on an embedded database.


const onestop = runOnestop;

function assertOneSentence(outcome: Outcome, code: number, pattern: RegExp): void {
  assert.equal(outcome.code, code, `${outcome.stdout}${outcome.stderr}`);
  assert.equal(outcome.stdout, '');
  assert.match(outcome.stderr, /^onestop: [^\n]+\n$/);
  assert.match(outcome.stderr, pattern);
}

describe('onestop user and token commands', { concurrency: false, timeout: 300_000 }, () => {
  const data = tempDir('onestop-cli-staff-');
  const run = (args: string[], input?: string) => onestop(['--data', data, ...args], input);
  after(() => fs.rmSync(data, { recursive: true, force: true }));

  before(async () => {
    const added = await run(['user', 'add', '--email', 'clerk@council.gov.uk', '--name', 'Casey Clerk', '--password-stdin'], 'a long enough password\n');
    assert.equal(added.code, 0, added.stderr);
  });

  it('lists the new commands in help', async () => {
    const user = await onestop(['user', '--help']);
    assert.match(user.stdout, /disable \[options\][\s\S]*enable \[options\][\s\S]*reset-two-factor \[options\]/);
    const token = await onestop(['token', '--help']);
    assert.match(token.stdout, /create \[options\][\s\S]*list \[options\][\s\S]*revoke \[options\]/);
    const create = await onestop(['token', 'create', '--help']);
    assert.match(create.stdout.replace(/\s+/g, ' '), /--scope <scope> what the token may do, repeated or comma-separated: people:read, match:read, imports:read, imports:write/);
  });

  it('creates scoped tokens, printing only each token, and lists them without the token', async () => {
    const reporting = await run(['token', 'create', '--email', 'clerk@council.gov.uk', '--name', 'reporting', '--scope', 'people:read', '--scope', 'match:read']);
    assert.equal(reporting.code, 0, reporting.stderr);
    assert.match(reporting.stdout, /^os_[\w-]{43}\n$/);
    const loader = await run(['token', 'create', '--email', 'clerk@council.gov.uk', '--name', 'loader', '--scope', 'imports:read,imports:write']);
    assert.match(loader.stdout, /^os_[\w-]{43}\n$/);
    const listed = await run(['token', 'list', '--email', 'clerk@council.gov.uk']);
    assert.equal(listed.code, 0, listed.stderr);
    const lines = listed.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0] ?? '', /^1 {2}reporting {2}people:read,match:read {2}made \d{4}-\d\d-\d\d {2}last used never {2}active$/);
    assert.match(lines[1] ?? '', /^2 {2}loader {2}imports:read,imports:write {2}made/);
    assert.ok(!listed.stdout.includes(reporting.stdout.trim()));
  });

  it('refuses an unknown scope with one sentence and exit code 2, creating nothing', async () => {
    assertOneSentence(await run(['token', 'create', '--email', 'clerk@council.gov.uk', '--scope', 'people:write']), 2, /"people:write" is not a scope: use people:read, match:read, imports:read, imports:write/);
    assert.equal((await run(['token', 'list', '--email', 'clerk@council.gov.uk'])).stdout.trimEnd().split('\n').length, 2);
  });

  it('revokes a token by id, and says so when it was already revoked or does not exist', async () => {
    const revoked = await run(['token', 'revoke', '--id', '1']);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal(revoked.stdout, 'Revoked API token 1 (reporting) of clerk@council.gov.uk.\n');
    assert.match((await run(['token', 'list', '--email', 'clerk@council.gov.uk'])).stdout.split('\n')[0] ?? '', /revoked \d{4}-\d\d-\d\d$/);
    assertOneSentence(await run(['token', 'revoke', '--id', '1']), 4, /API token 1 was already revoked/);
    assertOneSentence(await run(['token', 'revoke', '--id', '99']), 3, /There is no API token 99/);
    assertOneSentence(await run(['token', 'revoke', '--id', 'one']), 2, /--id must be a token's number/);
  });

  it('disables and enables an account, and resets its second factor', async () => {
    const disabled = await run(['user', 'disable', '--email', 'Clerk@Council.gov.uk']);
    assert.equal(disabled.code, 0, disabled.stderr);
    assert.equal(disabled.stdout, 'Disabled clerk@council.gov.uk: ended 0 sessions; its API tokens are refused until it is enabled.\n');
    assert.equal((await run(['user', 'enable', '--email', 'clerk@council.gov.uk'])).stdout, 'Enabled clerk@council.gov.uk.\n');
    const reset = await run(['user', 'reset-two-factor', '--email', 'clerk@council.gov.uk']);
    assert.match(reset.stdout, /^Removed the second factor of clerk@council\.gov\.uk: they sign in with their password, then set up a new one at \/account\/two-factor\.\n$/);
    assertOneSentence(await run(['user', 'disable', '--email', 'nobody@council.gov.uk']), 3, /no staff account for nobody@council\.gov\.uk/);
  });
});
