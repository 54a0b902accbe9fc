import { authorize, can, maskIdentifier, seesIdentifiers } from '../access/policy.ts';
import { applyScope } from '../access/scope.ts';
import { actorLabel, type AnyActor } from '../access/staff.ts';
import { auditActorOf } from '../audit/audit.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { Conflict, NotFound, ValidationFailed } from '../errors.ts';
import { searchName } from '../matching/keys.ts';
import { findPerson } from '../people/person.repository.ts';
import * as erasure from './erasure.repository.ts';
import { correctableFields, erasureReason, fullNameOf, holdReason, readCorrection, rectificationSchema, type ErasureOutcome, type LegalHold, type RectificationInput, type Rectification } from './privacy.ts';
import * as repository from './privacy.repository.ts';

export type RightsService = ReturnType<typeof createRightsService>;

/** The first problem zod found, as a domain validation error the doors show beside the field. */
function invalid(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): ValidationFailed {
  const fieldErrors = Object.fromEntries(issues.map((issue) => [String(issue.path[0] ?? 'form'), issue.message]));
  return new ValidationFailed(issues[0]?.message ?? 'Check the form.', fieldErrors);
}

// Rectification (Article 16), legal holds, and erasure (Article 17), each in one transaction with its audit entry.
export function createRightsService({ db, audit, clock }: { db: Db; audit: Pick<AuditService, 'record'>; clock: Clock }) {
  /** Runs work seeing every record, on the resident locked against other changes. */
  async function onPerson<T>(idOrReference: string | number, work: (tx: Tx, person: repository.PersonRow) => Promise<T>): Promise<T> {
    return withTransaction(db, async (tx) => {
      await applyScope(tx, { kind: 'all' });
      const id = await repository.resolvePersonId(tx, idOrReference);
      const person = id === undefined ? undefined : await repository.findPersonRow(tx, id, true);
      if (!person) throw new NotFound(`There is no resident with reference ${idOrReference}.`);
      return work(tx, person);
    });
  }

  function assertNotErased(person: repository.PersonRow): void {
    if (person.erasedAt) throw new Conflict(`Resident ${person.reference} has been erased: nothing about them is kept to change.`);
  }

  /** Corrects a golden-record field: the earlier value is kept in the history, and the correction stands over the sources. */
  async function rectify(actor: AnyActor, idOrReference: string | number, input: RectificationInput): Promise<Rectification> {
    authorize(actor, 'privacy.rectify');
    const parsed = rectificationSchema.safeParse(input);
    if (!parsed.success) throw invalid(parsed.error.issues);
    const { field, reason } = parsed.data;
    const read = readCorrection(field, parsed.data.value);
    if (!read.ok) throw new ValidationFailed(`The corrected value cannot be used: ${read.reason}.`, { value: `The corrected value cannot be used: ${read.reason}` });
    return onPerson(idOrReference, async (tx, row) => {
      assertNotErased(row);
      const person = await findPerson(tx, row.id);
      if (!person) throw new NotFound(`There is no resident with reference ${idOrReference}.`);
      const earlier = person.fields[field];
      if (earlier === read.value) throw new ValidationFailed('The record already holds that value.', { value: 'The record already holds that value' });
      const isName = field === 'givenName' || field === 'middleName' || field === 'familyName' || field === 'title';
      const fields = { ...person.fields, [field]: read.value };
      const now = clock.now();
      await repository.applyCorrection(tx, row.id, correctableFields[field], field, read.value, isName ? { fullName: fullNameOf(fields), searchName: searchName(fields.givenName, fields.familyName) } : {}, now);
      const rectification = { field, earlierValue: earlier, correctedValue: read.value, reason, rectifiedBy: actorLabel(actor), rectifiedByName: auditActorOf(actor).actorName, rectifiedAt: now };
      await repository.insertRectification(tx, { ...rectification, personId: row.id });
      // The trail keeps which field, never the values: they are in the rectification history, blanked on erasure.
      await audit.record(tx, { ...auditActorOf(actor), action: 'privacy.rectify', personId: row.id, subject: `person:${row.id}`, reason, details: { field } });
      return { id: 0, ...rectification };
    });
  }

  /** The corrections made to a resident's record, newest first; identifiers masked for roles that do not see them. */
  async function rectificationsOf(actor: AnyActor, personId: number): Promise<Rectification[]> {
    authorize(actor, 'person.view');
    const list = await repository.rectificationsOf(db, personId);
    if (seesIdentifiers(actor)) return list;
    return list.map((item) => (item.field === 'niNumber' ? { ...item, earlierValue: maskIdentifier(item.earlierValue), correctedValue: maskIdentifier(item.correctedValue) } : item));
  }

  async function placeHold(actor: AnyActor, idOrReference: string | number, reason: string): Promise<LegalHold> {
    authorize(actor, 'privacy.manage');
    const parsed = holdReason.safeParse(reason);
    if (!parsed.success) throw new ValidationFailed(parsed.error.issues[0]?.message ?? 'Give a reason.', { reason: parsed.error.issues[0]?.message ?? '' });
    const id = await onPerson(idOrReference, async (tx, person) => {
      assertNotErased(person);
      const holdId = await repository.insertHold(tx, { personId: person.id, reason: parsed.data, placedBy: actorLabel(actor), placedByName: auditActorOf(actor).actorName, placedAt: clock.now() });
      await audit.record(tx, { ...auditActorOf(actor), action: 'privacy.legal_hold', personId: person.id, subject: `legal_hold:${holdId}`, reason: parsed.data });
      return holdId;
    });
    const [hold] = await repository.findHolds(db, { id });
    if (!hold) throw new NotFound(`There is no legal hold ${id}.`);
    return hold;
  }

  async function releaseHold(actor: AnyActor, holdId: number): Promise<void> {
    authorize(actor, 'privacy.manage');
    await withTransaction(db, async (tx) => {
      const [hold] = await repository.findHolds(tx, { id: holdId });
      if (!hold) throw new NotFound(`There is no legal hold ${holdId}.`);
      if (!(await repository.releaseHold(tx, holdId, { label: actorLabel(actor), name: auditActorOf(actor).actorName }, clock.now()))) throw new Conflict(`Legal hold ${holdId} was already released.`);
      await audit.record(tx, { ...auditActorOf(actor), action: 'privacy.legal_hold_release', personId: hold.personId, subject: `legal_hold:${holdId}` });
    });
  }

  async function holds(actor: AnyActor, filter: { personId?: number; activeOnly?: boolean } = {}): Promise<LegalHold[]> {
    if (!can(actor, 'privacy.erase')) authorize(actor, 'privacy.manage');
    return repository.findHolds(db, filter);
  }

  /**
   * Erases a resident (Article 17): their golden record, every record linked to them and its earlier versions are
   * blanked, the names search looks through removed, and the rows kept so counts and ids hold. Refused under a legal
   * hold. One transaction; the audit entry keeps ids and counts only.
   */
  async function erase(actor: AnyActor, idOrReference: string | number, reason: string): Promise<ErasureOutcome> {
    authorize(actor, 'privacy.erase');
    const parsed = erasureReason.safeParse(reason);
    if (!parsed.success) throw new ValidationFailed(parsed.error.issues[0]?.message ?? 'Give a reason.', { reason: parsed.error.issues[0]?.message ?? '' });
    return onPerson(idOrReference, async (tx, person) => {
      if (person.status === 'merged' && person.redirectTo !== null) {
        const target = await repository.findPersonRow(tx, person.redirectTo);
        throw new Conflict(`Resident ${person.reference} was merged into ${target?.reference ?? 'another resident'}: erase that resident instead.`);
      }
      assertNotErased(person);
      const personIds = await erasure.mergedInto(tx, person.id);
      if (await erasure.hasActiveHold(tx, personIds)) {
        throw new Conflict(`Resident ${person.reference} is under a legal hold, so nothing about them can be erased. Release the hold first if the reason for it has passed.`);
      }
      const now = clock.now();
      const recordIds = await erasure.currentRecordIdsOf(tx, personIds);
      const scrubbed = await erasure.scrubRecords(tx, recordIds, now);
      const personsBlanked = await erasure.blankPersons(tx, personIds, now);
      const contacts = await erasure.scrubContactsAndCases(tx, personIds);
      const outcome = { personId: person.id, reference: person.reference, sourceRecords: scrubbed.records, versions: scrubbed.versions, personsBlanked, ...contacts };
      await audit.record(tx, {
        ...auditActorOf(actor), action: 'privacy.erase', personId: person.id, subject: `person:${person.id}`, reason: parsed.data,
        details: { sourceRecordIds: recordIds.slice(0, 500), sourceRecords: scrubbed.records, versions: scrubbed.versions, personIds, ...contacts },
      });
      return outcome;
    });
  }

  return { rectify, rectificationsOf, placeHold, releaseHold, holds, erase };
}
