import assert from 'node:assert/strict';
import { readFile, readdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateCouncil } from '../../demo/council.ts';
import { writeDemoExtracts } from '../../demo/extracts.ts';
import { openExtract } from '../../sources/extract-file.ts';
import { compileMapping, parseMapping } from '../../sources/mapping.ts';
import { standardiseRow } from '../../sources/standardise.ts';
import { linkRecords } from './link.ts';
import type { LinkInput } from './prepare.ts';

// End to end: a small synthetic council (src/demo), its eight extracts read through their mappings as the
// importer reads them, linked with the default configuration and scored against the generator's truth.
const residents = 2500;
const seed = 41;

async function readCouncil(dir: string): Promise<{ records: LinkInput[]; truth: string[] }> {
  const truth = new Map<string, string>();
  for (const line of (await readFile(path.join(dir, 'truth.csv'), 'utf8')).trim().split('\n').slice(1)) {
    const [system = '', sourceId = '', resident = '', kind = ''] = line.split(',');
    if (kind !== 'invalid') truth.set(`${system},${sourceId}`, resident);
  }
  const records: LinkInput[] = [];
  const labels: string[] = [];
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.mapping.json')).sort()) {
    const system = file.replace('.mapping.json', '');
    const mapping = parseMapping(JSON.parse(await readFile(path.join(dir, file), 'utf8')));
    const extract = await openExtract(path.join(dir, `${system}.csv`), { delimiter: mapping.delimiter });
    const { read } = compileMapping(mapping, extract.headers);
    for await (const row of extract.records) {
      if ('error' in row) continue;
      const canonical = read(Object.fromEntries(extract.headers.map((header, index) => [header, (row.fields[index] ?? '').trim()])));
      const resident = truth.get(`${system},${canonical.source_id ?? ''}`);
      const result = standardiseRow(canonical, { dateFormat: mapping.dateFormat, nameFormat: mapping.nameFormat });
      if (resident === undefined || !result.ok) continue;
      records.push({ sourceSystem: system, sourceId: canonical.source_id ?? '', fields: result.fields });
      labels.push(resident);
    }
  }
  return { records, truth: labels };
}

function pairwiseF1(clusters: Int32Array, truth: readonly string[]): { precision: number; recall: number; f1: number } {
  const count = (keys: string[]) => {
    const sizes = new Map<string, number>();
    for (const key of keys) sizes.set(key, (sizes.get(key) ?? 0) + 1);
    let pairs = 0;
    for (const size of sizes.values()) pairs += (size * (size - 1)) / 2;
    return pairs;
  };
  const predicted = count(Array.from(clusters, String));
  const actual = count([...truth]);
  const correct = count(Array.from(clusters, (cluster, index) => `${cluster}|${truth[index]}`));
  const precision = correct / predicted;
  const recall = correct / actual;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

describe('linkRecords on a synthetic council', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'onestop-link-test-'));
  await writeDemoExtracts(dir, { residents, seed });
  const { records, truth } = await readCouncil(dir);
  const result = await linkRecords(records);
  const scores = pairwiseF1(result.clusters, truth);
  const clusterOf = new Map<string, Set<number>>();
  truth.forEach((resident, index) => clusterOf.set(resident, (clusterOf.get(resident) ?? new Set()).add(result.clusters[index] ?? -1)));
  const council = generateCouncil({ residents, seed });

  it('links the records of each resident with high precision and recall', () => {
    assert.ok(scores.precision >= 0.97, `precision ${scores.precision}`);
    assert.ok(scores.f1 >= 0.85, `F1 ${scores.f1}`);
  });

  it('keeps twins apart', () => {
    const twins = council.residents.filter((resident) => resident.hardCase === 'twin');
    let pairs = 0;
    let together = 0;
    for (const twin of twins) {
      for (const other of twins) {
        if (other.id <= twin.id || other.householdId !== twin.householdId) continue;
        pairs++;
        const mine = clusterOf.get(twin.id) ?? new Set();
        if ([...(clusterOf.get(other.id) ?? [])].some((cluster) => mine.has(cluster))) together++;
      }
    }
    assert.ok(pairs > 0, 'the council has twins');
    assert.ok(together <= pairs * 0.25, `${together} of ${pairs} pairs of twins put together`);
  });

  it('keeps a father and a son of one name apart where their records carry dates of birth', () => {
    const fathersAndSons = council.residents.filter((resident) => resident.hardCase === 'father_son');
    let pairs = 0;
    let together = 0;
    for (const father of fathersAndSons) {
      for (const son of fathersAndSons) {
        if (son.id <= father.id || son.householdId !== father.householdId) continue;
        const dated = (resident: string, dob: string) => new Set(records.flatMap((record, index) => (truth[index] === resident && record.fields.dob === dob ? [result.clusters[index]] : [])));
        const fatherClusters = dated(father.id, father.dob);
        const sonClusters = dated(son.id, son.dob);
        if (fatherClusters.size === 0 || sonClusters.size === 0) continue;
        pairs++;
        if ([...sonClusters].some((cluster) => fatherClusters.has(cluster))) together++;
      }
    }
    assert.ok(together <= pairs * 0.5, `${together} of ${pairs} fathers and sons with dates of birth put together`);
  });
});
