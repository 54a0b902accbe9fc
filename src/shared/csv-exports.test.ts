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
    const input = writeFile(dir, 'records.csv', [
      'source_system,source_id,given_name,family_name,dob,postcode',
      '=cmd,=1+1,Robert,Holmes,1980-03-02,L8 1JJ',
      'leisure,+441,Robert,Holmes,1980-03-02,L8 1JJ',
      'leisure,@SUM(A1),Aisha,Khan,1991-07-19,L15 8JQ',
      'leisure,-5,Aisha,Khan,1991-07-19,L15 8JQ',
    ].join('\n'));
    const output = path.join(dir, 'persons.csv');
    const explain = path.join(dir, 'pairs.csv');
    await linkFile({ input, output, explain });
    const persons = cellsOf(output);
    assertNoFormula(persons, 'output');
    assert.deepEqual(persons.slice(1).map((row) => row.slice(0, 2)).sort(), [["'=cmd", "'=1+1"], ['leisure', "'+441"], ['leisure', "'-5"], ['leisure', "'@SUM(A1)"]].sort());
    const pairs = cellsOf(explain);
    assert.ok(pairs.length > 1, 'the similar records are explained');
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
