import type { ContactsScrubbed } from './erasure.repository.ts';
import { z } from 'zod';
import { tidyAddressLine } from '../sources/parse-address.ts';
import { parseDate } from '../sources/parse-date.ts';
import { parseEmail } from '../sources/parse-email.ts';
import { parseNiNumber } from '../sources/parse-ni.ts';
import { parsePhone } from '../sources/parse-phone.ts';
import { parsePostcode } from '../sources/parse-postcode.ts';
import type { Parsed } from '../sources/parse-result.ts';
import { parseSex } from '../sources/parse-sex.ts';
import type { StandardFields } from '../sources/source-record.ts';

// UK GDPR rights, the pure rules: which golden fields may be corrected and how a correction is read, when a
// retention rule makes a record due, and whether a resident may be contacted on a channel for a purpose.

// ---- Rectification (Article 16) ----

/** Golden-record fields a correction may set, and the column each is kept in. The UPRN follows the address. */
export const correctableFields = {
  title: 'title', givenName: 'given_name', middleName: 'middle_name', familyName: 'family_name', dob: 'dob', sex: 'sex',
  addressLine1: 'address_line1', addressLine2: 'address_line2', town: 'town', postcode: 'postcode', phone: 'phone', email: 'email', niNumber: 'ni_number',
} as const satisfies Partial<Record<keyof StandardFields, string>>;
export type CorrectableField = keyof typeof correctableFields;
export const correctableFieldNames = Object.keys(correctableFields) as CorrectableField[];

const plain = (max: number) => (text: string): Parsed<string> =>
  text.length > max ? { ok: false, reason: `must be at most ${max} characters` } : { ok: true, value: text.replace(/\s+/g, ' ') };

const readers: Record<CorrectableField, (text: string) => Parsed<string>> = {
  title: plain(20), givenName: plain(100), middleName: plain(100), familyName: plain(100),
  dob: (text) => parseDate(text, 'auto', 'date of birth'),
  sex: (text) => parseSex(text),
  addressLine1: (text) => ({ ok: true, value: tidyAddressLine(text) }), addressLine2: (text) => ({ ok: true, value: tidyAddressLine(text) }),
  town: (text) => ({ ok: true, value: tidyAddressLine(text) }),
  postcode: parsePostcode, phone: parsePhone, email: parseEmail, niNumber: parseNiNumber,
};

/** The corrected value in OneStop's standard form, or why it cannot be read. An empty value means "not held". */
export function readCorrection(field: CorrectableField, text: string): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  return readers[field](trimmed);
}

export const rectificationSchema = z.object({
  field: z.enum(correctableFieldNames as [CorrectableField, ...CorrectableField[]], 'Choose the detail to correct'),
  value: z.string().max(200, 'The corrected value must be at most 200 characters'),
  reason: z.string().trim().min(5, 'Say why the detail is wrong, and how you know: at least 5 characters').max(1000),
});
export type RectificationInput = z.input<typeof rectificationSchema>;

export type Rectification = {
  id: number; field: string; earlierValue: string | null; correctedValue: string | null; reason: string;
  rectifiedBy: string; rectifiedByName: string; rectifiedAt: Date;
};

/** The full name a golden record shows once its name parts are corrected. */
export function fullNameOf(fields: Pick<StandardFields, 'title' | 'givenName' | 'middleName' | 'familyName'>): string | null {
  const parts = [fields.givenName, fields.middleName, fields.familyName].filter((part): part is string => part !== null && part !== '');
  return parts.length === 0 ? null : parts.join(' ');
}

// ---- Legal holds and erasure (Article 17) ----

export const holdReason = z.string().trim().min(10, 'Say why the resident’s data must be kept: at least 10 characters').max(1000);
export const erasureReason = z.string().trim().min(10, 'Give the ground for erasure (Article 17) and the request it answers: at least 10 characters').max(1000);

export type LegalHold = {
  id: number; personId: number; personReference: string; reason: string; placedBy: string; placedByName: string; placedAt: Date;
  releasedBy: string | null; releasedByName: string | null; releasedAt: Date | null;
};

export type ErasureOutcome = { personId: number; reference: string; sourceRecords: number; versions: number; personsBlanked: number } & ContactsScrubbed;

// ---- Retention (Article 5(1)(e), storage limitation) ----

export const retentionBases = ['last_seen', 'ended'] as const;
export type RetentionBasis = (typeof retentionBases)[number];
export const retentionBasisLabels: Record<RetentionBasis, string> = {
  last_seen: 'after the record was last sent by the system',
  ended: 'after the system stopped holding the record',
};

