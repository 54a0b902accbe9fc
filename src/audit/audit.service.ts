import type { Clock } from '../clock.ts';
import type { Db, Queryable } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { auditEntrySchema, canonicalTime, checkNextEntry, hashEntry, type AuditEntry, type AuditEntryInput, type AuditQuery, type ChainHead, type ChainLink, type ChainProblem } from './audit.ts';
import * as repository from './audit.repository.ts';

export type AuditService = ReturnType<typeof createAuditService>;

export type VerifyProgress = { checked: number; total: number };
export type VerifyOptions = {
  /** A latest hash recorded earlier outside the database: it must still be in the chain. */
  expectHash?: string;
  pageSize?: number;
};
export type VerifyOutcome =
  | { intact: true; checked: number; latest: ChainHead | undefined }
  | { intact: false; checked: number; latest: ChainHead | undefined; problem: ChainProblem };

// The audit trail. A hash chain makes any edit, insertion or deletion inside the database detectable by walking the
// chain; it cannot, on its own, show that someone with write access rebuilt the whole chain from some point on with
// fresh hashes. Anchoring the latest hash outside the database (printing `onestop audit verify` daily to a log the
// database's administrators cannot rewrite, say) is what makes wholesale rewriting detectable: an anchored hash that
// is no longer in the chain means it was rewritten or cut short. No key signs the entries: the issue asks for a chain.
export function createAuditService({ db, clock }: { db: Db; clock: Clock }) {
  /**
   * Appends entries in the caller's transaction (or in one of their own when given `db`), so they are kept exactly
   * when the change they describe is. The chain's lock is held until that transaction ends, so write the entry as
   * the last step of a change: every other writer of the trail waits meanwhile.
   */
  async function recordMany(tx: Queryable, inputs: readonly AuditEntryInput[]): Promise<AuditEntry[]> {
    if (inputs.length === 0) return [];
    const parsed = inputs.map((input) => auditEntrySchema.parse(input));
    return withTransaction(tx, async (transaction) => {
      await repository.lockChain(transaction);
      let previous = await repository.chainHead(transaction);
      // Read the time under the lock, so entries' times rise with their ids.
      const at = clock.now();
      const entries: AuditEntry[] = [];
      for (const input of parsed) {
        const fields = { ...input, id: (previous?.id ?? 0) + 1, details: JSON.parse(JSON.stringify(input.details)) as AuditEntry['details'], prevHash: previous?.hash ?? null };
        const hash = hashEntry({ ...fields, at: canonicalTime(at) });
        entries.push({ ...fields, at, hash });
        previous = { id: fields.id, hash, at };
      }
      await repository.insertEntries(transaction, entries);
      return entries;
    });
  }

  async function record(tx: Queryable, input: AuditEntryInput): Promise<AuditEntry> {
    const [entry] = await recordMany(tx, [input]);
    if (!entry) throw new Error('The audit entry was not written.');
    return entry;
  }

  /** Walks the whole chain in id order, a page at a time, and stops at the first problem. */
  async function verify(onProgress?: (progress: VerifyProgress) => void, options: VerifyOptions = {}): Promise<VerifyOutcome> {
    const pageSize = options.pageSize ?? 5000;
    const total = await repository.lastId(db);
    let previous: (ChainLink & { at: string }) | undefined;
    let beforePrevious: ChainLink | undefined;
    let checked = 0;
    let anchorFound = options.expectHash === undefined;
    const latest = () => (previous ? { id: previous.id, hash: previous.hash, at: new Date(previous.at.replace(/(\.\d{3})\d*Z$/, '$1Z')) } : undefined);
    for (;;) {
      const page = await repository.chainPage(db, previous?.id ?? 0, pageSize);
      for (const row of page) {
        const problem = checkNextEntry(row, previous, beforePrevious);
        if (problem) return { intact: false, checked, latest: latest(), problem };
        if (row.hash === options.expectHash) anchorFound = true;
        beforePrevious = previous;
        previous = { id: row.id, hash: row.hash, at: row.at };
        checked++;
      }
      onProgress?.({ checked, total: Math.max(total, checked) });
      if (page.length < pageSize) break;
    }
    if (!anchorFound) {
      const next = (previous?.id ?? 0) + 1;
      return { intact: false, checked, latest: latest(), problem: {
        kind: 'truncated', entryId: next,
        message: `Entry ${next} onwards is missing: the hash recorded earlier (${options.expectHash?.slice(0, 12) ?? ''}…) is in no entry, so entries have been deleted from the end of the audit trail, or it has been rewritten.`,
      } };
    }
    return { intact: true, checked, latest: latest() };
  }

  const page = (query: AuditQuery) => ({ ...query, limit: Math.min(Math.max(query.limit ?? 50, 1), 1000), offset: Math.max(query.offset ?? 0, 0) });

  return {
    record,
    recordMany,
    verify,
    latestHash: (): Promise<ChainHead | undefined> => repository.chainHead(db),
    /** Who has looked at or changed this resident's record, newest first. */
    forPerson: (personId: number, query: AuditQuery = {}) => repository.findEntries(db, { column: 'person_id', value: personId }, page(query)),
    /** What this member of staff (or process) has opened or changed, newest first. */
    byActor: (actor: string, query: AuditQuery = {}) => repository.findEntries(db, { column: 'actor', value: actor }, page(query)),
    recent: (query: AuditQuery = {}) => repository.findEntries(db, undefined, page(query)),
  };
}
