import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { compileMapping, parseMapping, type Mapping } from '../sources/mapping.ts';
import type { CanonicalRow } from '../sources/source-record.ts';
import { writeDemoExtracts, type DemoExtract } from './extracts.ts';

type TruthRow = { source_system: string; source_id: string; case: string };

let dir = '';
let written: DemoExtract[] = [];
let truth: TruthRow[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onestop-invalid-'));
  written = await writeDemoExtracts(dir, { residents: 3000, seed: 5 });
  truth = parse(await readFile(join(dir, 'truth.csv')), { columns: true }) as TruthRow[];
});

after(() => rm(dir, { recursive: true, force: true }));

async function canonicalRows(extract: DemoExtract): Promise<{ mapping: Mapping; rows: CanonicalRow[] }> {
  const mapping = parseMapping(JSON.parse(await readFile(extract.mappingFile, 'utf8')));
  const [headers = [], ...records] = parse(await readFile(extract.file), { delimiter: mapping.delimiter, trim: mapping.trim }) as string[][];
  const { read } = compileMapping(mapping, headers);
  return { mapping, rows: records.map((values) => read(Object.fromEntries(headers.map((header, index) => [header, values[index] ?? ''])))) };
}

function isRealDate(text: string, format: Mapping['dateFormat']): boolean {
  const parts = format === 'dmy' ? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text)?.slice(1).reverse()
    : format === 'ymd' ? /^(\d{4})(\d{2})(\d{2})$/.exec(text)?.slice(1) : /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)?.slice(1);
  const [year, month, day] = (parts ?? []).map(Number);
  if (!year || !month || !day) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isPostcode(text: string): boolean {
  return /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/.test(text.trim().toUpperCase());
}

/** Why an importer must refuse the row, or null when it may take it. */
function refusal(row: CanonicalRow, mapping: Mapping, earlierIds: Set<string>): string | null {
  const id = row.source_id ?? '';
  if (id === '') return 'no source id';
  if (earlierIds.has(id)) return 'source id used before';
  if (row.postcode !== undefined && !isPostcode(row.postcode)) return 'malformed postcode';
  if (row.dob !== undefined && !isRealDate(row.dob, mapping.dateFormat)) return 'impossible date';
  return null;
}

describe('invalid rows', () => {
  it('plants a few rows in every system that an importer must refuse, and marks exactly those invalid', async () => {
    for (const extract of written) {
      const { mapping, rows } = await canonicalRows(extract);
      const cases = truth.filter((row) => row.source_system === extract.system.code).map((row) => row.case);
      const earlierIds = new Set<string>();
      const reasons = new Set<string>();
      rows.forEach((row, index) => {
        const reason = refusal(row, mapping, earlierIds);
        earlierIds.add(row.source_id ?? '');
        assert.equal(reason !== null, cases[index] === 'invalid', `${extract.system.code} row ${index + 1}: ${reason ?? 'valid'}`);
        if (reason) reasons.add(reason);
      });
      const invalid = cases.filter((value) => value === 'invalid').length;
      assert.ok(invalid >= 3 && invalid <= Math.max(5, rows.length * 0.02), `${extract.system.code} has ${invalid} invalid rows`);
      assert.ok(reasons.size >= 3, `${extract.system.code} refuses only for ${[...reasons].join(', ')}`);
    }
  });
});
