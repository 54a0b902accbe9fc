import { authorize } from '../access/policy.ts';
import { auditActorOf, type AuditRecorder } from '../audit/audit.ts';
import { actorLabel, type AnyActor } from '../access/staff.ts';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { Conflict, NotFound } from '../errors.ts';
import { stateAfterMoves, type ChangeKind, type PersonChange, type PersonState, type PersonStateChange, type RecordMove, type Target } from './change.ts';
import * as repository from './change.repository.ts';
import * as writes from './person-write.repository.ts';
import type { LinkingService } from './linking.service.ts';
import { referenceFor } from './reference.ts';
import { emptyFields } from './survivorship.ts';

export type ChangeService = ReturnType<typeof createChangeService>;

/** How a moved record's new link was made: by staff, or by the linker with its score and evidence. */
export type LinkAttributes = { method: string; score: number | null; evidence: Record<string, unknown> };

export type MoveRequest = {
  kind: ChangeKind;
  actor: string;
  reason?: string | null;
  targets: ReadonlyMap<number, Target>;
  attributes?: (sourceRecordId: number) => LinkAttributes;
};

// Every change to who is who goes through here, so that each can be shown on the persons' history and undone.
export function createChangeService({ db, linking, clock, audit }: { db: Db; linking: LinkingService; clock: Clock; audit: AuditRecorder }) {
  /** Moves records to their targets in one change; records already there stay put. Returns undefined if none moved. */
  async function applyMoves(tx: Tx, request: MoveRequest): Promise<PersonChange | undefined> {
    const now = clock.now();
    const current = await repository.lockCurrentLinks(tx, [...request.targets.keys()]);
    const labels = new Map<number, number>();
    for (const target of request.targets.values()) if (target.kind === 'new' && !labels.has(target.label)) labels.set(target.label, 0);
    const moving = [...request.targets.entries()].filter(([record, target]) => target.kind === 'new' || current.get(record)?.personId !== target.personId);
    if (moving.length === 0) return undefined;
    const newIds = await writes.allocatePersonIds(tx, labels.size);
    [...labels.keys()].forEach((label, index) => labels.set(label, newIds[index] ?? 0));
    await writes.insertPersons(tx, newIds.map((id) => ({ id, reference: referenceFor(id), fields: emptyFields, provenance: {}, searchName: '' })));
    const changeId = await repository.insertChange(tx, { kind: request.kind, actor: request.actor, reason: request.reason ?? null, undoes: null, at: now });
    const personOf = (target: Target) => (target.kind === 'person' ? target.personId : (labels.get(target.label) ?? 0));
    await repository.closeLinks(tx, moving.flatMap(([record]) => { const link = current.get(record); return link ? [link.id] : []; }), request.actor, now);
    const attributes = request.attributes ?? (() => ({ method: `manual:${request.kind}`, score: null, evidence: {} }));
    const opened = await repository.openLinks(tx, moving.map(([record, target]) => ({
      sourceRecordId: record, personId: personOf(target), linkedBy: request.actor, ...attributes(record),
    })), changeId, now);
    const moves: RecordMove[] = moving.map(([record, target], index) => ({
      sourceRecordId: record, fromPersonId: current.get(record)?.personId ?? null, fromLinkId: current.get(record)?.id ?? null,
      toPersonId: personOf(target), toLinkId: opened[index] ?? 0,
    }));
    const persons = await settlePersons(tx, moves, new Set(newIds), now);
    await repository.completeChange(tx, changeId, moves, persons);
    await linking.refreshPersons(tx, [...new Set(moves.flatMap((move) => (move.fromPersonId === null ? [move.toPersonId] : [move.fromPersonId, move.toPersonId])))]);
    return (await repository.findChange(tx, changeId)) ?? undefined;
  }

  /** Persons that lost every record are merged (redirecting) or emptied; persons that gained one are active. */
  async function settlePersons(tx: Tx, moves: readonly RecordMove[], created: ReadonlySet<number>, now: Date): Promise<PersonStateChange[]> {
    const touched = [...new Set(moves.flatMap((move) => (move.fromPersonId === null ? [move.toPersonId] : [move.fromPersonId, move.toPersonId])))];
    const [before, remaining] = await Promise.all([repository.personStates(tx, touched), repository.countCurrentLinks(tx, touched)]);
    const destinations = new Map<number, Map<number, number>>();
    for (const move of moves) {
      if (move.fromPersonId === null) continue;
      const counts = destinations.get(move.fromPersonId) ?? new Map<number, number>();
      counts.set(move.toPersonId, (counts.get(move.toPersonId) ?? 0) + 1);
      destinations.set(move.fromPersonId, counts);
    }
    const changes: PersonStateChange[] = [];
    const updates = new Map<number, PersonState>();
    for (const personId of touched) {
      const after = stateAfterMoves(personId, remaining.get(personId) ?? 0, destinations.get(personId) ?? new Map());
      const was = created.has(personId) ? null : (before.get(personId) ?? null);
      if (was && was.status === after.status && was.redirectTo === after.redirectTo) continue;
      changes.push({ personId, before: was, after });
      updates.set(personId, after);
    }
    await repository.setPersonStates(tx, updates, now);
    return changes;
  }

  /** Puts every record a change moved back where it was, with the link it had, and the persons as they were. */
  async function undoChange(changeId: number, by: AnyActor, reason: string | null = null): Promise<PersonChange> {
    authorize(by, 'identity.change');
    const actor = actorLabel(by);
    return withTransaction(db, async (tx) => {
      const change = await repository.findChange(tx, changeId);
      if (!change) throw new NotFound(`There is no change ${changeId}.`);
      if (change.undoneBy !== null) throw new Conflict(`Change ${changeId} has already been undone.`);
      const now = clock.now();
      // Each record must still be where the change put it (a later change undone since counts: the place matters,
      // not the link row), and goes back with a copy of the link it had before.
      const current = await repository.lockCurrentLinks(tx, change.moves.map((move) => move.sourceRecordId));
      if (change.moves.some((move) => current.get(move.sourceRecordId)?.personId !== move.toPersonId)) {
        throw new Conflict(`Some records have moved again since change ${changeId}: undo the later change first.`);
      }
      const links = await repository.findLinks(tx, change.moves.flatMap((move) => (move.fromLinkId === null ? [] : [move.fromLinkId])));
      const undoId = await repository.insertChange(tx, { kind: 'undo', actor, reason, undoes: changeId, at: now });
      await repository.closeLinks(tx, change.moves.flatMap((move) => { const link = current.get(move.sourceRecordId); return link ? [link.id] : []; }), actor, now);
      const restoring = change.moves.flatMap((move) => {
        const original = move.fromLinkId === null ? undefined : links.get(move.fromLinkId);
        return original ? [{ move, original }] : [];
      });
      const opened = await repository.openLinks(tx, restoring.map(({ original }) => ({
        sourceRecordId: original.sourceRecordId, personId: original.personId, method: original.method, score: original.score, evidence: original.evidence, linkedBy: original.linkedBy,
      })), undoId, now);
      const moves: RecordMove[] = restoring.map(({ move }, index) => ({
        sourceRecordId: move.sourceRecordId, fromPersonId: move.toPersonId, fromLinkId: current.get(move.sourceRecordId)?.id ?? null,
        toPersonId: move.fromPersonId ?? 0, toLinkId: opened[index] ?? 0,
      }));
      const states = new Map(change.persons.map((person) => [person.personId, person.before ?? { status: 'empty' as const, redirectTo: null }]));
      const persons = change.persons.map((person) => ({ personId: person.personId, before: person.after, after: states.get(person.personId) ?? person.after }));
      await repository.setPersonStates(tx, states, now);
      await repository.deleteDecisionsOf(tx, changeId);
      await repository.completeChange(tx, undoId, moves, persons);
      await repository.markUndone(tx, changeId, undoId);
      const touched = [...new Set(change.moves.flatMap((move) => (move.fromPersonId === null ? [move.toPersonId] : [move.fromPersonId, move.toPersonId])))];
      await linking.refreshPersons(tx, touched);
      await audit.recordMany(tx, touched.map((personId) => ({
        ...auditActorOf(by), action: 'person.undo', personId, subject: `change:${changeId}`, reason, details: { changeId, undoId, records: moves.map((move) => move.sourceRecordId) },
      })));
      return (await repository.findChange(tx, undoId)) ?? change;
    });
  }

  return { applyMoves, undoChange, history: (personId: number, limit = 50) => repository.changesOf(db, personId, limit) };
}
