import { createHash } from 'node:crypto';
import { z } from 'zod';
import { can } from '../access/policy.ts';
import { actorLabel, type AnyActor, type Door } from '../access/staff.ts';
import type { Queryable } from '../db/connection.ts';

// The audit trail: who looked at or changed what, when, why and through which door (UK GDPR Article 5(2),
// accountability; Article 32, security of processing). Entries form a hash chain: each entry's hash covers its own
// fields and the hash of the entry before it, so editing, inserting or deleting an entry breaks the chain.

/** What was done, in the words the data protection officer reads. A new kind of event is added here. */
export const auditActions = {
  'person.view': 'Viewed the resident’s record',
  'person.search': 'Searched for residents',
  'person.merge': 'Merged two residents',
  'person.split': 'Separated records from the resident',
  'person.move': 'Moved records between residents',
  'person.undo': 'Undid a change to who is who',
  'person.relink': 'Relinked residents',
  'person.break_glass': 'Opened a restricted record in an emergency',
  'record.reveal': 'Revealed a protected detail',
  'review.decide': 'Decided a possible match',
  'subject_access.export': 'Exported a subject access bundle',
  'import.run': 'Imported an extract',
  'audit.search': 'Searched the audit trail',
  'user.disable': 'Disabled a staff account',
  'user.enable': 'Enabled a staff account',
  'service.change': 'Changed a service in the catalogue',
  'service.import': 'Imported services into the catalogue',
  'privacy.rectify': 'Corrected the resident’s record',
  'privacy.erase': 'Erased the resident',
  'privacy.legal_hold': 'Placed a legal hold',
  'privacy.legal_hold_release': 'Released a legal hold',
  'privacy.retention_rule': 'Set a retention rule',
  'privacy.retention_run': 'Applied the retention rules',
  'consent.record': 'Recorded a contact preference',
  'webhook.add': 'Added a webhook subscription',
  'webhook.disable': 'Disabled a webhook subscription',
  'webhook.enable': 'Enabled a webhook subscription',
  'webhook.redrive': 'Sent a dead webhook delivery again',
  'webhook.test': 'Sent a test webhook event',
  'visit.ticket': 'Issued a One Stop Shop ticket',
  'visit.call': 'Called a One Stop Shop visitor to a desk',
  'visit.finish': 'Logged a One Stop Shop visit as a contact',
  'visit.left': 'Recorded a visitor left without being seen',
  'appointment.book': 'Booked a One Stop Shop appointment',
  'appointment.cancel': 'Cancelled a One Stop Shop appointment',
  'appointment.no_show': 'Recorded a missed One Stop Shop appointment',
  'appointment.check_in': 'Checked in a One Stop Shop appointment',
  'case.view': 'Viewed a case',
  'case.change': 'Changed a case',
} as const satisfies Record<string, string>;
export type AuditAction = keyof typeof auditActions;

/** What a domain service needs of the trail: to write an entry in its own transaction. */
export type AuditRecorder = {
  record(tx: Queryable, input: AuditEntryInput): Promise<unknown>;
  recordMany(tx: Queryable, inputs: readonly AuditEntryInput[]): Promise<unknown>;
};

export function actionLabel(action: string): string {
  return (auditActions as Record<string, string>)[action] ?? action;
}

const doors = ['web', 'api', 'cli', 'job'] as const satisfies readonly Door[];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };
const jsonValue: z.ZodType<JsonValue> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]));

/** One event to record. Details hold ids and counts, never names or other personal data. */
export const auditEntrySchema = z.object({
  actor: z.string().regex(/^(user|system):[\w.@-]{1,100}$/, 'An actor is "user:<id>" or "system:<name>"'),
  actorName: z.string().trim().min(1).max(200),
  door: z.enum(doors),
  action: z.enum(Object.keys(auditActions) as [AuditAction, ...AuditAction[]]),
  personId: z.number().int().positive().nullable().default(null),
  subject: z.string().trim().min(1).max(200).nullable().default(null),
  reason: z.string().trim().max(2000).nullable().default(null).transform((value) => (value === '' ? null : value)),
  details: z.record(z.string(), jsonValue).default({}).refine((value) => JSON.stringify(value).length <= 8000, 'Details are ids and counts: keep them under 8,000 characters'),
});
export type AuditEntryInput = z.input<typeof auditEntrySchema>;
export type ParsedAuditEntry = z.output<typeof auditEntrySchema>;

export type AuditEntry = {
  id: number;
  at: Date;
  actor: string;
  actorName: string;
  door: Door;
  action: string;
  personId: number | null;
  subject: string | null;
  reason: string | null;
  details: JsonObject;
  prevHash: string | null;
  hash: string;
};

