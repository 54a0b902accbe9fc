import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { sql } from 'kysely';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/connection.ts';
import { referenceFor } from '../../people/reference.ts';
import { tempDir } from '../../test-support.ts';
import { runOnestop, type Outcome } from '../cli.test-support.ts';

// `onestop audit`, spawned as staff run it, on embedded databases copied from one migrated template.

const scratch: string[] = [];

const onestop = (args: readonly string[]): Promise<Outcome> => runOnestop(args);

function dataDir(): string {
  const dir = tempDir('onestop-audit-cli-');
  scratch.push(dir);
  return dir;
}

after(() => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

/** Changes an entry as someone with the owner's rights could, with the command line stopped. */
async function tamper(dir: string, statement: string): Promise<void> {
  const database = await openDatabase(loadConfig({}, { dataDir: dir }).database);
  try {
    await database.asOwner((owner) => owner.transaction().execute(async (tx) => {
      await sql`alter table audit_event disable trigger audit_event_append_only`.execute(tx);
      await sql.raw(statement).execute(tx);
      await sql`alter table audit_event enable trigger audit_event_append_only`.execute(tx);
    }));
  } finally {
    await database.close();
  }
}

const resident = referenceFor(42);

// Until src/cli/main.ts registers the commands, there is nothing to spawn.

describe('onestop audit', { concurrency: true, timeout: 600_000 }, () => {
  let template: string;
  const copy = () => {
    const dir = dataDir();
    fs.cpSync(template, dir, { recursive: true });
    return dir;
  };

  before(async () => {
    template = dataDir();
    const migrated = await onestop(['--data', template, 'migrate']);
    assert.equal(migrated.code, 0, migrated.stderr);
  });

  it('says an empty trail is intact', async () => {
    const outcome = await onestop(['--data', copy(), 'audit', 'verify']);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal(outcome.stdout, 'The audit trail is intact: 0 entries checked, no entries yet.\n');
  });

  it('shows who has looked at a resident, records that it was asked, and verifies the trail with its latest hash', async () => {
    const dir = copy();
    const first = await onestop(['--data', dir, 'audit', 'show', '--person', resident, '--json']);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout), []);
    const second = await onestop(['--data', dir, 'audit', 'show', '--person', resident.toLowerCase().replace('-', '')]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z  #1  system:cli \\(cli\\)  cli  Searched the audit trail  resident ${resident}\\n$`));
    const verified = await onestop(['--data', dir, 'audit', 'verify', '--json']);
    assert.equal(verified.code, 0, verified.stderr);
    const json = JSON.parse(verified.stdout) as { intact: boolean; checked: number; latest: { id: number; hash: string } };
    assert.deepEqual([json.intact, json.checked, json.latest.id], [true, 2, 2]);
    const plain = await onestop(['--data', dir, 'audit', 'verify', '--expect', json.latest.hash]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, new RegExp(`^The audit trail is intact: 2 entries checked, latest hash ${json.latest.hash} \\(entry 2, .+\\)\\.\\n$`));
  });

  it('exits 1 with one sentence naming an edited entry', async () => {
    const dir = copy();
    for (let run = 0; run < 3; run++) assert.equal((await onestop(['--data', dir, 'audit', 'show', '--user', 'system:import'])).code, 0);
    await tamper(dir, `update audit_event set subject = 'system:cli' where id = 2`);
    const outcome = await onestop(['--data', dir, 'audit', 'verify']);
    assert.deepEqual(outcome, { code: 1, stdout: '', stderr: 'onestop: Entry 2 has been edited: its contents no longer match its hash.\n' });
    const json = await onestop(['--data', dir, 'audit', 'verify', '--json']);
    assert.equal(json.code, 1);
    assert.deepEqual((JSON.parse(json.stdout) as { problem: unknown }).problem, { kind: 'edited', entryId: 2, message: 'Entry 2 has been edited: its contents no longer match its hash.' });
  });

  it('exits 1 naming a deleted entry, and the last entry deleted when given the hash printed before', async () => {
    const dir = copy();
    for (let run = 0; run < 4; run++) assert.equal((await onestop(['--data', dir, 'audit', 'show', '--person', resident])).code, 0);
    const before = JSON.parse((await onestop(['--data', dir, 'audit', 'verify', '--json'])).stdout) as { latest: { hash: string } };
    await tamper(dir, 'delete from audit_event where id = 4');
    const cut = await onestop(['--data', dir, 'audit', 'verify', '--expect', before.latest.hash]);
    assert.equal(cut.code, 1);
    assert.match(cut.stderr, /^onestop: Entry 4 onwards is missing: [^\n]+\.\n$/);
    await tamper(dir, 'delete from audit_event where id = 2');
    const deleted = await onestop(['--data', dir, 'audit', 'verify']);
    assert.deepEqual(deleted, { code: 1, stdout: '', stderr: 'onestop: Entry 2 is missing: it has been deleted from the audit trail.\n' });
  });

  it('refuses unclear requests with one sentence', async () => {
    const dir = copy();
    for (const [args, code, pattern] of [
      [['audit', 'show'], 2, /^onestop: Give either --person REFERENCE or --user EMAIL\.\n$/],
      [['audit', 'show', '--person', resident, '--user', 'a@council.gov.uk'], 2, /^onestop: Give either --person REFERENCE or --user EMAIL\.\n$/],
      [['audit', 'show', '--person', 'NOT-AREF'], 2, /^onestop: "NOT-AREF" is not a resident's reference, like K7M3-9QD2\.\n$/],
      [['audit', 'show', '--user', 'nobody@council.gov.uk'], 3, /^onestop: There is no member of staff with the email nobody@council\.gov\.uk\.\n$/],
      [['audit', 'show', '--user', 'system:import', '--limit', 'lots'], 2, /^onestop: The limit must be a whole number from 1 to 1,000\.\n$/],
    ] as Array<[string[], number, RegExp]>) {
      const outcome = await onestop(['--data', dir, ...args]);
      assert.equal(outcome.code, code, `${args.join(' ')}: ${outcome.stderr}`);
      assert.equal(outcome.stdout, '');
      assert.match(outcome.stderr, pattern);
    }
  });
});
