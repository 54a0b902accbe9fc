import type { Db, Queryable, Tx } from './connection.ts';

/** Runs work in one transaction; inside one already, it joins it. */
export async function withTransaction<T>(db: Queryable, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Tx);
  return (db as Db).transaction().execute(work);
}
