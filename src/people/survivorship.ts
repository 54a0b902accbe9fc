import type { StandardFields } from '../sources/source-record.ts';

// Survivorship: which source's value a golden record shows. By default the record from the most trusted system
// wins, and among equally trusted ones the most recently changed. Names and addresses move as a whole, so a
// golden record never pairs one system's first name with another's maiden name, or one street with another town.

export type LinkedRecord = {
  sourceRecordId: number;
  systemCode: string;
  trust: number;
  changedAt: Date;
  lastSeenAt: Date;
  ended: boolean;
  fields: StandardFields;
};

/** Which source record gave each golden field. Stored as record ids only: what the record says and when is read from it. */
export type Provenance = Partial<Record<keyof StandardFields, number>>;

export type GoldenRecord = {
  fields: StandardFields;
  provenance: Provenance;
};

type FieldGroup = { fields: ReadonlyArray<keyof StandardFields>; presentWhen: keyof StandardFields | 'any' };

export const fieldGroups: readonly FieldGroup[] = [
  { fields: ['title', 'givenName', 'middleName', 'familyName', 'fullName'], presentWhen: 'familyName' },
  { fields: ['addressLine1', 'addressLine2', 'town', 'postcode', 'uprn', 'addressFrom', 'addressTo'], presentWhen: 'any' },
  { fields: ['dob'], presentWhen: 'dob' },
  { fields: ['sex'], presentWhen: 'sex' },
  { fields: ['phone'], presentWhen: 'phone' },
  { fields: ['email'], presentWhen: 'email' },
  { fields: ['niNumber'], presentWhen: 'niNumber' },
];

export const emptyFields: StandardFields = {
  title: null, givenName: null, middleName: null, familyName: null, fullName: null, dob: null, sex: null,
  addressLine1: null, addressLine2: null, town: null, postcode: null, uprn: null, addressFrom: null, addressTo: null,
  phone: null, email: null, niNumber: null,
};

/** Orders records best first: live before ended, then trust, then most recently changed, then newest record. */
export function compareRecords(a: LinkedRecord, b: LinkedRecord): number {
  if (a.ended !== b.ended) return a.ended ? 1 : -1;
  if (a.trust !== b.trust) return b.trust - a.trust;
  const changed = b.changedAt.getTime() - a.changedAt.getTime();
  if (changed !== 0) return changed;
  return b.sourceRecordId - a.sourceRecordId;
}

export function surviveFields(records: readonly LinkedRecord[]): GoldenRecord {
  const ordered = [...records].sort(compareRecords);
  const fields: StandardFields = { ...emptyFields };
  const provenance: Provenance = {};
  for (const group of fieldGroups) {
    const winner = ordered.find((record) => groupPresent(record.fields, group));
    if (!winner) continue;
    for (const field of group.fields) {
      const value = winner.fields[field];
      if (value === null) continue;
      (fields as Record<keyof StandardFields, unknown>)[field] = value;
      provenance[field] = winner.sourceRecordId;
    }
  }
  return { fields, provenance };
}

function groupPresent(fields: StandardFields, group: FieldGroup): boolean {
  if (group.presentWhen !== 'any') return fields[group.presentWhen] !== null;
  return group.fields.some((field) => fields[field] !== null);
}
