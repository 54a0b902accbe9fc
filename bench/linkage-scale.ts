import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeScaleExtracts } from '../src/demo/scale.ts';
import { csvValue, linkFile } from '../src/matching/link-file.ts';
import { openExtract } from '../src/sources/extract-file.ts';
import { compileMapping, parseMapping } from '../src/sources/mapping.ts';
import { canonicalColumns } from '../src/sources/source-record.ts';
import { entityIds, pairwiseScores } from './linkage-metrics.ts';
import { round } from './bench-support.ts';

// The speed benchmark: 1,000,000 records linked end to end by linkFile (read, standardise, prepare, block,
// compare, train, score, cluster, write), from a synthetic council's eight extracts turned into one file of
// canonical rows beforehand. BENCH_SCALE_ROWS changes the number of rows.

const rows = Number(process.env.BENCH_SCALE_ROWS ?? 1_000_000);
// About 2.1 extract rows per resident.
const residents = Math.ceil(rows / 2.05);
const seed = 11;

async function canonicalFile(dir: string, output: string, limit: number): Promise<number> {
  const systems = fs.readdirSync(dir).filter((file) => file.endsWith('.mapping.json')).map((file) => file.replace('.mapping.json', '')).sort();
  const out = fs.createWriteStream(output);
  out.write(`${canonicalColumns.join(',')}\n`);
  let written = 0;
  // Interleave the systems a slice at a time, so a cut at `limit` keeps every system.
  const readers = await Promise.all(systems.map(async (system) => {
    const mapping = parseMapping(JSON.parse(fs.readFileSync(path.join(dir, `${system}.mapping.json`), 'utf8')));
    const extract = await openExtract(path.join(dir, `${system}.csv`), { delimiter: mapping.delimiter });
    return { system, extract, read: compileMapping(mapping, extract.headers).read, iterator: extract.records[Symbol.asyncIterator]() };
  }));
  let open = readers.length;
  while (open > 0 && written < limit) {
    open = 0;
    for (const reader of readers) {
      for (let slice = 0; slice < 1000 && written < limit; slice++) {
        const next = await reader.iterator.next();
        if (next.done) break;
        if (slice === 999) open++;
        const record = next.value;
        if ('error' in record) continue;
        const values = Object.fromEntries(reader.extract.headers.map((header, index) => [header, (record.fields[index] ?? '').trim()]));
        const row = { ...reader.read(values), source_system: reader.system };
        out.write(`${canonicalColumns.map((column) => csvValue(row[column] ?? '')).join(',')}\n`);
        written++;
      }
    }
  }
  for (const reader of readers) reader.extract.close();
  out.end();
  await new Promise<void>((resolve) => { out.on('finish', () => resolve()); });
  return written;
}

function truthOf(dir: string): Map<string, string> {
  const truth = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(dir, 'truth.csv'), 'utf8').split('\n').slice(1)) {
    const [system = '', sourceId = '', resident = ''] = line.split(',');
    truth.set(`${system},${sourceId}`, resident);
  }
  return truth;
}

export async function runScaleBenchmark(log: (message: string) => void): Promise<Record<string, unknown>> {
  const dir = path.join(os.tmpdir(), `onestop-linkage-scale-${residents}-${seed}`);
  if (!fs.existsSync(path.join(dir, 'truth.csv'))) {
    log(`scale: writing extracts for ${residents} residents to ${dir}`);
    await writeScaleExtracts(dir, { residents, seed });
  }
  const input = path.join(dir, `canonical-${rows}.csv`);
  if (!fs.existsSync(input)) log(`scale: ${await canonicalFile(dir, input, rows)} canonical rows written to ${input}`);
  const output = path.join(dir, 'persons.csv');
  const started = performance.now();
  const cpu = process.cpuUsage();
  const stages: Record<string, number> = {};
  const counts = await linkFile({
    input, output, onProgress: (stage) => { stages[stage] ??= round((performance.now() - started) / 1000, 1); },
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const truth = truthOf(dir);
  const lines = fs.readFileSync(output, 'utf8').trim().split('\n').slice(1);
  const people = new Map<string, number>();
  const clusters = Int32Array.from(lines, (line) => {
    const person = line.slice(line.lastIndexOf(',') + 1);
    if (!people.has(person)) people.set(person, people.size);
    return people.get(person) ?? 0;
  });
  const labels = lines.map((line) => truth.get(line.slice(0, line.lastIndexOf(','))) ?? `unknown:${line}`);
  const scores = pairwiseScores(clusters, entityIds(labels));
  return {
    dataset: 'scale', records: counts.linkedRows, seconds: round(seconds, 1), recordsPerSecond: Math.round(counts.linkedRows / seconds),
    mainThreadCpuSeconds: round((used.user + used.system) / 1e6, 1), stageStartedAtSeconds: stages,
    precision: round(scores.precision, 4), recall: round(scores.recall, 4), f1: round(scores.f1, 4), counts,
  };
}
