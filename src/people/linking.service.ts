import type { Clock } from '../clock.ts';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { applyScope, asCouncil } from '../access/scope.ts';
import type { LinkableRecord, Linker, ReviewSuggestion } from '../matching/linker.ts';
import { searchName } from '../matching/keys.ts';
import type { AddressEvidence } from '../places/occupancy.ts';
import type { PlaceService } from '../places/place.service.ts';
import * as repository from './person-write.repository.ts';
import { referenceFor } from './reference.ts';
import { surviveFields, type LinkedRecord } from './survivorship.ts';

export type LinkingService = ReturnType<typeof createLinkingService>;

/** A record on its way to a person, with what survivorship and occupancy need to know of it. */
export type IncomingRecord = LinkableRecord & { linked: LinkedRecord; address: AddressEvidence | null; restricted: boolean };

export type LinkOutcome = { personsCreated: number; personIds: number[] };

// Ties source records to persons through the Linker, then keeps golden records and occupancy in step.
/** Where suggestions for clerical review go (the matching domain's review queue). */
export type ReviewSink = { record(tx: Tx, suggestions: ReadonlyArray<ReviewSuggestion & { recordId: number }>): Promise<void> };

export function createLinkingService({ linker, places, clock, reviews }: { linker: Linker; places: PlaceService; clock: Clock; reviews?: ReviewSink }) {
  async function linkRecords(tx: Tx, records: readonly IncomingRecord[], linkedBy: string): Promise<LinkOutcome> {
    if (records.length === 0) return { personsCreated: 0, personIds: [] };
    const decisions = await linker.decide(tx, records);
    const groups = new Map<number, IncomingRecord[]>();
    const byId = new Map(records.map((record) => [record.sourceRecordId, record]));
    for (const decision of decisions) {
      if (decision.kind !== 'new') continue;
      const record = byId.get(decision.sourceRecordId);
      if (!record) continue;
      const members = groups.get(decision.group);
      if (members) members.push(record);
      else groups.set(decision.group, [record]);
    }
    const ids = await repository.allocatePersonIds(tx, groups.size);
    const groupPerson = new Map([...groups.keys()].map((group, index) => [group, ids[index] ?? 0]));
    await createPersons(tx, [...groups.entries()].map(([group, members]) => ({ personId: groupPerson.get(group) ?? 0, members })));
    const now = clock.now();
    await repository.insertLinks(tx, decisions.map((decision) => ({
      sourceRecordId: decision.sourceRecordId,
      personId: decision.kind === 'existing' ? decision.personId : (groupPerson.get(decision.group) ?? 0),
      method: decision.method,
      score: decision.score,
      evidence: decision.evidence,
      linkedBy,
    })), now);
    const existing = [...new Set(decisions.flatMap((decision) => (decision.kind === 'existing' ? [decision.personId] : [])))];
    await refreshPersons(tx, existing);
    const suggestions = decisions.flatMap((decision) => (decision.kind === 'new' && decision.review ? [{ ...decision.review, recordId: decision.sourceRecordId }] : []));
    if (suggestions.length > 0) await reviews?.record(tx, suggestions);
    return { personsCreated: groups.size, personIds: [...existing, ...ids] };
  }

  /** New persons' golden records come straight from the records in hand, with no read back. */
  async function createPersons(tx: Tx, people: ReadonlyArray<{ personId: number; members: readonly IncomingRecord[] }>): Promise<void> {
    const rows = people.map(({ personId, members }) => {
      const golden = surviveFields(members.filter((member) => !member.restricted).map((member) => member.linked));
      return { id: personId, reference: referenceFor(personId), fields: golden.fields, provenance: golden.provenance, searchName: searchName(golden.fields.givenName, golden.fields.familyName) };
    });
    await repository.insertPersons(tx, rows);
    await places.recordOccupancy(tx, people.map(({ personId, members }, index) => ({
      personId,
      currentUprn: rows[index]?.fields.uprn ?? null,
      evidence: members.flatMap((member) => (member.address && !member.restricted ? [member.address] : [])),
    })), { isNew: true });
  }

  /** Recomputes golden records and occupancy from every record now linked to these persons. */
  async function refreshPersons(tx: Tx, personIds: readonly number[]): Promise<void> {
    if (personIds.length === 0) return;
    // A golden record is the same whoever caused it to be recomputed: it reads every record, then leaves out the
    // restricted systems' ones (see refreshFrom).
    await asCouncil(tx, () => refreshFrom(tx, personIds));
  }

  async function refreshFrom(tx: Tx, personIds: readonly number[]): Promise<void> {
    // Restricted systems' records never reach a golden record or occupancy: only their team may see what they say.
    const linked = (await repository.loadLinkedRecords(tx, personIds)).filter((record) => !record.restricted);
    const byPerson = new Map<number, repository.LinkedRecordWithPerson[]>(personIds.map((id) => [id, []]));
    for (const record of linked) byPerson.get(record.personId)?.push(record);
    const earlier = new Map<number, AddressEvidence[]>();
    for (const item of await repository.loadEarlierAddresses(tx, personIds)) {
      const list = earlier.get(item.personId);
      if (list) list.push(item.address);
      else earlier.set(item.personId, [item.address]);
    }
    const golden = [...byPerson.entries()].map(([id, records]) => {
      const survived = surviveFields(records);
      return { id, fields: survived.fields, provenance: survived.provenance, searchName: searchName(survived.fields.givenName, survived.fields.familyName), records };
    });
    await repository.updateGoldenRecords(tx, golden, clock.now());
    await places.recordOccupancy(tx, golden.map((person) => ({
      personId: person.id,
      currentUprn: person.fields.uprn,
      evidence: [...person.records.flatMap((record) => (record.address ? [record.address] : [])), ...(earlier.get(person.id) ?? [])],
    })));
  }

  /** Links every record that has no person yet, a batch at a time. */
  async function linkUnlinked(db: Db, linkedBy: string): Promise<{ linked: number; personsCreated: number }> {
    let linked = 0;
    let personsCreated = 0;
    for (;;) {
      const outcome = await withTransaction(db, async (tx) => {
        await applyScope(tx, { kind: 'all' });
        await sql`select pg_advisory_xact_lock(hashtext('onestop.link'))`.execute(tx);
        const unlinked = await repository.loadUnlinkedRecords(tx, 5_000);
        const result = await linkRecords(tx, unlinked.map((item) => ({ sourceRecordId: item.record.sourceRecordId, sourceSystemId: item.sourceSystemId, fields: item.record.fields, nameKey: item.nameKey, linked: item.record, address: item.address, restricted: item.restricted })), linkedBy);
        return { count: unlinked.length, personsCreated: result.personsCreated };
      });
      linked += outcome.count;
      personsCreated += outcome.personsCreated;
      if (outcome.count < 5_000) return { linked, personsCreated };
    }
  }

  return { linkRecords, refreshPersons, linkUnlinked };
}
