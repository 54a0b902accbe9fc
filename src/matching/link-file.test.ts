import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { linkFile } from './link-file.ts';

const rows = [
  'source_system,source_id,given_name,family_name,dob,postcode,address_line1,email',
  'libraries,L1,Robert,Holmes,1980-03-02,L8 1JJ,7 Huskisson Lane,bob.holmes@example.com',
  'leisure,M1,Bob,Holmes,02/03/1980,L8 1JJ,7 Huskisson Lane,bob.holmes@example.com',
  'council_tax,C1,Robert,Holmes,1980-03-02,NOT A POSTCODE,7 Huskisson Lane,',
  'libraries,L2,Aisha,Khan,1991-07-19,L15 8JQ,12 Penny Lane,aisha.khan@example.org',
  'leisure,,Aisha,Khan,1991-07-19,L15 8JQ,12 Penny Lane,',
  'libraries,L3,"Smith, Jr",Kowalski,1955-01-01,L1 1AA,1 Dale Street,',
];

describe('linkFile', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'onestop-link-file-'));
  const input = path.join(dir, 'records.csv');
  const output = path.join(dir, 'persons.csv');
  const explain = path.join(dir, 'pairs.csv');
  await writeFile(input, `${rows.join('\n')}\n`);
  const counts = await linkFile({ input, output, explain });
  const written = (await readFile(output, 'utf8')).trim().split('\n');

  it('writes a person for every row with a source id', () => {
    assert.equal(written[0], 'source_system,source_id,person_id');
    assert.equal(written.length - 1, 5);
    assert.equal(counts.linkedRows, 5);
  });
  it('skips and counts a row without a source id', () => assert.equal(counts.skippedWithoutSourceId, 1));
  it('reads an unreadable value as empty and counts it', () => {
    assert.equal(counts.unreadableValues, 1);
    assert.ok(written.some((line) => line.startsWith('council_tax,C1,P')));
  });
  it('gives stable person ids in the form P and twelve hex digits', () => {
    for (const line of written.slice(1)) assert.match(line, /,P[0-9a-f]{12}$/);
  });
  it('writes the explained pairs with a level and weight per field', async () => {
    const header = (await readFile(explain, 'utf8')).split('\n')[0] ?? '';
    assert.match(header, /^a_source_system,a_source_id,b_source_system,b_source_id,weight,probability,band,given_level,given_weight,/);
  });
});
