import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CsvFile, quoteCsvValue } from './csv-file.ts';

describe('CsvFile', () => {
  it('quotes only values holding a comma, a quote or a line break', () => {
    assert.equal(quoteCsvValue('Smith'), 'Smith');
    assert.equal(quoteCsvValue('Flat 2, 14 Smithdown Road'), '"Flat 2, 14 Smithdown Road"');
    assert.equal(quoteCsvValue('The "Cottage"'), '"The ""Cottage"""');
    assert.equal(quoteCsvValue('line\nbreak'), '"line\nbreak"');
  });

  it('writes rows that a CSV parser reads back exactly, with any delimiter and line ending', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'onestop-csv-'));
    try {
      const rows = [['Flat 2, 14 Smithdown Road', 'O\'Brien', 'a|b'], ['"quoted"', '', 'Łukasz\r\nnext'], ['', ' spaced ', 'x']];
      for (const [delimiter, lineEnding] of [[',', '\r\n'], ['|', '\n']] as const) {
        const path = join(dir, `rows${delimiter === '|' ? 'pipe' : 'comma'}.csv`);
        const file = new CsvFile(path, ['one', 'two', 'three'], { delimiter, lineEnding });
        for (let copy = 0; copy < 5000; copy++) for (const row of rows) file.write(row);
        await file.close();
        const read = parse(await readFile(path), { delimiter }) as string[][];
        assert.deepEqual(read[0], ['one', 'two', 'three']);
        assert.equal(read.length, 1 + rows.length * 5000);
        assert.deepEqual(read.slice(1, 4), rows);
        assert.equal(file.rows, rows.length * 5000);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
