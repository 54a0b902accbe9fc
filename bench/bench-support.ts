import pg from 'pg';
import { openDatabase, type Database } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';

// Benchmarks run on the PostgreSQL server (BENCH_DATABASE_URL, default the local one), in a database of their own.
export const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function openBenchDatabase(name: string, options: { fresh: boolean }): Promise<Database> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
    if (options.fresh && exists) await admin.query(`drop database ${name} with (force)`);
    if (options.fresh || !exists) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'server', url: target.toString() }, { poolSize: 8 });
  await migrate(database);
  return database;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function round(value: number, places = 2): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

/** A small seeded generator, so a benchmark asks the same questions every run: the engine's own (mulberry32). */
export { seededRandom as seeded } from '../src/matching/engine/u-probabilities.ts';
