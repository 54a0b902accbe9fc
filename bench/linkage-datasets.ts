import fs from 'node:fs';
import path from 'node:path';
import { generateCouncil, type Resident } from '../src/demo/council.ts';
import { writeDemoExtracts } from '../src/demo/extracts.ts';
import type { LinkInput } from '../src/matching/engine/prepare.ts';
import { openExtract } from '../src/sources/extract-file.ts';
import { compileMapping, parseMapping } from '../src/sources/mapping.ts';
import { standardiseRow } from '../src/sources/standardise.ts';

// The linkage benchmark's datasets: each read through a mapping file, as the importer would read it, with
// the true person of every record. Unreadable values become null (lenient, as `onestop link` reads).

export const linkageDataRoot = process.env.LINKAGE_DATA ?? path.resolve(import.meta.dirname, '../../shared/data/linkage');
const mappingsRoot = path.resolve(import.meta.dirname, '../mappings');

export type Dataset = {
  name: string;
  records: LinkInput[];
  /** The true person of each record. */
  truth: string[];
  /** Values that could not be read and became null. */
  unreadable: number;
  /** Rows left out, and why. */
  excluded: Record<string, number>;
  /** Pairs of different people who are easy to take for one (twins, father and son, namesakes): their records. */
  hardCases: HardCasePair[];
};

export type HardCasePair = { kind: string; first: number[]; second: number[] };

type Source = { file: string; mapping: string; system: string; truth: (values: Record<string, string>) => string | null };

const febrlTruth = (values: Record<string, string>) => /^rec-(\d+)-/.exec(values.rec_id ?? '')?.[1] ?? null;
const column = (name: string) => (values: Record<string, string>) => values[name] || null;

async function readSource(source: Source, into: Dataset, filter?: (system: string, sourceId: string) => string | null | undefined): Promise<void> {
  const mapping = parseMapping(JSON.parse(fs.readFileSync(source.mapping, 'utf8')));
  const extract = await openExtract(source.file, { delimiter: mapping.delimiter });
  const { read } = compileMapping(mapping, extract.headers);
  const options = { dateFormat: mapping.dateFormat, nameFormat: mapping.nameFormat, earliestYear: mapping.earliestYear };
  const today = new Date();
  for await (const record of extract.records) {
    if ('error' in record) { into.excluded.unreadable_row = (into.excluded.unreadable_row ?? 0) + 1; continue; }
    const values: Record<string, string> = {};
    extract.headers.forEach((header, index) => {
      const value = record.fields[index] ?? '';
      values[header] = mapping.trim ? value.trim() : value;
    });
    const row = read(values);
    const sourceId = row.source_id?.trim() ?? '';
    const truth = filter ? filter(source.system, sourceId) : source.truth(values);
    if (truth === undefined || truth === null) { into.excluded.no_truth = (into.excluded.no_truth ?? 0) + 1; continue; }
    const lenient = { unreadable: [] as string[] };
    const result = standardiseRow(row, options, today, lenient);
    if (!result.ok) { into.excluded.unreadable_name = (into.excluded.unreadable_name ?? 0) + 1; continue; }
    into.unreadable += lenient.unreadable.length;
    into.records.push({ sourceSystem: source.system, sourceId, fields: result.fields });
    into.truth.push(truth);
  }
}

function newDataset(name: string): Dataset {
  return { name, records: [], truth: [], unreadable: 0, excluded: {}, hardCases: [] };
}

