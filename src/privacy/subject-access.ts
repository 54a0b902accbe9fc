import type { StandardFields } from '../sources/source-record.ts';
import type { Preference, PreferenceGrid, Rectification } from './privacy.ts';

// A subject access bundle (UK GDPR Article 15): everything the council holds about one resident in OneStop, in a
// form they can read and a form a machine can. Other people's data is left out or redacted (Data Protection Act
// 2018, Schedule 2, paragraph 16): household members are not listed, and their names are blanked wherever a record
// about the resident mentions them.

export const bundleFormat = 'onestop.subject-access.v1';

export type BundleRecordVersion = { version: number; raw: Record<string, string>; standardised: Record<string, unknown>; validFrom: Date; validTo: Date };

export type BundleSourceRecord = {
  sourceRecordId: number;
  system: { code: string; name: string };
  /** Set when the record came from a restricted service: only its team sees it day to day. */
  restrictedService: { teamName: string } | null;
  sourceId: string;
  raw: Record<string, string>;
  fields: StandardFields;
  version: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  changedAt: Date;
  endedAt: Date | null;
  erasedAt: Date | null;
  link: { method: string; score: number | null; linkedAt: Date; linkedBy: string };
  /** Earlier versions, oldest first, each kept whole. */
  versions: BundleRecordVersion[];
};

export type BundleLink = {
  system: string;
  /** The record's reference in its system, when the record is still the resident's; null when it moved to someone else. */
  sourceId: string | null;
  method: string;
  linkedAt: Date;
  linkedBy: string;
  unlinkedAt: Date | null;
  unlinkedBy: string | null;
};

export type BundleContact = {
  startedAt: Date; endedAt: Date | null; channel: string; reasons: string[]; outcome: string | null;
  resolvedFirstContact: boolean | null; avoidable: boolean | null; summary: string;
};
export type BundleCase = {
  reference: string; service: string; status: string; openedAt: Date; dueAt: Date; closedAt: Date | null;
  answers: Record<string, unknown>;
  history: Array<{ at: Date; kind: string; by: string; details: Record<string, unknown> }>;
};
export type BundleAppointment = { startsAt: Date; endsAt: Date; location: string; service: string | null; status: string; notes: string };
export type BundleVisit = { arrivedAt: Date; location: string; ticket: string; service: string | null; status: string; finishedAt: Date | null };

export type BundleAccess = { at: Date; who: string; door: string; action: string; description: string; reason: string | null };

export type SubjectAccessBundle = {
  format: typeof bundleFormat;
  generatedAt: Date;
  generatedBy: string;
  resident: {
    reference: string;
    status: string;
    createdAt: Date;
    updatedAt: Date;
    erasedAt: Date | null;
    fields: StandardFields;
    /** Which system and record gave each golden field. */
    provenance: Partial<Record<keyof StandardFields, { system: string; sourceId: string }>>;
    /** Fields the council corrected (Article 16), which stand over what the systems say. */
    corrections: Record<string, string | null>;
  };
  sourceRecords: BundleSourceRecord[];
  linkHistory: BundleLink[];
  identityChanges: Array<{ kind: string; at: Date; recordsJoined: number; recordsLeft: number }>;
  addresses: Array<{ uprn: string; addressLine1: string | null; addressLine2: string | null; town: string | null; postcode: string | null; fromDate: string | null; toDate: string | null; isCurrent: boolean }>;
  rectifications: Rectification[];
  contactPreferences: { current: PreferenceGrid; history: Preference[] };
  /** Every contact with the council about the resident, newest first, with the services it was about. */
  contacts: BundleContact[];
  /** Every case (service request), newest first, with the answers given and its history, notes included. */
  cases: BundleCase[];
  /** One Stop Shop appointments and walk-in visits. */
  appointments: BundleAppointment[];
  visits: BundleVisit[];
  accessLog: BundleAccess[];
  redaction: { householdMembersLeftOut: number; namesRedacted: number; recordsMovedToOthers: number };
};

/** Names of other people, as they may appear in a record's values: each full name, and given and family name. */
export function namesToRedact(others: ReadonlyArray<{ fullName: string | null; givenName: string | null; familyName: string | null }>, subject: readonly string[]): string[] {
  const own = new Set(subject.map((name) => name.toLowerCase()));
  const names = new Set<string>();
  for (const other of others) {
    for (const name of [other.fullName, other.givenName && other.familyName ? `${other.givenName} ${other.familyName}` : null]) {
      if (name && name.trim().length >= 3 && !own.has(name.trim().toLowerCase())) names.add(name.trim());
    }
  }
  // Longest first, so "Mary Anne Smith" is blanked before "Mary Smith" could leave "Anne" behind.
  return [...names].sort((a, b) => b.length - a.length);
}

export const redactedName = '[another person]';

/** Blanks other people's names in a value, whole words only and whatever the case; counts each one blanked. */
export function redactValue(value: string, names: readonly string[], counter: { count: number }): string {
  let text = value;
  for (const name of names) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu');
    text = text.replace(pattern, () => { counter.count++; return redactedName; });
  }
  return text;
}

export function redactRecord<T extends Record<string, unknown>>(record: T, names: readonly string[], counter: { count: number }): T {
  if (names.length === 0) return record;
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, typeof value === 'string' ? redactValue(value, names, counter) : value])) as T;
}

/** Redacts names in every string of a JSON value (form answers, a case event's details), however deep. */
export function redactDeep<T>(value: T, names: readonly string[], counter: { count: number }): T {
  if (typeof value === 'string') return redactValue(value, names, counter) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, names, counter)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, names, counter)])) as T;
  }
  return value;
}