export const retentionRuleSchema = z.object({
  systemCode: z.string().trim().min(1, 'Choose a source system'),
  years: z.coerce.number({ message: 'Enter the number of years as a whole number' }).int('Enter the number of years as a whole number').min(1, 'Keep records at least 1 year').max(150, 'Keep records at most 150 years'),
  basis: z.enum(retentionBases).default('last_seen'),
});
export type RetentionRuleInput = z.input<typeof retentionRuleSchema>;
export type RetentionRule = { systemCode: string; systemName: string; years: number; basis: RetentionBasis; setBy: string; setAt: Date };

/**
 * The latest basis date a record may have and be due now: `now` less so many years, by the calendar in UTC. On
 * 29 February in a year that has one, going back to a year that has none gives 28 February, never 1 March: a
 * record is never due before the whole period has passed.
 */
export function retentionCutoff(now: Date, years: number): Date {
  const year = now.getUTCFullYear() - years;
  const month = now.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(year, month, Math.min(now.getUTCDate(), lastDay));
  return cutoff;
}

/** Whether a record is due for erasure under a rule: its basis date is on or before the cutoff. */
export function isDue(rule: { years: number; basis: RetentionBasis }, record: { lastSeenAt: Date; endedAt: Date | null }, now: Date): boolean {
  const basis = rule.basis === 'ended' ? record.endedAt : record.lastSeenAt;
  return basis !== null && basis.getTime() <= retentionCutoff(now, rule.years).getTime();
}

export type RetentionSystemSummary = { systemCode: string; years: number; basis: RetentionBasis; cutoff: string; due: number; erased: number; held: number };
export type RetentionSummary = { runId: number; dryRun: boolean; at: Date; systems: RetentionSystemSummary[]; personsErased: number; personsRefreshed: number };

// ---- Consent and contact preferences (Articles 7 and 21; PECR regulation 22) ----

export const channels = ['email', 'sms', 'phone', 'post'] as const;
export type Channel = (typeof channels)[number];
export const purposes = ['service_updates', 'marketing', 'surveys'] as const;
export type Purpose = (typeof purposes)[number];
export const preferenceSources = ['phone', 'in_person', 'email', 'letter', 'online', 'other'] as const;
export type PreferenceSource = (typeof preferenceSources)[number];

export const channelLabels: Record<Channel, string> = { email: 'Email', sms: 'Text message', phone: 'Phone', post: 'Post' };
export const purposeLabels: Record<Purpose, string> = { service_updates: 'Service updates', marketing: 'Marketing and campaigns', surveys: 'Surveys' };
export const sourceLabels: Record<PreferenceSource, string> = { phone: 'On the phone', in_person: 'In person', email: 'By email', letter: 'By letter', online: 'Online form', other: 'Other' };

export const preferenceSchema = z.object({
  channel: z.enum(channels, 'Choose how the council may contact them'),
  purpose: z.enum(purposes, 'Choose what the contact is for'),
  granted: z.enum(['yes', 'no'], 'Say whether they agree').transform((value) => value === 'yes'),
  source: z.enum(preferenceSources, 'Say how they told the council'),
});
export type PreferenceInput = z.input<typeof preferenceSchema>;

export type Preference = {
  id: number; channel: Channel; purpose: Purpose; granted: boolean; source: PreferenceSource;
  recordedBy: string; recordedByName: string; recordedAt: Date;
};

/** The preference in force for each channel and purpose: the latest statement, or null when never asked. */
export type PreferenceGrid = Record<Channel, Record<Purpose, Preference | null>>;

export function currentPreferences(history: readonly Preference[]): PreferenceGrid {
  const grid = Object.fromEntries(channels.map((channel) => [channel, Object.fromEntries(purposes.map((purpose) => [purpose, null]))])) as PreferenceGrid;
  for (const preference of [...history].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.id - b.id)) {
    grid[preference.channel][preference.purpose] = preference;
  }
  return grid;
}

/**
 * Whether the council may contact the resident on a channel for a purpose. Marketing and surveys need the
 * resident's agreement (opt-in: UK GDPR Article 6(1)(a), PECR regulation 22 for email and text); service updates
 * go out under the council's public task unless the resident has said no (Article 21, the right to object).
 */
export function mayContact(preference: Preference | null, purpose: Purpose): boolean {
  if (preference) return preference.granted;
  return purpose === 'service_updates';
}
