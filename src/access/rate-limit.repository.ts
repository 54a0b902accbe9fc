import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';

// Calls counted in fixed windows in the database, so the limit holds however many processes serve the API.

/** Counts one call against a key in the window starting at windowStart, and gives the count so far. */
export async function countCall(db: Queryable, key: string, windowStart: Date): Promise<number> {
  const result = await sql<{ hits: number }>`
    insert into rate_limit_window as w (key, window_start, hits) values (${key}, ${windowStart}, 1)
    on conflict (key, window_start) do update set hits = w.hits + 1
    returning hits`.execute(db);
  const hits = result.rows[0]?.hits ?? 1;
  // A key's first call in a window clears its earlier windows, and a few other keys' old ones.
  if (hits === 1) {
    await sql`delete from rate_limit_window where (key, window_start) in (
      select key, window_start from rate_limit_window where window_start < ${windowStart} limit 100)`.execute(db);
  }
  return hits;
}
