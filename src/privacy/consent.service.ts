import { authorize } from '../access/policy.ts';
import { actorLabel, type AnyActor } from '../access/staff.ts';
import { auditActorOf } from '../audit/audit.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { Conflict, NotFound, ValidationFailed } from '../errors.ts';
import { currentPreferences, mayContact, preferenceSchema, type Channel, type PreferenceGrid, type PreferenceInput, type Preference, type Purpose } from './privacy.ts';
import * as repository from './privacy.repository.ts';

export type ConsentService = ReturnType<typeof createConsentService>;

// Consent and contact preferences per channel and purpose, kept as history: each statement the resident makes is a
// new row, with who wrote it down, when, and how the resident said it. Campaigns ask `mayContact` before sending.
export function createConsentService({ db, audit, clock }: { db: Db; audit: Pick<AuditService, 'record'>; clock: Clock }) {
  async function preferencesOf(actor: AnyActor, personId: number): Promise<{ current: PreferenceGrid; history: Preference[] }> {
    authorize(actor, 'person.view');
    const history = await repository.preferencesOf(db, personId);
    return { current: currentPreferences(history), history };
  }

  async function recordPreference(actor: AnyActor, personId: number, input: PreferenceInput): Promise<Preference> {
    authorize(actor, 'consent.record');
    const parsed = preferenceSchema.safeParse(input);
    if (!parsed.success) {
      throw new ValidationFailed(parsed.error.issues[0]?.message ?? 'Check the form.', Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? 'form'), issue.message])));
    }
    return withTransaction(db, async (tx) => {
      const person = await repository.findPersonRow(tx, personId, true);
      if (!person) throw new NotFound(`There is no resident ${personId}.`);
      if (person.erasedAt) throw new Conflict(`Resident ${person.reference} has been erased.`);
      const preference = { ...parsed.data, recordedBy: actorLabel(actor), recordedByName: auditActorOf(actor).actorName, recordedAt: clock.now() };
      await repository.insertPreference(tx, personId, preference);
      await audit.record(tx, {
        ...auditActorOf(actor), action: 'consent.record', personId, subject: `person:${personId}`,
        details: { channel: preference.channel, purpose: preference.purpose, granted: preference.granted, source: preference.source },
      });
      return { id: 0, ...preference };
    });
  }

  /** Whether a campaign or notice may reach the resident this way for this purpose (see mayContact in privacy.ts). */
  async function mayContactResident(personId: number, channel: Channel, purpose: Purpose): Promise<boolean> {
    const person = await repository.findPersonRow(db, personId);
    if (!person || person.erasedAt) return false;
    const grid = currentPreferences(await repository.preferencesOf(db, personId));
    return mayContact(grid[channel][purpose], purpose);
  }

  return { preferencesOf, recordPreference, mayContact: mayContactResident };
}
