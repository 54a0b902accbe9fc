import { sql } from 'kysely';
import type { Queryable, Tx } from '../db/connection.ts';
import { canonicalTimeSql, type AuditEntry, type AuditQuery, type ChainFields, type ChainHead, type JsonObject } from './audit.ts';

// SQL for the audit trail: appending under the chain's lock, reading the chain in order, and the officer's queries.

type EntryRow = {
  id: number; at: Date; actor: string; actor_name: string; door: AuditEntry['door']; action: string; person_id: number | null;
  subject: string | null; reason: string | null; details: JsonObject; prev_hash: string | null; hash: string;
};

function toEntry(row: EntryRow): AuditEntry {
  return {
    id: Number(row.id), at: row.at, actor: row.actor, actorName: row.actor_name, door: row.door, action: row.action,
    personId: row.person_id === null ? null : Number(row.person_id), subject: row.subject, reason: row.reason, details: row.details,
    prevHash: row.prev_hash, hash: row.hash,
  };
}

/**
 * Takes the chain's lock until the transaction ends, so appenders take turns and each sees the last one's entry.
 * That holds only under READ COMMITTED, where each statement sees what was committed before it began: a
 * REPEATABLE READ snapshot may predate the lock, and its entry would fork the chain.
 */
export async function lockChain(tx: Tx): Promise<void> {
  const result = await sql<{ isolation: string }>`
    select pg_advisory_xact_lock(hashtext('onestop.audit')) as locked, current_setting('transaction_isolation') as isolation`.execute(tx);
  const isolation = result.rows[0]?.isolation;
  if (isolation !== 'read committed') {
    throw new Error(`Audit entries are written under READ COMMITTED isolation only (this transaction is ${isolation ?? 'unknown'}), or the chain could fork.`);
  }
}

export async function chainHead(db: Queryable): Promise<ChainHead | undefined> {
  const row = await db.selectFrom('audit_event').select(['id', 'hash', 'at']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? { id: Number(row.id), hash: row.hash, at: row.at } : undefined;
}

export async function insertEntries(tx: Tx, entries: readonly AuditEntry[]): Promise<void> {
  // 12 parameters a row: 1,000 rows stay far below PostgreSQL's 65,535.
  for (let start = 0; start < entries.length; start += 1000) {
    await tx.insertInto('audit_event').values(entries.slice(start, start + 1000).map((entry) => ({
      id: entry.id, at: entry.at, actor: entry.actor, actor_name: entry.actorName, door: entry.door, action: entry.action,
      person_id: entry.personId, subject: entry.subject, reason: entry.reason, details: JSON.stringify(entry.details),
      prev_hash: entry.prevHash, hash: entry.hash,
    }))).execute();
  }
}

/** One page of the chain after an id, in id order, with the time in the canonical form the hash covers. */
export async function chainPage(db: Queryable, afterId: number, size: number): Promise<Array<ChainFields & { hash: string }>> {
  const rows = await sql<Omit<EntryRow, 'at'> & { at: string }>`
    select id, ${sql.raw(canonicalTimeSql)} as at, actor, actor_name, door, action, person_id, subject, reason, details, prev_hash, hash
    from audit_event where id > ${afterId} order by id limit ${size}`.execute(db);
  return rows.rows.map((row) => ({
    id: Number(row.id), at: row.at, actor: row.actor, actorName: row.actor_name, door: row.door, action: row.action,
    personId: row.person_id === null ? null : Number(row.person_id), subject: row.subject, reason: row.reason, details: row.details,
    prevHash: row.prev_hash, hash: row.hash,
  }));
}

type Filter = { column: 'person_id' | 'actor'; value: number | string } | undefined;

/** Newest first: ids follow the order entries were appended in, so id order is time order. */
export async function findEntries(db: Queryable, filter: Filter, query: Required<Pick<AuditQuery, 'limit' | 'offset'>> & AuditQuery): Promise<AuditEntry[]> {
  let select = db.selectFrom('audit_event').selectAll();
  if (filter?.column === 'person_id') select = select.where('person_id', '=', Number(filter.value));
  if (filter?.column === 'actor') select = select.where('actor', '=', String(filter.value));
  if (query.from) select = select.where('at', '>=', query.from);
  if (query.to) select = select.where('at', '<', query.to);
  const rows = await select.orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute();
  return rows.map((row) => toEntry({ ...row, details: row.details as JsonObject, door: row.door }));
}

export async function lastId(db: Queryable): Promise<number> {
  const row = await db.selectFrom('audit_event').select((eb) => eb.fn.max('id').as('last')).executeTakeFirst();
  return Number(row?.last ?? 0);
}
