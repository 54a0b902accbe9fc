import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { testDatabaseUrl } from '../config.ts';
import { openDatabase, type Database } from './connection.ts';
import { migrate } from './migrate.ts';

/**
 * A fresh, migrated database for one test process: in-memory PGlite by default, or a new database
 * on the server named by TEST_DATABASE_URL (dropped again on close), so test files can run side by side.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = testDatabaseUrl();
  if (!url) {
    const database = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
    await migrate(database);
    return database;
  }
  const name = `onestop_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(url, `create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'server', url: target.toString() }, { poolSize: 4 });
  await migrate(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    },
  };
}

/** Empties every table but the migration ledger, between tests that share one database. */
export async function resetDatabase(database: Database): Promise<void> {
  const tables = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = current_schema() and tablename <> 'onestop_migration'`.execute(database.db);
  if (tables.rows.length === 0) return;
  const list = tables.rows.map((row) => `"${row.tablename}"`).join(', ');
  await database.asOwner((owner) => sql.raw(`truncate ${list} restart identity cascade`).execute(owner));
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
