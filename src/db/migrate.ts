import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database, Db } from './connection.ts';

// Migrations are numbered SQL files, applied forward only, each recorded once.
const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type Migration = { id: number; name: string; sql: string };
export type MigrationStatus = { applied: number[]; pending: Migration[] };

export function listMigrations(dir = migrationsDir): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      id: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ''),
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));
}

async function ensureLedger(db: Db): Promise<void> {
  await sql`create table if not exists onestop_migration (
    id int primary key, name text not null, applied_at timestamptz not null default now())`.execute(db);
}

export async function migrationStatus(db: Db): Promise<MigrationStatus> {
  const exists = await sql<{ found: boolean }>`select to_regclass('onestop_migration') is not null as found`.execute(db);
  const applied = exists.rows[0]?.found
    ? (await sql<{ id: number }>`select id from onestop_migration order by id`.execute(db)).rows.map((row) => row.id)
    : [];
  const done = new Set(applied);
  return { applied, pending: listMigrations().filter((migration) => !done.has(migration.id)) };
}

/** Applies every pending migration in one transaction, as the schema's owner; a failure leaves the schema as it was. */
export async function migrate(database: Database): Promise<Migration[]> {
  return database.asOwner((db) => migrateAs(db));
}

async function migrateAs(db: Db): Promise<Migration[]> {
  await ensureLedger(db);
  return db.transaction().execute(async (tx) => {
    // Two processes starting at once take turns; the second finds nothing left to do.
    await sql`select pg_advisory_xact_lock(hashtext('onestop.migrate'))`.execute(tx);
    const applied = new Set((await sql<{ id: number }>`select id from onestop_migration`.execute(tx)).rows.map((row) => row.id));
    const pending = listMigrations().filter((migration) => !applied.has(migration.id));
    for (const migration of pending) {
      await sql.raw(migration.sql).execute(tx);
      await sql`insert into onestop_migration (id, name) values (${migration.id}, ${migration.name})`.execute(tx);
    }
    return pending;
  });
}
