import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { SystemActor } from '../src/access/staff.ts';
import { createServices } from '../src/deps.ts';
import { writeScaleExtracts } from '../src/demo/scale.ts';
import { parseMapping } from '../src/sources/mapping.ts';
import { openBenchDatabase, percentile, round, seeded } from './bench-support.ts';

// npm run bench:search: builds a synthetic council of BENCH_RESIDENTS (default 1,000,000) on the PostgreSQL
// server through the real import pipeline, then times 1,000 misspelt name searches with and without a postcode.
// BENCH_REUSE=1 skips the build and searches the council already there.
const residents = Number(process.env.BENCH_RESIDENTS ?? 1_000_000);
const queries = Number(process.env.BENCH_QUERIES ?? 1_000);
const reuse = process.env.BENCH_REUSE === '1';
const seed = 2002;
/** The benchmark searches as the council's own process: it sees every record, as a search by staff in every team would. */
const councilActor: SystemActor = { kind: 'system', name: 'bench', door: 'cli' };
const log = (message: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

const database = await openBenchDatabase(`onestop_bench_search_${residents}`, { fresh: !reuse });
const services = createServices(database, { sessionHours: 8 });
let importFigures: Record<string, unknown> = { skipped: true };

if (!reuse) {
  const dir = path.join(os.tmpdir(), `onestop-bench-${residents}-${seed}`);
  if (!fs.existsSync(path.join(dir, 'extracts.json'))) {
    log(`writing extracts for ${residents} residents to ${dir}`);
    const written = await writeScaleExtracts(dir, { residents, seed });
    fs.writeFileSync(path.join(dir, 'extracts.json'), JSON.stringify(written));
  }
  const extracts = JSON.parse(fs.readFileSync(path.join(dir, 'extracts.json'), 'utf8')) as Array<{ system: { code: string; name: string; trust: number }; file: string; mappingFile: string; rows: number }>;
  // Bounded memory: the largest resident set size seen while importing, sampled every 100 ms.
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 100);
  const started = performance.now();
  let rows = 0;
  const perSystem: Record<string, number> = {};
  for (const extract of extracts) {
    await services.imports.registerSystem(extract.system);
    const t0 = performance.now();
    const run = await services.imports.importFile({
      systemCode: extract.system.code, filePath: extract.file, mapping: parseMapping(JSON.parse(fs.readFileSync(extract.mappingFile, 'utf8'))),
      rejectsPath: path.join(dir, `${extract.system.code}.rejects.csv`), actor: { kind: 'system', name: 'bench', door: 'cli' },
    });
    rows += run.counts.read;
    perSystem[extract.system.code] = Math.round(run.counts.read / ((performance.now() - t0) / 1000));
    log(`imported ${extract.system.code}: ${run.counts.read} rows, ${perSystem[extract.system.code]} rows/s`);
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  // As the owner: the application role may analyse only tables it owns, which is none, and autovacuum may be off.
  await database.asOwner((owner) => sql`analyze`.execute(owner));
  importFigures = { rows, seconds: round(seconds, 1), rowsPerSecond: Math.round(rows / seconds), perSystemRowsPerSecond: perSystem, peakRssMb: Math.round(peakRss / 1048576), ...(await services.people.stats()) };
}

// Residents to look for: a seeded sample with a name and a postcode.
const sample = await sql<{ id: number; given_name: string; family_name: string; postcode: string; search_name: string }>`
  select id, given_name, family_name, postcode, search_name from person
  where status = 'active' and given_name is not null and family_name is not null and postcode is not null
  order by md5(id::text || ${String(seed)}) limit ${queries}`.execute(database.db);
const random = seeded(seed);
const asked = sample.rows.map((row) => ({ ...row, typed: misspell(`${row.given_name} ${row.family_name}`, random) }));

async function run(mode: 'with_postcode' | 'name_only') {
  const latencies: number[] = [];
  let strict = 0;
  let nameFound = 0;
  for (const [index, item] of asked.entries()) {
    const started = performance.now();
    const outcome = await services.people.search(councilActor, mode === 'with_postcode' ? { q: item.typed, postcode: item.postcode } : { q: item.typed }, 10);
    const elapsed = performance.now() - started;
    if (index >= 20) latencies.push(elapsed); // the first few warm the caches
    const ids = outcome.hits.map((hit) => hit.personId);
    if (ids.includes(item.id)) { strict++; nameFound++; continue; }
    // With a name alone, dozens of residents may share it exactly and nothing in the query tells them apart:
    // this counts whether the resident's own name was among the ten, for the agent to narrow by date of birth.
    const names = await sql<{ search_name: string }>`select search_name from person where id = any(${ids}::bigint[])`.execute(database.db);
    if (names.rows.some((row) => row.search_name === item.search_name)) nameFound++;
  }
  latencies.sort((a, b) => a - b);
  return {
    queries: asked.length,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    recallAt10: round(strict / asked.length, 4),
    nameInTop10: round(nameFound / asked.length, 4),
  };
}

log('searching with a postcode');
const withPostcode = await run('with_postcode');
log('searching by name alone');
const nameOnly = await run('name_only');
const result = {
  benchmark: 'search',
  residents,
  database: 'PostgreSQL server',
  import: importFigures,
  search: { withPostcode, nameOnly },
  targets: { importRowsPerSecond: 50_000, p95WithPostcodeMs: 20, p95NameOnlyMs: 50, recallAt10: 0.99 },
  examples: asked.slice(0, 5).map((item) => ({ typed: item.typed, meant: `${item.given_name} ${item.family_name}` })),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
await database.close();

/** One or two everyday typing slips: a letter dropped, doubled, swapped with its neighbour or mistyped. */
function misspell(name: string, next: () => number): string {
  const words = name.toLowerCase().split(' ');
  const edits = next() < 0.3 ? 2 : 1;
  for (let edit = 0; edit < edits; edit++) {
    const which = edits === 2 ? edit % words.length : Math.floor(next() * words.length);
    const word = words[which] ?? '';
    if (word.length < 4) continue;
    const at = 1 + Math.floor(next() * (word.length - 2));
    const kind = Math.floor(next() * 4);
    const letters = 'aeioulnrst';
    const changed =
      kind === 0 ? word.slice(0, at) + word.slice(at + 1)
      : kind === 1 ? word.slice(0, at) + word[at] + word.slice(at)
      : kind === 2 ? word.slice(0, at) + (word[at + 1] ?? '') + word[at] + word.slice(at + 2)
      : word.slice(0, at) + letters[Math.floor(next() * letters.length)] + word.slice(at + 1);
    words[which] = changed;
  }
  return words.join(' ');
}
