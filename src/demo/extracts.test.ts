import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { compileMapping, parseMapping } from '../sources/mapping.ts';
import type { CanonicalRow } from '../sources/source-record.ts';
import { generateCouncil, type Resident } from './council.ts';
import { demoSystems, writeDemoExtracts, type DemoExtract } from './extracts.ts';
import { addressLines } from './addresses.ts';
import { ageOn } from './dates.ts';

const options = { residents: 4000, seed: 21 };
type TruthRow = { source_system: string; source_id: string; resident_id: string; case: string };
type Extract = { rows: CanonicalRow[]; truth: TruthRow[]; headers: string[]; missing: string[]; width: number[] };

let dir = '';
let written: DemoExtract[] = [];
const extracts = new Map<string, Extract>();
const residents = new Map<string, Resident>();

async function readExtract(extract: DemoExtract, truth: TruthRow[]): Promise<Extract> {
  const mapping = parseMapping(JSON.parse(await readFile(extract.mappingFile, 'utf8')));
  const records = parse(await readFile(extract.file), { delimiter: mapping.delimiter, trim: mapping.trim }) as string[][];
  const headers = records[0] ?? [];
  const { read, missing } = compileMapping(mapping, headers);
  const rows = records.slice(1).map((values) => read(Object.fromEntries(headers.map((header, index) => [header, values[index] ?? '']))));
  return { rows, headers, missing, width: records.map((values) => values.length), truth: truth.filter((row) => row.source_system === extract.system.code) };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'onestop-demo-'));
  written = await writeDemoExtracts(dir, options);
  const truth = parse(await readFile(join(dir, 'truth.csv')), { columns: true }) as TruthRow[];
  for (const extract of written) extracts.set(extract.system.code, await readExtract(extract, truth));
  for (const resident of generateCouncil(options).residents) residents.set(resident.id, resident);
});

after(() => rm(dir, { recursive: true, force: true }));

function extractOf(code: string): Extract {
  const extract = extracts.get(code);
  if (!extract) throw new Error(`No extract for ${code}.`);
  return extract;
}

function residentOf(row: TruthRow): Resident {
  const resident = residents.get(row.resident_id);
  if (!resident) throw new Error(`The truth names unknown resident ${row.resident_id}.`);
  return resident;
}

describe('writeDemoExtracts', () => {
  it('writes byte-identical files for the same seed', async () => {
    const again = await mkdtemp(join(tmpdir(), 'onestop-demo-again-'));
    try {
      await writeDemoExtracts(again, options);
      const names = (await readdir(dir)).sort();
      assert.deepEqual((await readdir(again)).sort(), names);
      for (const name of names) assert.ok((await readFile(join(dir, name))).equals(await readFile(join(again, name))), name);
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });

  it('writes an extract and a mapping for each of the eight systems', () => {
    assert.deepEqual(written.map((extract) => extract.system.code), demoSystems.map((system) => system.code));
    assert.equal(written.length, 8);
    for (const system of demoSystems) assert.ok(system.trust >= 0 && system.trust <= 100);
  });

  it('writes mappings that parse and name only columns the extract has', () => {
    for (const [code, extract] of extracts) assert.deepEqual(extract.missing, [], code);
  });

  it('writes every row with as many values as the header, and counts them', () => {
    for (const extract of written) {
      const read = extractOf(extract.system.code);
      assert.ok(read.width.every((width) => width === read.headers.length), extract.system.code);
      assert.equal(read.rows.length, extract.rows);
    }
  });

  it('lists every source row in the truth, in order, against a real resident', () => {
    for (const [code, extract] of extracts) {
      assert.equal(extract.truth.length, extract.rows.length, code);
      extract.rows.forEach((row, index) => assert.equal(row.source_id ?? '', extract.truth[index]?.source_id, code));
      for (const row of extract.truth) residentOf(row);
    }
  });

  const coverage: Array<[string, number, number, 'residents' | 'adults']> = [
    ['council_tax', 50, 75, 'residents'], ['housing_benefit', 10, 20, 'adults'], ['electoral_register', 78, 92, 'adults'],
    ['libraries', 22, 36, 'residents'], ['leisure', 15, 26, 'residents'], ['waste', 4, 12, 'residents'],
    ['parking_permits', 7, 13, 'residents'], ['adult_social_care', 1.5, 5, 'residents'],
  ];
  for (const [code, least, most, of] of coverage) {
    it(`covers between ${least}% and ${most}% of ${of} in ${code}`, () => {
      const people = new Set(extractOf(code).truth.map((row) => row.resident_id)).size;
      const adults = [...residents.values()].filter((resident) => ageOn(resident.dob) >= 18).length;
      const share = (100 * people) / (of === 'adults' ? adults : options.residents);
      assert.ok(share >= least && share <= most, `${code} covers ${share}%`);
    });
  }

  it('keeps children out of council tax, benefits, the register (but for attainers) and parking permits', () => {
    const youngest: Record<string, number> = { council_tax: 18, housing_benefit: 18, electoral_register: 16, parking_permits: 18, adult_social_care: 18 };
    for (const [code, age] of Object.entries(youngest)) {
      for (const row of extractOf(code).truth) assert.ok(ageOn(residentOf(row).dob) >= age, `${code} ${row.resident_id}`);
    }
    const register = extractOf('electoral_register');
    register.rows.forEach((row, index) => {
      const truth = register.truth[index];
      if (truth && truth.case !== 'invalid') assert.equal(row.dob !== undefined, ageOn(residentOf(truth).dob) < 18);
    });
  });

  it('marks twins, fathers and sons, married women and namesakes in the truth', () => {
    const cases = new Set([...extracts.values()].flatMap((extract) => extract.truth.map((row) => row.case)));
    for (const hardCase of ['twin', 'father_son', 'married', 'namesake', 'duplicate_in_system', 'invalid']) assert.ok(cases.has(hardCase), hardCase);
  });

  it('registers some people twice in each system under two source ids', () => {
    for (const [code, extract] of extracts) {
      const twice = extract.truth.filter((row) => row.case === 'duplicate_in_system');
      assert.ok(twice.length >= 2, code);
      for (const row of twice) {
        const pair = twice.filter((other) => other.resident_id === row.resident_id);
        assert.ok(pair.length >= 2, `${code} ${row.resident_id}`);
        assert.equal(new Set(pair.map((other) => other.source_id)).size, pair.length, `${code} ${row.resident_id}`);
      }
    }
  });

  it('holds recently married women under their maiden names in the library system', () => {
    const libraries = extractOf('libraries');
    const maiden = libraries.rows.filter((row, index) => {
      const truth = libraries.truth[index];
      return truth?.case === 'married' && row.family_name === residentOf(truth).maidenName;
    });
    assert.ok(maiden.length >= 2);
  });

  it('keeps the address from before a move in library records', () => {
    const libraries = extractOf('libraries');
    const stale = libraries.rows.filter((row, index) => {
      const truth = libraries.truth[index];
      const previous = truth ? residentOf(truth).previousAddress : null;
      return previous && row.address_line1 === addressLines(previous.property).line1;
    });
    assert.ok(stale.length >= 5);
  });
});
