import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { toActor } from '../src/access/staff.ts';
import { openDatabase, type Database } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadDemoCouncil } from '../src/demo/load.ts';
import { createServices } from '../src/deps.ts';
import { bundleDocument } from '../src/web/privacy/bundle.view.ts';
import { openBenchDatabase, percentile, round, seeded } from './bench-support.ts';

// How long a subject access bundle takes: a demo council (BENCH_RESIDENTS, default 5,000) on the PostgreSQL server,
// or in embedded PGlite with BENCH_EMBEDDED=1; BENCH_BUNDLES residents drawn at random each get a JSON bundle, then
// an HTML one. BENCH_REUSE=1 uses a council already loaded on the server.
const residents = Number(process.env.BENCH_RESIDENTS ?? 5000);
const bundles = Number(process.env.BENCH_BUNDLES ?? 200);
const embedded = process.env.BENCH_EMBEDDED === '1';
const reuse = process.env.BENCH_REUSE === '1';

async function open(): Promise<Database> {
  if (!embedded) return openBenchDatabase(`onestop_bench_subject_access_${residents}`, { fresh: !reuse });
  const database = await openDatabase({ kind: 'embedded', dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'onestop-bench-sar-')) });
  await migrate(database);
  return database;
}

const database = await open();
const services = createServices(database, { sessionHours: 8 });
const loadStarted = performance.now();
if (embedded || !reuse) await loadDemoCouncil(services, { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'onestop-bench-sar-demo-')), residents, seed: 2002 });
const loadSeconds = (performance.now() - loadStarted) / 1000;
// Fresh statistics, as autovacuum would soon give a council's database: without them the planner scans every open link.
await database.asOwner((owner) => sql`analyze`.execute(owner));
if (!(await services.staff.findUserByEmail('bench.dpo@example.gov.uk'))) {
  await services.staff.addUser({ email: 'bench.dpo@example.gov.uk', displayName: 'Bench DPO', password: 'a-long-bench-password', role: 'dpo' });
}
const user = await services.staff.findUserByEmail('bench.dpo@example.gov.uk');
if (!user) throw new Error('The bench DPO was not created.');
const dpo = toActor(user, 'cli');
const ids = (await sql<{ id: number }>`select id from person where status = 'active' order by id`.execute(database.db)).rows.map((row) => Number(row.id));
const random = seeded(7);
const chosen = Array.from({ length: Math.min(bundles, ids.length) }, () => ids[Math.floor(random() * ids.length)] ?? 1);

async function time(format: 'json' | 'html'): Promise<{ ms: number[]; bytes: number; records: number }> {
  const ms: number[] = [];
  let bytes = 0;
  let records = 0;
  for (const id of chosen) {
    const started = performance.now();
    const bundle = await services.privacy.exportBundle(dpo, id, format);
    const text = format === 'json' ? JSON.stringify(bundle) : bundleDocument(bundle, 'Bench Council');
    ms.push(performance.now() - started);
    bytes += text.length;
    records += bundle.sourceRecords.length;
  }
  return { ms: ms.sort((a, b) => a - b), bytes, records };
}

const json = await time('json');
const html = await time('html');
const summary = (result: Awaited<ReturnType<typeof time>>) => ({
  p50Ms: round(percentile(result.ms, 50)), p95Ms: round(percentile(result.ms, 95)), maxMs: round(result.ms.at(-1) ?? 0),
  meanRecords: round(result.records / chosen.length, 1), meanKb: round(result.bytes / chosen.length / 1024, 1),
});
console.log(JSON.stringify({
  database: database.kind, residents, persons: ids.length, bundles: chosen.length, loadSeconds: round(loadSeconds, 1),
  json: summary(json), html: summary(html),
}));
await database.close();