const publicSources: Record<string, Source[]> = {
  febrl1: [{ file: 'febrl1/dataset1.csv', mapping: 'febrl.json', system: 'febrl', truth: febrlTruth }],
  febrl2: [{ file: 'febrl2/dataset2.csv', mapping: 'febrl.json', system: 'febrl', truth: febrlTruth }],
  febrl3: [{ file: 'febrl3/dataset3.csv', mapping: 'febrl.json', system: 'febrl', truth: febrlTruth }],
  febrl4: [
    { file: 'febrl4/dataset4a.csv', mapping: 'febrl.json', system: 'febrl4a', truth: febrlTruth },
    { file: 'febrl4/dataset4b.csv', mapping: 'febrl.json', system: 'febrl4b', truth: febrlTruth },
  ],
  rldata500: [{ file: 'rldata500/RLdata500.csv', mapping: 'rldata.json', system: 'rldata', truth: column('label_true') }],
  rldata10000: [{ file: 'rldata10000/RLdata10000.csv', mapping: 'rldata.json', system: 'rldata', truth: column('label_true') }],
  splink_fake_1000: [{ file: 'splink_fake_1000/fake_1000.csv', mapping: 'splink-fake.json', system: 'fake', truth: column('cluster') }],
  splink_fake_20000: [{ file: 'splink_fake_20000/fake_20000.csv', mapping: 'splink-fake.json', system: 'fake', truth: column('group') }],
  splink_historical_50k: [{
    file: 'splink_historical_50k/historical_figures_with_errors_50k.csv', mapping: 'splink-historical.json', system: 'historical',
    truth: column('cluster'),
  }],
  pseudopeople_anytown: [
    ['decennial_census', 'pseudopeople-census.json'], ['american_community_survey', 'pseudopeople-survey.json'],
    ['current_population_survey', 'pseudopeople-survey.json'], ['women_infants_and_children', 'pseudopeople-census.json'],
    ['social_security', 'pseudopeople-social-security.json'],
  ].map(([file = '', mapping = '']) => ({ file: `pseudopeople_anytown/${file}.csv`, mapping, system: file, truth: column('simulant_id') })),
};

export const publicDatasetNames = Object.keys(publicSources);

export async function loadPublicDataset(name: string): Promise<Dataset> {
  const sources = publicSources[name];
  if (!sources) throw new Error(`No dataset called ${name}; there are ${publicDatasetNames.join(', ')}.`);
  const dataset = newDataset(name);
  for (const source of sources) {
    await readSource({ ...source, file: path.join(linkageDataRoot, source.file), mapping: path.join(mappingsRoot, source.mapping) }, dataset);
  }
  return dataset;
}

/**
 * A synthetic council from src/demo: eight systems' extracts and the truth. Rows the generator spoils so
 * that the importer must reject them (truth case "invalid") are left out, as an import would leave them out.
 */
export async function loadCouncilDataset(residents: number, seed: number, dir: string): Promise<Dataset> {
  if (!fs.existsSync(path.join(dir, 'truth.csv'))) await writeDemoExtracts(dir, { residents, seed });
  // A spoiled row may repeat the row before's source id, so each key keeps its rows' truths in file order.
  const truth = new Map<string, Array<string | null>>();
  const lines = fs.readFileSync(path.join(dir, 'truth.csv'), 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const [system = '', sourceId = '', resident = '', kind = ''] = line.split(',');
    const key = `${system}\u0000${sourceId}`;
    const list = truth.get(key) ?? [];
    list.push(kind === 'invalid' ? null : resident);
    truth.set(key, list);
  }
  const dataset = newDataset(`council_${residents}_seed${seed}`);
  const systems = fs.readdirSync(dir).filter((file) => file.endsWith('.mapping.json')).map((file) => file.replace('.mapping.json', '')).sort();
  for (const system of systems) {
    const source = { file: path.join(dir, `${system}.csv`), mapping: path.join(dir, `${system}.mapping.json`), system, truth: () => null };
    await readSource(source, dataset, (code, sourceId) => truth.get(`${code}\u0000${sourceId}`)?.shift());
  }
  dataset.hardCases = hardCasePairs(generateCouncil({ residents, seed }).residents, dataset.truth);
  return dataset;
}

/** Twins and father and son (same household), namesakes (same name and date of birth), with their records. */
function hardCasePairs(residents: readonly Resident[], truth: readonly string[]): HardCasePair[] {
  const recordsOf = new Map<string, number[]>();
  truth.forEach((resident, index) => recordsOf.set(resident, [...(recordsOf.get(resident) ?? []), index]));
  const groups = new Map<string, Resident[]>();
  for (const resident of residents) {
    if (!resident.hardCase || resident.hardCase === 'married') continue;
    const key = resident.hardCase === 'namesake'
      ? `namesake|${resident.givenName}|${resident.familyName}|${resident.dob}`
      : `${resident.hardCase}|${resident.householdId}`;
    groups.set(key, [...(groups.get(key) ?? []), resident]);
  }
  const pairs: HardCasePair[] = [];
  for (const members of groups.values()) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const first = recordsOf.get(members[i]?.id ?? '') ?? [];
        const second = recordsOf.get(members[j]?.id ?? '') ?? [];
        if (first.length > 0 && second.length > 0) pairs.push({ kind: members[i]?.hardCase ?? '', first, second });
      }
    }
  }
  return pairs;
}
