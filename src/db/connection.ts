import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import type { DatabaseTarget } from '../config.ts';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** A query runner: the database, or a transaction opened on it. */
export type Queryable = Db | Tx;

export type Database = {
  /** Works as the application role (onestop_app): not a superuser, not the tables' owner, bound by row-level security. */
  db: Db;
  kind: DatabaseTarget['kind'];
  /** A description safe to print: never includes a password. */
  describe: string;
  /** Runs work as the owner of the schema: migrations, and a test emptying its tables. Never for requests. */
  asOwner<T>(work: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/** The role every application connection works as (created by migration 0005). */
export const appRole = 'onestop_app';

// Ids fit comfortably in a double; dates stay as the 'YYYY-MM-DD' text the council recorded, free of time zones.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export async function openDatabase(target: DatabaseTarget, options: { poolSize?: number } = {}): Promise<Database> {
  if (target.kind === 'server') return openServer(target.url, options.poolSize ?? 10);
  return openEmbedded(target.dataDir);
}

async function openServer(url: string, poolSize: number): Promise<Database> {
  // The role is set as the connection starts, so no query ever runs before it; a missing role fails the connection.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c role=${appRole}` });
  pool.on('error', () => undefined); // an idle client's error is reported on its next use
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const asOwner = async <T>(work: (owner: Db) => Promise<T>): Promise<T> => {
    const owner = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
    try {
      return await work(owner);
    } finally {
      await owner.destroy();
    }
  };
  return { db, kind: 'server', describe: redactUrl(url), asOwner, close: () => db.destroy() };
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { fuzzystrmatch } = await import('@electric-sql/pglite/contrib/fuzzystrmatch');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const inMemory = dataDir.startsWith('memory://');
  const releaseLock = inMemory ? () => undefined : lockDataDir(dataDir);
  let lite: Awaited<ReturnType<typeof PGlite.create>>;
  try {
    lite = await PGlite.create(dataDir, { extensions: { pg_trgm, fuzzystrmatch } });
  } catch (error) {
    releaseLock();
    throw error;
  }
  // PGlite is one connection: the pool hands it out to one query or transaction at a time.
  const pool = new pg.Pool(createPgConfig(lite) as unknown as pg.PoolConfig);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  // One backend, one session: the application role is set on it, and dropped only while the owner works.
  const enterAppRole = async () => {
    const exists = await lite.query(`select exists (select 1 from pg_roles where rolname = '${appRole}') as found`);
    if ((exists.rows[0] as { found?: boolean } | undefined)?.found) await lite.exec(`set role ${appRole}`);
  };
  await enterAppRole();
  let owning: Promise<unknown> = Promise.resolve();
  const asOwner = <T>(work: (owner: Db) => Promise<T>): Promise<T> => {
    const run = owning.then(async () => {
      await lite.exec('reset role');
      try {
        return await work(db);
      } finally {
        await enterAppRole();
      }
    });
    owning = run.catch(() => undefined);
    return run;
  };
  return {
    db,
    kind: 'embedded',
    describe: `embedded database in ${dataDir}`,
    asOwner,
    close: async () => {
      await db.destroy();
      await lite.close();
      releaseLock();
    },
  };
}

/**
 * The embedded database lives inside one process: a second process opening the same folder would see stale data
 * and could corrupt it. A lock file holding the owner's pid keeps others out; a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, '..', `${path.basename(dataDir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new Error(`the embedded database in ${dataDir} is in use by another OneStop process (pid ${owner}); stop that process first, or use a PostgreSQL server (DATABASE_URL) to run commands beside the server`);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`cannot lock the embedded database in ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return 'a PostgreSQL server';
  }
}