/** The latest entry: printing its hash somewhere the database's administrators cannot reach anchors the chain. */
export type ChainHead = { id: number; hash: string; at: Date };

/** Which entries to read, newest first; `from` is inclusive and `to` exclusive. */
export type AuditQuery = { limit?: number; offset?: number; from?: Date; to?: Date };

/** Who is acting, as the trail records them: the label, the name at the time, and the door. */
export function auditActorOf(actor: AnyActor): { actor: string; actorName: string; door: Door } {
  return { actor: actorLabel(actor), actorName: actor.kind === 'staff' ? actor.displayName : actor.name, door: actor.door };
}

/** Who may read the audit trail on the pages: staff the policy table allows; never a process acting as the system. */
export function canReadAudit(actor: AnyActor | undefined): boolean {
  return actor?.kind === 'staff' && can(actor, 'audit.read');
}

// ---- The hash chain ----

/** The fields a hash covers, with the time already in its canonical form. */
export type ChainFields = Omit<AuditEntry, 'at' | 'hash'> & { at: string };

/** Microsecond precision, as PostgreSQL keeps it, so a change of the stored time by any amount shows. */
export function canonicalTime(at: Date): string {
  return at.toISOString().replace(/Z$/, '000Z');
}

/** The database's column in the same form as canonicalTime. */
export const canonicalTimeSql = `to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** JSON with every object's keys in code-point order, at every depth. */
function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key] ?? null)]));
  }
  return value;
}

/**
 * The canonical serialisation, version 1: the UTF-8 text of the JSON array
 *   ["onestop.audit.v1", id, at, actor, actorName, door, action, personId, subject, reason, details, prevHash]
 * written by JSON.stringify with no spaces, where `at` is ISO 8601 UTC with six fractional digits
 * ("2026-11-25T09:00:00.000000Z"), absent values are null, ids are JSON numbers, `details` is the JSON value with
 * every object's keys sorted, and prevHash is null only for the first entry. A JSON array leaves no doubt where
 * one field ends and the next begins, and the id binds each entry to its place in the chain.
 */
export function canonicalForm(fields: ChainFields): string {
  return JSON.stringify(['onestop.audit.v1', fields.id, fields.at, fields.actor, fields.actorName, fields.door, fields.action,
    fields.personId, fields.subject, fields.reason, sortKeys(fields.details), fields.prevHash]);
}

/** SHA-256 of the canonical form, as 64 lowercase hex digits. */
export function hashEntry(fields: ChainFields): string {
  return createHash('sha256').update(canonicalForm(fields), 'utf8').digest('hex');
}

export type ChainLink = { id: number; hash: string };
export type ChainProblemKind = 'edited' | 'inserted' | 'deleted' | 'truncated';
export type ChainProblem = { kind: ChainProblemKind; entryId: number; message: string };

/**
 * Checks the next entry, in id order, against the two entries accepted before it. Ids have no gaps, so a gap is a
 * deleted entry; an entry whose prev_hash is not the previous entry's hash was inserted (or the previous one was
 * rewritten); an entry that links correctly but no longer matches its own hash was edited.
 */
export function checkNextEntry(row: ChainFields & { hash: string }, previous: ChainLink | undefined, beforePrevious: ChainLink | undefined): ChainProblem | undefined {
  const expectedId = (previous?.id ?? 0) + 1;
  if (row.id > expectedId) {
    const missing = row.id - 1 === expectedId ? `Entry ${expectedId} is missing` : `Entries ${expectedId} to ${row.id - 1} are missing`;
    return { kind: 'deleted', entryId: expectedId, message: `${missing}: ${row.id - 1 === expectedId ? 'it has' : 'they have'} been deleted from the audit trail.` };
  }
  const sealed = hashEntry(row) === row.hash;
  if (row.prevHash !== (previous?.hash ?? null)) {
    if (previous && beforePrevious && row.prevHash === beforePrevious.hash) {
      return { kind: 'inserted', entryId: previous.id, message: `Entry ${previous.id} has been inserted: entry ${row.id} follows the entry before it.` };
    }
    if (!sealed) {
      const place = previous ? `follows entry ${previous.id}` : 'begins the chain';
      return { kind: 'inserted', entryId: row.id, message: `Entry ${row.id} has been inserted: it neither ${place} nor matches its own hash.` };
    }
    if (!previous) return { kind: 'deleted', entryId: row.id, message: `Entry ${row.id} follows an entry that is no longer there: earlier entries have been deleted.` };
    return { kind: 'edited', entryId: previous.id, message: `Entry ${previous.id} has been edited and given a new hash: entry ${row.id} no longer follows it.` };
  }
  if (!sealed) return { kind: 'edited', entryId: row.id, message: `Entry ${row.id} has been edited: its contents no longer match its hash.` };
  return undefined;
}
