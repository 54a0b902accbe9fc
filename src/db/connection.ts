import fs from 'node:fs';
import pg from 'pg';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import type { DatabaseTarget } from '../config.ts';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** A query runner: the database, or a transaction opened on it. */
export type Queryable = Db | Tx;

export type Database = {
  db: Db;
  kind: DatabaseTarget['kind'];
  /** A description safe to print: never includes a password. */
  describe: string;
  close(): Promise<void>;
};

// Ids fit comfortably in a double; dates stay as the 'YYYY-MM-DD' text the council recorded, free of time zones.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export async function openDatabase(target: DatabaseTarget, options: { poolSize?: number } = {}): Promise<Database> {
  if (target.kind === 'server') return openServer(target.url, options.poolSize ?? 10);
  return openEmbedded(target.dataDir);
}

async function openServer(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => undefined); // an idle client's error is reported on its next use
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'server', describe: redactUrl(url), close: () => db.destroy() };
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { fuzzystrmatch } = await import('@electric-sql/pglite/contrib/fuzzystrmatch');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir, { extensions: { pg_trgm, fuzzystrmatch } });
  // PGlite is one connection: the pool hands it out to one query or transaction at a time.
  const pool = new pg.Pool(createPgConfig(lite) as unknown as pg.PoolConfig);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'embedded',
    describe: `embedded database in ${dataDir}`,
    close: async () => {
      await db.destroy();
      await lite.close();
    },
  };
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
