import { sql } from 'kysely';
import type { Queryable, Tx } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import type { AnyActor } from './staff.ts';

// What rows the database lets a transaction see. Row-level security on source records reads these settings: the
// council's own processes see everything; a member of staff sees unrestricted systems, their teams' systems, and a
// resident they have opened by break-glass. Outside any scope, nothing restricted is visible.

export type Scope = { kind: 'all' } | { kind: 'staff'; userId: number; teamIds: readonly number[] };

export function scopeOf(actor: AnyActor): Scope {
  return actor.kind === 'system' ? { kind: 'all' } : { kind: 'staff', userId: actor.userId, teamIds: actor.teamIds };
}

export async function applyScope(tx: Tx, scope: Scope): Promise<void> {
  await sql`select set_config('onestop.scope', ${scope.kind === 'all' ? 'all' : 'staff'}, true),
    set_config('onestop.teams', ${scope.kind === 'all' ? '' : scope.teamIds.join(',')}, true),
    set_config('onestop.user', ${scope.kind === 'all' ? '' : String(scope.userId)}, true)`.execute(tx);
}

/** Runs work in a transaction that sees what the actor may see. */
export async function withScope<T>(db: Queryable, actor: AnyActor, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withTransaction(db, async (tx) => {
    await applyScope(tx, scopeOf(actor));
    return work(tx);
  });
}

/**
 * Runs work that must see every record whoever asked (recomputing a golden record, say), then puts the
 * transaction's scope back as it was.
 */
export async function asCouncil<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  const before = await sql<{ scope: string | null; teams: string | null; user: string | null }>`
    select current_setting('onestop.scope', true) as scope, current_setting('onestop.teams', true) as teams,
      current_setting('onestop.user', true) as user`.execute(tx);
  const previous = before.rows[0];
  await sql`select set_config('onestop.scope', 'all', true)`.execute(tx);
  try {
    return await work();
  } finally {
    await sql`select set_config('onestop.scope', ${previous?.scope ?? ''}, true), set_config('onestop.teams', ${previous?.teams ?? ''}, true),
      set_config('onestop.user', ${previous?.user ?? ''}, true)`.execute(tx);
  }
}



/**
 * Whether the actor may see what a source system's rows say, outside the database's row-level security (an import's
 * rejected rows are kept in a file): the council's own processes and, for a restricted system, only its team.
 */
export function maySeeSystem(actor: AnyActor, system: { restricted: boolean; teamId: number | null }): boolean {
  if (actor.kind === 'system' || !system.restricted) return true;
  return system.teamId !== null && actor.teamIds.includes(system.teamId);
}
