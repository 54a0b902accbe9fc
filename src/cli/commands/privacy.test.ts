import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir, writeFile } from '../../test-support.ts';
import { runOnestop, type Outcome } from '../cli.test-support.ts';

// `onestop privacy`, spawned as the data protection officer runs it, on one embedded database with two residents.

const scratch = tempDir('onestop-privacy-cli-');
const dir = path.join(scratch, 'data');

const onestop = (args: readonly string[]): Promise<Outcome> => runOnestop(['--data', dir, ...args]);

async function ok(args: readonly string[]): Promise<string> {
  const outcome = await onestop(args);
  assert.equal(outcome.code, 0, `${args.join(' ')}: ${outcome.stderr}`);
  return outcome.stdout;
}

let reference = '';
before(async () => {
  const extract = writeFile(scratch, 'ct.csv', ['source_id,given_name,family_name,dob,postcode,address_line1,uprn,ni_number,notes',
    'CT1,Edith,Walsh,1938-04-02,L1 8JQ,1 High Street,380000000001,AB123456C,=HYPERLINK("http://evil.example")',
    'CT2,Albert,Walsh,1936-01-09,L1 8JQ,1 High Street,380000000001,CE654321A,'].join('\n'));
  await ok(['import', '--file', extract, '--system', 'council_tax']);
  reference = JSON.parse(await ok(['search', 'AB123456C', '--json']))[0].reference;
});
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('onestop privacy', () => {
  it('exports a subject access bundle as JSON and as HTML, without the household', async () => {
    const json = JSON.parse(await ok(['privacy', 'export', '--person', reference]));
    assert.equal(json.format, 'onestop.subject-access.v1');
    assert.equal(json.sourceRecords[0].raw.ni_number, 'AB123456C');
    assert.doesNotMatch(JSON.stringify(json), /Albert|CE654321A/);
    const file = path.join(scratch, 'bundle.html');
    assert.match(await ok(['privacy', 'export', '--person', reference, '--format', 'html', '--output', file]), /written to .*bundle\.html: 1 records/);
    const html = fs.readFileSync(file, 'utf8');
    assert.match(html, /<h1 class="govuk-heading-xl">Your personal data held in OneStop<\/h1>/);
    assert.match(html, /\.govuk-table/);
    assert.match(html, /Edith/);
    const log = JSON.parse(await ok(['audit', 'show', '--person', reference, '--json']));
    assert.ok(log.some((entry: { action: string }) => entry.action === 'subject_access.export'));
  });

  it('corrects a detail, and shows the earlier value', async () => {
    assert.match(await ok(['privacy', 'rectify', '--person', reference, '--field', 'postcode', '--value', 'l1 9aa', '--reason', 'Letter returned: moved next door']), /was L1 8JQ, now L1 9AA/);
  });

  it('refuses erasure under a legal hold in one sentence, then erases once released', async () => {
    const placed = await ok(['privacy', 'hold', 'place', '--person', reference, '--reason', 'Insurance claim against the council']);
    const id = /Legal hold (\d+)/.exec(placed)?.[1] ?? '';
    const refused = await onestop(['privacy', 'erase', '--person', reference, '--reason', 'Article 17 request dated 1 May']);
    assert.equal(refused.code, 4);
    assert.match(refused.stderr, /^onestop: Resident .* is under a legal hold, so nothing about them can be erased\. .*\n$/);
    await ok(['privacy', 'hold', 'release', '--id', id]);
    assert.match(await ok(['privacy', 'erase', '--person', reference, '--reason', 'Article 17 request dated 1 May']), /Erased .*: 1 records/);
    assert.equal(JSON.parse(await ok(['search', 'AB123456C', '--json'])).length, 0);
  });

  it('sets a retention rule and runs it dry', async () => {
    assert.match(await ok(['privacy', 'retention', 'set', '--system', 'council_tax', '--years', '6']), /kept 6 years after they were last sent/);
    assert.match(await ok(['privacy', 'retention', 'run', '--dry-run']), /dry run: nothing erased[\s\S]*council_tax: 0 due/);
    const refused = await onestop(['privacy', 'retention', 'set', '--system', 'council_tax', '--years', 'six']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /whole number/);
  });

  it('records and shows contact preferences', async () => {
    const albert = JSON.parse(await ok(['search', 'CE654321A', '--json']))[0].reference;
    assert.match(await ok(['privacy', 'preferences', '--person', albert, '--channel', 'email', '--purpose', 'marketing', '--agree', '--source', 'phone']), /email\s+service_updates: not asked {2}marketing: yes/);
  });
});
