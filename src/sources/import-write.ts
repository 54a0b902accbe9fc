import { sql } from 'kysely';
import { applyScope } from '../access/scope.ts';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import type { IncomingRecord, LinkingService } from '../people/linking.service.ts';
import type { PlaceService } from '../places/place.service.ts';
import type { PreparedRow } from './import-batch.ts';
import * as records from './record.repository.ts';
import type { Reject } from './rejects.ts';
import * as repository from './source.repository.ts';
import { zeroCounts, type ImportCounts, type SourceSystem } from './source.ts';

// Writing one batch of an import in one transaction: records, their earlier versions, links to persons, golden
// records and the run's counts, all or nothing.

export type BatchWriter = ReturnType<typeof createBatchWriter>;

export function createBatchWriter({ db, linking, places, clock }: {
  db: Db; linking: LinkingService; places: PlaceService; clock: Clock;
}) {
  async function writeBatch(tx: Tx, systems: ReadonlyMap<number, SourceSystem>, runId: number, rows: readonly PreparedRow[], rejected: number, bytesRead: number) {
    // An import can always be run again, so a batch need not wait for its commit to reach the disk: a crash loses
    // at most the last moments' batches, which the rerun writes again. This keeps the WAL flush off the critical path.
    await sql`set local synchronous_commit = off`.execute(tx);
    await applyScope(tx, { kind: 'all' });
    const now = clock.now();
    const counts: ImportCounts = { ...zeroCounts, read: rows.length + rejected, rejected };
    const duplicates: Reject[] = [];
    const duplicate = (row: PreparedRow) => duplicates.push({ line: row.line, text: row.text, reason: `source_id ${row.write.sourceId} appears more than once in this file` });
    const placed = await places.placeAddresses(tx, rows.map((row) => ({ ...row.write.fields, row })));
    const fresh: Array<{ row: PreparedRow; uprnSource: 'source' | 'address' | null }> = [];
    const changed: Array<{ row: PreparedRow; id: number; uprnSource: 'source' | 'address' | null; personId: number | null }> = [];
    const unchanged: number[] = [];
    for (const [systemId, items] of groupBy(placed, (item) => item.row.write.sourceSystemId)) {
      // Locking the rows waits for a batch still writing them; seeing this run's id on one means the file repeats it.
      const existing = await records.lockExisting(tx, systemId, items.map((item) => item.row.write.sourceId));
      for (const item of items) {
        item.row.write.fields.uprn = item.uprn;
        const found = existing.get(item.row.write.sourceId);
        if (!found) fresh.push({ row: item.row, uprnSource: item.uprnSource });
        else if (found.lastImportId === runId) duplicate(item.row);
        else if (found.rowHash !== item.row.write.rowHash || found.ended) changed.push({ row: item.row, id: found.id, uprnSource: item.uprnSource, personId: found.personId });
        else unchanged.push(found.id);
      }
    }
    const ids = await records.insertRecords(tx, fresh.map((item) => ({ ...item.row.write, uprnSource: item.uprnSource })), runId, now);
    const inserted = fresh.filter((item) => ids.has(`${item.row.write.sourceSystemId}:${item.row.write.sourceId}`));
    for (const item of fresh) if (!ids.has(`${item.row.write.sourceSystemId}:${item.row.write.sourceId}`)) duplicate(item.row);
    await records.keepVersions(tx, changed.map((item) => item.id), runId, now);
    await records.updateRecords(tx, changed.map((item) => ({ ...item.row.write, uprnSource: item.uprnSource, id: item.id })), runId, now);
    await records.markSeen(tx, unchanged, runId, now);
    // One linker at a time across processes, so two imports cannot each create the same new person.
    await sql`select pg_advisory_xact_lock(hashtext('onestop.link'))`.execute(tx);
    const incoming = [
      ...inserted.map((item) => ({ row: item.row, id: ids.get(`${item.row.write.sourceSystemId}:${item.row.write.sourceId}`) ?? 0 })),
      ...changed.filter((item) => item.personId === null).map((item) => ({ row: item.row, id: item.id })),
    ].map(({ row, id }) => toIncoming(row, id, now, systems.get(row.write.sourceSystemId)));
    const outcome = await linking.linkRecords(tx, incoming, `import:${runId}`);
    await linking.refreshPersons(tx, [...new Set(changed.flatMap((item) => (item.personId === null ? [] : [item.personId])))]);
    counts.new = inserted.length;
    counts.changed = changed.length;
    counts.unchanged = unchanged.length;
    counts.rejected += duplicates.length;
    counts.personsCreated = outcome.personsCreated;
    await repository.addRunProgress(tx, runId, counts, bytesRead, now);
    return { counts, duplicates };
  }

  /** A full extract's last step: what it no longer lists has ended there. */
  async function endMissingRecords(runId: number, systemIds: readonly number[]): Promise<number> {
    let ended = 0;
    for (const systemId of systemIds) {
      ended += await withTransaction(db, async (tx) => {
        await applyScope(tx, { kind: 'all' });
        const result = await records.endMissing(tx, systemId, runId, clock.now());
        await linking.refreshPersons(tx, result.personIds);
        await repository.addRunProgress(tx, runId, { ...zeroCounts, ended: result.ended }, 0, clock.now());
        return result.ended;
      });
    }
    return ended;
  }

  return { writeBatch, endMissingRecords };
}

function toIncoming(row: PreparedRow, id: number, now: Date, system: SourceSystem | undefined): IncomingRecord {
  const fields = row.write.fields;
  return {
    sourceRecordId: id,
    sourceSystemId: row.write.sourceSystemId,
    fields,
    nameKey: row.write.nameKey,
    linked: { sourceRecordId: id, systemCode: system?.code ?? '', trust: system?.trust ?? 0, changedAt: now, lastSeenAt: now, ended: false, fields },
    address: fields.uprn ? { uprn: fields.uprn, addressFrom: fields.addressFrom, addressTo: fields.addressTo, firstSeenAt: now, endedAt: null } : null,
    restricted: system?.restricted ?? false,
  };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

