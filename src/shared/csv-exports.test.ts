import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { linkFile } from '../matching/link-file.ts';
import { closeTestDatabase, freshServices, tempDir, testActor, writeFile } from '../test-support.ts';

after(closeTestDatabase);

// Every CSV OneStop writes for people to open goes through csvCell (src/shared/csv.ts), so a value from a council's
// file that starts =, +, -, @, a tab or a carriage return is written as text, never run as a spreadsheet formula.
// The files: the import rejects file (also the rejects download on the imports page, which serves it as written)
// and `onestop link --output` and `--explain`.

const dangerous = /^[=+\-@\t\r]/;

function cellsOf(file: string): string[][] {
  return parse(fs.readFileSync(file, 'utf8'), { relax_column_count: true }) as string[][];
}

function assertNoFormula(rows: string[][], file: string): void {
  for (const row of rows) for (const cell of row) assert.doesNotMatch(cell, dangerous, `${file}: ${JSON.stringify(cell)} would run as a formula`);
}

/** A hundred residents, each in two systems; the first records' ids and one system's name start like formulas. */
function pairedRecords(): string[] {
  const given = ['Robert', 'Aisha', 'Priya', 'Tomasz', 'Mary', 'John', 'Sean', 'Grace', 'Oliver', 'Fatima'];
  const family = ['Holmes', 'Khan', 'Patel', 'Nowak', 'Smith', 'Jones', 'Murphy', 'Okafor', 'Brown', 'Ali'];
  const dangerous = ['=1+1', '+441', '-5', '@SUM(A1)'];
  const rows = ['source_system,source_id,given_name,family_name,dob,postcode,address_line1'];
  for (let i = 0; i < 100; i++) {
    const person = `${given[i % 10]},${family[Math.floor(i / 10)]},19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10},L${1 + (i % 20)} ${i % 9}AB`;
    rows.push(`libraries,${dangerous[i] ?? `L${i}`},${person},${i} High Street`, `${i === 0 ? '=cmd' : 'leisure'},M${i},${person},${i} High St`);
  }
  return rows;
}

describe('CSV files people open', () => {
  it('neutralises formulas in the import rejects file', async () => {
    const services = await freshServices();
    const file = writeFile(tempDir(), 'bad.csv', [
      'source_id,given_name,family_name,dob',
      '=HYPERLINK("http://evil.example"),Ann',
      '+44 1,Bob,Ray,31/02/1975',
      '@SUM(A1),Cat',
      '-2+3,Dan',
    ].join('\n'));
    const run = await services.imports.importFile({ systemCode: 'leisure', filePath: file, actor: testActor });
    assert.equal(run.counts.rejected, 4);
    const rows = cellsOf(`${file}.rejects.csv`);
    assertNoFormula(rows, 'rejects');
    assert.deepEqual(rows.slice(1).map((row) => row[2]), ["'=HYPERLINK(\"http://evil.example\"),Ann", "'+44 1,Bob,Ray,31/02/1975", "'@SUM(A1),Cat", "'-2+3,Dan"]);
  });

  it('neutralises formulas in onestop link --output and --explain', async () => {
    const dir = tempDir();
    const input = writeFile(dir, 'records.csv', `${pairedRecords().join('\n')}\n`);
    const output = path.join(dir, 'persons.csv');
    const explain = path.join(dir, 'pairs.csv');
    await linkFile({ input, output, explain });
    const persons = cellsOf(output);
    assertNoFormula(persons, 'output');
    const ids = persons.slice(1).map((row) => row.slice(0, 2));
    for (const expected of [['libraries', "'=1+1"], ["'=cmd", 'M0'], ['libraries', "'+441"], ['libraries', "'-5"], ['libraries', "'@SUM(A1)"]]) assert.ok(ids.some((row) => row.join() === expected.join()), expected.join());
    const pairs = cellsOf(explain);
    assert.ok(pairs.some((row) => row[1] === "'=1+1" && row[2] === "'=cmd"), 'the pair with formulas is explained, neutralised');
    // Weights may be negative numbers: those stay numbers; only text is neutralised.
    for (const row of pairs.slice(1)) {
      for (const [index, cell] of row.entries()) {
        const isWeight = (pairs[0]?.[index] ?? '').endsWith('weight');
        if (isWeight) assert.match(cell, /^-?\d+(\.\d+)?$/);
        else assert.doesNotMatch(cell, dangerous);
      }
    }
  });
});
