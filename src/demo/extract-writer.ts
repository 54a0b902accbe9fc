import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HouseholdBundle } from './council.ts';
import { CsvFile } from './csv-file.ts';
import { formatDate, impossibleDate, malformedPostcode } from './corruption.ts';
import { sourceIdOf, type DemoSystem, type EmittedRow, type RowMaker, type SystemSpec } from './extract-spec.ts';
import { demoSystemSpecs } from './systems.ts';
import { Random } from './random.ts';

/** One written extract: the system, its CSV file, the mapping that reads it and how many data rows it has. */
export type DemoExtract = { system: DemoSystem; file: string; mappingFile: string; rows: number };

export type ExtractProgress = { residents: number; households: number; rows: number };

type InvalidKind = 'missing_id' | 'duplicate_id' | 'bad_postcode' | 'bad_date';

/** Fires after a run of rows: a few close together at the start so small extracts have some, then sparsely. */
class Schedule {
  private count = 0;
  private firings = 0;
  private nextAt: number;

  constructor(private readonly random: Random, private readonly early: number, private readonly gap: readonly [number, number]) {
    this.nextAt = random.int(3, 30);
  }

  /** How many times it has fired. */
  get fired(): number {
    return this.firings;
  }

  due(): boolean {
    this.count += 1;
    if (this.count < this.nextAt) return false;
    this.firings += 1;
    this.nextAt += this.firings < this.early ? this.random.int(8, 30) : this.random.int(this.gap[0], this.gap[1]);
    return true;
  }
}

type SystemWriter = {
  system: DemoSystem; spec: SystemSpec; file: CsvFile; mappingFile: string; makeRows: RowMaker;
  random: Random; invalid: Schedule; kinds: InvalidKind[]; previous: readonly string[] | null;
};

/**
 * Writes every system's extract, its mapping file and truth.csv from a stream of households, one
 * household at a time. Each system draws from its own random stream, so the same seed always gives
 * the same bytes.
 */
export async function writeExtractFiles(
  dir: string, seed: number, bundles: Iterable<HouseholdBundle>, onProgress?: (progress: ExtractProgress) => void,
): Promise<DemoExtract[]> {
  await mkdir(dir, { recursive: true });
  const writers = await Promise.all(demoSystemSpecs().map(({ system, spec }, index) => openSystem(dir, seed, system, spec, index)));
  const truth = new CsvFile(join(dir, 'truth.csv'), ['source_system', 'source_id', 'resident_id', 'case'], { delimiter: ',', lineEnding: '\n' });
  const progress: ExtractProgress = { residents: 0, households: 0, rows: 0 };
  for (const bundle of bundles) {
    if (!bundle.household) continue;
    for (const writer of writers) {
      for (const row of writer.makeRows(bundle)) writeRow(writer, row, truth);
    }
    progress.households += 1;
    progress.residents += bundle.residents.length;
    if (onProgress && progress.households % 1000 === 0) onProgress({ ...progress, rows: truth.rows });
    if (truth.isBehind || writers.some((writer) => writer.file.isBehind)) {
      await Promise.all([truth.drained(), ...writers.map((writer) => writer.file.drained())]);
    }
  }
  await Promise.all([truth.close(), ...writers.map((writer) => writer.file.close())]);
  onProgress?.({ ...progress, rows: truth.rows });
  return writers.map(({ system, file, mappingFile }) => ({ system, file: file.path, mappingFile, rows: file.rows }));
}

async function openSystem(dir: string, seed: number, system: DemoSystem, spec: SystemSpec, index: number): Promise<SystemWriter> {
  const mappingFile = join(dir, `${system.code}.mapping.json`);
  await writeFile(mappingFile, `${JSON.stringify(spec.mapping, null, 2)}\n`);
  const random = new Random(seed, 100 + index);
  const duplicates = new Schedule(new Random(seed, 200 + index), 2, [150, 600]);
  const kinds: InvalidKind[] = ['missing_id', 'duplicate_id', 'bad_postcode'];
  if (spec.dateColumn !== null) kinds.push('bad_date');
  return {
    system, spec, mappingFile, random, kinds, previous: null,
    file: new CsvFile(join(dir, `${system.code}.csv`), spec.headers, spec.dialect),
    makeRows: spec.createRowMaker({ random, shouldDuplicate: () => duplicates.due() }),
    invalid: new Schedule(new Random(seed, 300 + index), kinds.length, [150, 500]),
  };
}

function writeRow(writer: SystemWriter, row: EmittedRow, truth: CsvFile): void {
  let values = row.values;
  let kind = row.duplicate ? 'duplicate_in_system' : row.resident.hardCase ?? '';
  // A person registered twice keeps both rows valid, so the truth marks each row with one case.
  if (!row.duplicate && writer.invalid.due()) {
    values = spoil(writer, row, writer.kinds[(writer.invalid.fired - 1) % writer.kinds.length] ?? 'missing_id');
    kind = 'invalid';
  }
  writer.file.write(values);
  writer.previous = values;
  truth.write([writer.system.code, sourceIdOf(writer.spec, values), row.resident.id, kind]);
}

/** Makes a row one the importer must reject. */
function spoil(writer: SystemWriter, row: EmittedRow, kind: InvalidKind): string[] {
  const { spec, random, previous } = writer;
  const values = [...row.values];
  if (kind === 'missing_id' || (kind === 'duplicate_id' && !previous)) {
    for (const column of spec.idColumns) values[column] = '';
  } else if (kind === 'duplicate_id' && previous) {
    for (const column of spec.idColumns) values[column] = previous[column] ?? '';
  } else if (kind === 'bad_postcode') {
    const written = (values[spec.postcodeColumn] ?? '').toUpperCase().replace(/\s+/g, '');
    values[spec.postcodeColumn] = malformedPostcode(`${written.slice(0, -3)} ${written.slice(-3)}`, random);
  } else if (spec.dateColumn !== null) {
    values[spec.dateColumn] = formatDate(impossibleDate(random, row.resident.dob.slice(0, 4)), spec.dateStyle);
  }
  return values;
}
