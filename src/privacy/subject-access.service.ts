import { authorize } from '../access/policy.ts';
import { applyScope } from '../access/scope.ts';
import type { AnyActor } from '../access/staff.ts';
import { actionLabel, auditActorOf } from '../audit/audit.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { NotFound } from '../errors.ts';
import { findPerson } from '../people/person.repository.ts';
import type { PlaceService } from '../places/place.service.ts';
import { currentPreferences } from './privacy.ts';
import * as privacy from './privacy.repository.ts';
import * as repository from './subject-access.repository.ts';
import { bundleFormat, namesToRedact, redactDeep, redactRecord, redactValue, type BundleAccess, type SubjectAccessBundle } from './subject-access.ts';

export type SubjectAccessService = ReturnType<typeof createSubjectAccessService>;

export function createSubjectAccessService({ db, audit, clock, places }: { db: Db; audit: Pick<AuditService, 'record' | 'forPerson'>; clock: Clock; places: PlaceService }) {
  /**
   * The whole bundle for one resident. The data protection officer acts for the council, so the bundle reads every
   * record, restricted services' too, and says which restricted service each came from. Producing it is audited
   * in the same transaction that reads it.
   */
  async function exportBundle(actor: AnyActor, idOrReference: string | number, format: 'json' | 'html' | 'page'): Promise<SubjectAccessBundle> {
    authorize(actor, 'privacy.subject_access');
    const bundle = await withTransaction(db, async (tx) => {
      await applyScope(tx, { kind: 'all' });
      const id = await privacy.resolvePersonId(tx, idOrReference);
      const row = id === undefined ? undefined : await privacy.findPersonRow(tx, id);
      const person = row && await findPerson(tx, row.id);
      if (!row || !person) throw new NotFound(`There is no resident with reference ${idOrReference}.`);
      const bundle = await assemble(tx, row, person, actor);
      await audit.record(tx, {
        ...auditActorOf(actor), action: 'subject_access.export', personId: row.id, subject: `person:${row.id}`,
        details: { format, sourceRecords: bundle.sourceRecords.length, versions: bundle.sourceRecords.reduce((sum, record) => sum + record.versions.length, 0) },
      });
      return { ...bundle, personId: row.id };
    });
    // Read once the export is committed (and on the database, not inside the transaction: the embedded database has
    // one connection), so the log ends with this export.
    const { personId, ...rest } = bundle;
    return { ...rest, accessLog: await accessLogOf(personId) };
  }

  async function assemble(tx: Tx, row: privacy.PersonRow, person: NonNullable<Awaited<ReturnType<typeof findPerson>>>, actor: AnyActor): Promise<SubjectAccessBundle> {
    const records = await repository.sourceRecordsOf(tx, row.id);
    const versions = await repository.versionsOf(tx, records.map((record) => record.sourceRecordId));
    const household = await repository.householdNamesOf(tx, row.id);
    const own = [person.fields.fullName, ...records.map((record) => record.fields.fullName)].filter((name): name is string => name !== null);
    const names = namesToRedact(household, own);
    const counter = { count: 0 };
    const sourceRecords = records.map((record) => ({
      ...record,
      raw: redactRecord(record.raw, names, counter),
      fields: redactRecord(record.fields, names, counter),
      versions: (versions.get(record.sourceRecordId) ?? []).map((version) => ({ ...version, raw: redactRecord(version.raw, names, counter), standardised: redactRecord(version.standardised, names, counter) })),
    }));
    const byId = new Map(records.map((record) => [record.sourceRecordId, record]));
    const provenance: SubjectAccessBundle['resident']['provenance'] = {};
    for (const [field, recordId] of Object.entries(person.provenance)) {
      const record = byId.get(recordId);
      if (record) provenance[field as keyof typeof provenance] = { system: record.system.name, sourceId: record.sourceId };
    }
    const linkHistory = await repository.linkHistoryOf(tx, row.id);
    const preferences = await privacy.preferencesOf(tx, row.id);
    return {
      format: bundleFormat, generatedAt: clock.now(), generatedBy: auditActorOf(actor).actorName,
      resident: {
        reference: row.reference, status: row.status, createdAt: row.createdAt, updatedAt: row.updatedAt, erasedAt: row.erasedAt,
        fields: person.fields, provenance, corrections: row.corrections,
      },
      sourceRecords,
      linkHistory,
      identityChanges: await repository.identityChangesOf(tx, row.id),
      addresses: (await places.addressHistory(tx, row.id)).map(({ evidenceCount: _evidence, ...address }) => address),
      rectifications: await privacy.rectificationsOf(tx, row.id),
      contactPreferences: { current: currentPreferences(preferences), history: preferences },
      // What staff wrote about the resident can name other people: redacted as the source records are.
      contacts: (await repository.contactsOf(tx, row.id)).map((contact) => ({ ...contact, summary: redactValue(contact.summary, names, counter) })),
      cases: (await repository.casesOf(tx, row.id)).map((item) => ({
        ...item,
        answers: redactDeep(item.answers, names, counter),
        history: item.history.map((event) => ({ ...event, details: redactDeep(event.details, names, counter) })),
      })),
      appointments: (await repository.appointmentsOf(tx, row.id)).map((appointment) => ({ ...appointment, notes: redactValue(appointment.notes, names, counter) })),
      visits: await repository.visitsOf(tx, row.id),
      accessLog: [],
      redaction: { householdMembersLeftOut: household.length, namesRedacted: counter.count, recordsMovedToOthers: linkHistory.filter((link) => link.sourceId === null).length },
    };
  }

  /** Every audit entry about the resident, oldest first: who looked at or changed their record, when and why. */
  async function accessLogOf(personId: number): Promise<BundleAccess[]> {
    const entries: BundleAccess[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await audit.forPerson(personId, { limit: 1000, offset });
      entries.push(...page.map((entry) => ({ at: entry.at, who: entry.actorName, door: entry.door, action: entry.action, description: actionLabel(entry.action), reason: entry.reason })));
      if (page.length < 1000) break;
    }
    return entries.reverse();
  }

  return { exportBundle };
}
