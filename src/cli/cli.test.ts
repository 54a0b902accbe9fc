import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir, writeFile } from '../test-support.ts';
import { finished, startOnestop, type Outcome } from './cli.test-support.ts';

// The real command line, spawned as staff run it, each group of tests on an embedded database of its own.

const children = new Set<ChildProcess>();
const scratch: string[] = [];

function start(args: readonly string[]): ChildProcess {
  const child = startOnestop(args);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function onestop(args: readonly string[], input = ''): Promise<Outcome> {
  const child = start(args);
  const outcome = finished(child);
  child.stdin?.end(input);
  return outcome;
}

function dataDir(): string {
  const dir = tempDir('onestop-cli-');
  scratch.push(dir);
  return dir;
}

/** One migrated embedded database, copied for each group: creating one costs far more than copying it. */
const template = (async () => {
  const dir = dataDir();
  const outcome = await onestop(['--data', dir, 'migrate']);
  assert.equal(outcome.code, 0, outcome.stderr);
  return dir;
})();
template.catch(() => undefined); // awaited by the groups that use it

async function copyOfTemplate(): Promise<string> {
  const dir = dataDir();
  fs.cpSync(await template, dir, { recursive: true });
  return dir;
}

function assertOneSentence(outcome: Outcome, code: number, pattern: RegExp): void {
  assert.equal(outcome.code, code, `${outcome.stdout}${outcome.stderr}`);
  assert.equal(outcome.stdout, '');
  assert.match(outcome.stderr, /^onestop: [^\n]+\n$/);
  assert.match(outcome.stderr, pattern);
}

after(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

const commands = [['serve'], ['start'], ['demo'], ['import'], ['migrate'], ['stats'], ['search'], ['link'], ['relink'], ['system'], ['system', 'add'], ['team'], ['team', 'add'], ['audit'], ['audit', 'verify'], ['user'], ['user', 'add'], ['token'], ['token', 'create'], ['privacy'], ['privacy', 'export'], ['privacy', 'rectify'], ['privacy', 'hold'], ['privacy', 'hold', 'place'], ['privacy', 'erase'], ['privacy', 'retention'], ['privacy', 'retention', 'set'], ['privacy', 'retention', 'run'], ['privacy', 'preferences'], ['webhook'], ['webhook', 'add'], ['webhook', 'list'], ['webhook', 'disable'], ['webhook', 'deliveries'], ['webhook', 'redrive'], ['webhook', 'test'], ['service'], ['service', 'list'], ['service', 'show'], ['service', 'import'], ['service', 'load-starter'], ['case'], ['case', 'list'], ['case', 'show'], ['shop'], ['shop', 'list'], ['shop', 'set']];
const extract = [
  'source_id,given_name,family_name,dob,postcode,address_line1,uprn,ni_number',
  'CT1,John,Smith,1985-03-27,L1 8JQ,1 High Street,100012345678,AB123456C',
  'CT2,Mary,Smith,1972-05-06,L1 8JQ,1 High Street,100012345678,',
  'CT3,Ahmed,Khan,1990-11-30,L17 2AB,4 Park Road,100012345680,JC654321A',
].join('\n');

describe('the onestop command line', { concurrency: true, timeout: 480_000 }, () => {
  describe('help', { concurrency: false }, () => {
    it('prints usage listing every command, and exits 0', async () => {
      const outcome = await onestop(['--help']);
      assert.equal(outcome.code, 0);
      assert.match(outcome.stdout, /^Usage: onestop \[options\] \[command\]/);
      const listed = [...(outcome.stdout.split('Commands:')[1] ?? '').matchAll(/^ {2}(\w+)/gm)].map((match) => match[1]).sort();
      assert.deepEqual(listed, [...new Set(commands.map((command) => command[0])), 'help'].sort());
    });

    for (const command of commands) {
      it(`prints usage for ${command.join(' ')} --help, and exits 0`, async () => {
        const outcome = await onestop([...command, '--help']);
        assert.equal(outcome.code, 0, outcome.stderr);
        assert.match(outcome.stdout, new RegExp(`^Usage: onestop ${command.join(' ')} `));
        assert.equal(outcome.stderr, '');
      });
    }

    it('refuses an unknown command with one line on standard error and exit code 2', async () => {
      assertOneSentence(await onestop(['nonsense']), 2, /unknown command 'nonsense'/);
    });
  });

  describe('importing and searching', { concurrency: false }, () => {
    let data: string;
    let files: string;
    let good: string;
    const stats = async () => {
      const outcome = await onestop(['--data', data, 'stats', '--json']);
      assert.equal(outcome.code, 0, outcome.stderr);
      return JSON.parse(outcome.stdout) as Record<string, number>;
    };

    before(async () => {
      data = await copyOfTemplate();
      files = dataDir();
      good = writeFile(files, 'ct.csv', extract);
    });

    it('imports a good extract, prints its summary, and stats then counts what it holds', async () => {
      const outcome = await onestop(['--data', data, 'import', '--system', 'council_tax', '--file', good]);
      assert.equal(outcome.code, 0, outcome.stderr);
      assert.match(outcome.stdout, /^Imported ct\.csv into council_tax \(import \d+\)\.\n {2}read 3, new 3, changed 0, unchanged 0, rejected 0, ended 0\n {2}3 new residents\.\n$/);
      assert.deepEqual(await stats(), { persons: 3, sourceRecords: 3, links: 3, systems: 1, properties: 2 });
    });

    it('imports the same file again as nothing new, all unchanged', async () => {
      const outcome = await onestop(['--data', data, 'import', '--system', 'council_tax', '--file', good, '--json']);
      assert.equal(outcome.code, 0, outcome.stderr);
      const summary = JSON.parse(outcome.stdout) as Record<string, unknown>;
      assert.deepEqual([summary.status, summary.read, summary.new, summary.changed, summary.unchanged, summary.personsCreated], ['completed', 3, 0, 0, 3, 0]);
    });

    it('refuses a missing file, a file with no source_id column and a bad system code with one sentence each, writing nothing', async () => {
      const noSourceId = writeFile(files, 'names.csv', 'name,dob\nJohn Smith,1970-01-01\n');
      const missing = path.join(files, 'missing.csv');
      assertOneSentence(await onestop(['--data', data, 'import', '--system', 'council_tax', '--file', missing]), 2, /^onestop: There is no file at .*missing\.csv\.\n$/);
      assertOneSentence(await onestop(['--data', data, 'import', '--system', 'council_tax', '--file', noSourceId]), 2, /no source_id column/);
      assertOneSentence(await onestop(['--data', data, 'import', '--system', 'council-tax', '--file', good]), 2, /"council-tax" is not a source system code/);
      assert.deepEqual(await stats(), { persons: 3, sourceRecords: 3, links: 3, systems: 1, properties: 2 });
      assert.deepEqual(fs.readdirSync(files).sort(), ['ct.csv', 'names.csv']);
    });

    it('finds the imported resident by a misspelt name', async () => {
      const outcome = await onestop(['--data', data, 'search', 'jon', 'smyth']);
      assert.equal(outcome.code, 0, outcome.stderr);
      assert.match(outcome.stdout.split('\n')[0] ?? '', /^[0-9A-Z]{4}-[0-9A-Z]{4} {2}John Smith {2}born 27 March 1985 {2}1 High Street, L1 8JQ {2}\[/);
    });
  });

  describe('staff accounts, and one process at a time', { concurrency: false }, () => {
    let data: string;

    before(async () => {
      data = await copyOfTemplate();
    });

    it('creates an account with the password from standard input', async () => {
      const added = await onestop(['--data', data, 'user', 'add', '--email', 'Clerk@Council.gov.uk', '--name', 'Casey Clerk', '--password-stdin'], 'a long enough password\n');
      assert.equal(added.code, 0, added.stderr);
      assert.equal(added.stdout, 'Created agent account for clerk@council.gov.uk.\n');
    });

    it('refuses to open the embedded database while another OneStop process holds it', async () => {
      const server = start(['--data', data, 'serve', '--port', '0']);
      const served = finished(server);
      server.stdin?.end();
      await new Promise<void>((resolve, reject) => {
        let seen = '';
        server.stdout?.on('data', (chunk: Buffer) => { seen += chunk.toString(); if (seen.includes('OneStop is running at')) resolve(); });
        server.once('exit', (code) => reject(new Error(`the server stopped (exit ${code}) before it was listening`)));
      });
      try {
        assertOneSentence(await onestop(['--data', data, 'stats']), 1, /is in use by another OneStop process \(pid \d+\)/);
      } finally {
        server.kill('SIGTERM');
      }
      assert.equal((await served).code, 0);
    });

    it('prints only a token for the account, once the server has let the database go', async () => {
      const token = await onestop(['--data', data, 'token', 'create', '--email', 'clerk@council.gov.uk']);
      assert.equal(token.code, 0, token.stderr);
      assert.match(token.stdout, /^os_[\w-]+\n$/);
      assert.equal(token.stderr, '');
    });

    it('refuses a token for an email with no account, with exit code 3', async () => {
      assertOneSentence(await onestop(['--data', data, 'token', 'create', '--email', 'nobody@council.gov.uk']), 3, /no staff account for nobody@council\.gov\.uk/);
    });
  });

  describe('an import killed half-way', { concurrency: false }, () => {
    const rows = 60_000;

    it('leaves whole batches only, and a second run completes it with nothing lost or doubled', async (t) => {
      const data = await copyOfTemplate();
      const letters = (value: number) => {
        let text = '';
        for (let rest = value; rest > 0 || text === ''; rest = Math.floor(rest / 26)) text = String.fromCharCode(97 + (rest % 26)) + text;
        return text;
      };
      const lines = ['source_id,given_name,family_name,dob,postcode'];
      for (let index = 1; index <= rows; index++) {
        const given = letters(index);
        lines.push(`L${index},${given[0]?.toUpperCase()}${given.slice(1)}a,Mc${letters(index % 997)},${1930 + (index % 70)}-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')},L1 8JQ`);
      }
      const file = writeFile(dataDir(), 'members.csv', `${lines.join('\n')}\n`);
      const args = ['--data', data, 'import', '--system', 'leisure', '--file', file, '--json'];

      // Stats cannot be asked while the import holds the database, so watch the database grow instead: each batch
      // of 5,000 rows adds about 20 MB, so by 60 MB some batches are committed and most of the file is still to come.
      const sizeBefore = folderSize(data);
      const first = start(args);
      const firstDone = finished(first);
      first.stdin?.end();
      const killed = await new Promise<boolean>((resolve) => {
        const timer = setInterval(() => {
          if (folderSize(data) - sizeBefore < 60 * 1024 ** 2) return;
          clearInterval(timer);
          resolve(first.kill('SIGKILL'));
        }, 200);
        first.once('exit', () => { clearInterval(timer); resolve(false); });
      });
      const firstOutcome = await firstDone;
      assert.ok(killed && firstOutcome.code === null, `the import finished (exit ${firstOutcome.code}) before it was killed: make the file bigger`);

      const second = await onestop(args);
      assert.equal(second.code, 0, second.stderr);
      const summary = JSON.parse(second.stdout) as Record<string, number | string>;
      assert.equal(summary.status, 'completed');
      assert.equal(summary.read, rows);
      assert.equal(Number(summary.new) + Number(summary.unchanged), rows);
      assert.ok(Number(summary.new) > 0, 'the killed import had already finished');
      assert.equal(Number(summary.unchanged) % 5_000, 0, `${summary.unchanged} rows survived the kill: not whole batches`);
      assert.equal(summary.changed, 0);
      t.diagnostic(`${summary.unchanged} rows were committed before the kill; the second run added ${summary.new}`);
      const stats = await onestop(['--data', data, 'stats', '--json']);
      assert.deepEqual(JSON.parse(stats.stdout), { persons: rows, sourceRecords: rows, links: rows, systems: 1, properties: 0 });
    });
  });
});

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    try {
      total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
    } catch {
      // a file removed between listing and reading it (a WAL segment recycled) no longer counts
    }
  }
  return total;
}
