import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createServices } from '../src/deps.ts';
import { linkRecords } from '../src/matching/engine/link.ts';
import { findCurrentModel, saveCurrentModel } from '../src/matching/model.repository.ts';
import { toFields } from '../src/matching/relink.repository.ts';
import { openBenchDatabase, percentile, round, seeded } from './bench-support.ts';

// npm run bench:match: live matching at the moment of contact against the council the search benchmark built
// (run `npm run bench:search` first, same BENCH_RESIDENTS). Learns a model from a sample of its records unless one
// is saved, then asks who 1,000 records are, each with a typing slip, and times the answer.
const residents = Number(process.env.BENCH_RESIDENTS ?? 1_000_000);
const queries = Number(process.env.BENCH_QUERIES ?? 1_000);
const trainingSample = Number(process.env.BENCH_TRAINING_SAMPLE ?? 200_000);
const log = (message: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

const database = await openBenchDatabase(`onestop_bench_search_${residents}`, { fresh: false });
const services = createServices(database, { sessionHours: 8 });
type Row = Parameters<typeof toFields>[0] & { id: number; code: string; source_id: string; person_id: number };
const sample = (limit: number, salt: string) => sql<Row>`
  select r.*, s.code, l.person_id from source_record r join source_system s on s.id = r.source_system_id
  join person_link l on l.source_record_id = r.id and l.unlinked_at is null
  order by md5(r.id::text || ${salt}) limit ${limit}`.execute(database.db);

let trainingSeconds: number | null = null;
if (!(await findCurrentModel(database.db))) {
  log(`learning a model from ${trainingSample} sampled records`);
  const started = performance.now();
  const rows = (await sample(trainingSample, 'train')).rows;
  const result = await linkRecords(rows.map((row) => ({ sourceSystem: row.code, sourceId: row.source_id, fields: toFields(row) })));
  await saveCurrentModel(database.db, result.model);
  trainingSeconds = round((performance.now() - started) / 1000, 1);
}
const current = await services.matches.currentModel();
if (!current) throw new Error('No model.');
const persons = Number((await sql<{ n: number }>`select count(*)::int as n from person where status = 'active'`.execute(database.db)).rows[0]?.n ?? 0);

// The generator's truth says which resident each record is: a match is right when its record is the same resident,
// whichever of the resident's person rows holds it (until a relink, one resident may be several persons).
const truthFile = path.join(os.tmpdir(), `onestop-bench-${residents}-2002`, 'truth.csv');
const truth = new Map<string, string>();
for (const line of fs.readFileSync(truthFile, 'utf8').split('\n').slice(1)) {
  const [system, sourceId, resident] = line.split(',');
  if (system && sourceId && resident) truth.set(`${system}:${sourceId}`, resident);
}
const residentOfRecord = async (ids: readonly number[]) => new Map((await sql<{ id: number; code: string; source_id: string }>`
  select r.id, s.code, r.source_id from source_record r join source_system s on s.id = r.source_system_id where r.id = any(${[...ids]}::bigint[])`
  .execute(database.db)).rows.map((row) => [Number(row.id), truth.get(`${row.code}:${row.source_id}`)]));

const next = seeded(2002);
const asked = (await sample(queries, 'ask')).rows.map((row) => {
  const fields = toFields(row);
  const slip = (word: string | null) => (word && word.length > 3 ? word.slice(0, 2) + word.slice(3) : word);
  const which = next();
  return { recordId: Number(row.id), personId: Number(row.person_id), input: { sourceSystem: 'contact', sourceId: `ask-${row.id}`, fields: which < 0.4 ? { ...fields, familyName: slip(fields.familyName) } : which < 0.8 ? { ...fields, givenName: slip(fields.givenName) } : fields } };
});

log(`matching ${asked.length} records against ${persons} persons`);
const latencies: number[] = [];
let top1 = 0;
let top5 = 0;
let residentFirst = 0;
for (const [index, item] of asked.entries()) {
  const started = performance.now();
  const [ranked = []] = await services.matches.matchRecords(database.db, current.model, [item.input]);
  const elapsed = performance.now() - started;
  if (index >= 20) latencies.push(elapsed);
  const position = ranked.findIndex((match) => match.personId === item.personId);
  if (position === 0) top1++;
  if (position >= 0 && position < 5) top5++;
  const best = ranked[0];
  if (best) {
    const residentsOf = await residentOfRecord([item.recordId, best.sourceRecordId]);
    if (residentsOf.get(item.recordId) !== undefined && residentsOf.get(item.recordId) === residentsOf.get(best.sourceRecordId)) residentFirst++;
  }
}
latencies.sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({
  benchmark: 'live match', residents, persons, modelVersion: current.version, trainingSeconds,
  queries: asked.length, p50Ms: round(percentile(latencies, 50)), p95Ms: round(percentile(latencies, 95)), p99Ms: round(percentile(latencies, 99)),
  samePersonRowFirst: round(top1 / asked.length, 4), samePersonRowInTop5: round(top5 / asked.length, 4),
  rightResidentFirst: round(residentFirst / asked.length, 4), target: { p95Ms: 25 },
}, null, 2)}\n`);
await database.close();
