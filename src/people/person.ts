import type { StandardFields } from '../sources/source-record.ts';
import type { PersonChange } from './change.ts';
/** Where a golden field came from: the system, its record, and when that record changed and was last sent. */
export type FieldProvenance = { system: string; systemName: string; sourceRecordId: number; sourceId: string; changedAt: Date; lastSeenAt: Date };

// The single view of a resident as staff see it.

export type PersonStatus = 'active' | 'merged' | 'empty';

export type Person = {
  id: number;
  reference: string;
  status: PersonStatus;
  redirectTo: number | null;
  fields: StandardFields;
  /** The source record id behind each golden field. */
  provenance: Partial<Record<keyof StandardFields, number>>;
  createdAt: Date;
  updatedAt: Date;
};

export type SourceRecordView = {
  sourceRecordId: number;
  sourceId: string;
  fields: StandardFields;
  uprnSource: 'source' | 'address' | null;
  raw: Record<string, string>;
  version: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  changedAt: Date;
  endedAt: Date | null;
  link: { method: string; score: number | null; evidence: Record<string, unknown>; linkedAt: Date; linkedBy: string };
};

export type SystemGroup = { code: string; name: string; trust: number; records: SourceRecordView[] };

export type TimelineItem = { at: Date; kind: 'record_linked' | 'record_changed' | 'record_ended' | 'record_unlinked'; title: string; detail: string };

export type HouseholdMember = { personId: number; reference: string; fullName: string | null; dob: string | null; fromDate: string | null };

export type ResidentView = {
  person: Person;
  provenance: Partial<Record<keyof StandardFields, FieldProvenance>>;
  systems: SystemGroup[];
  addresses: Array<{ uprn: string; addressLine1: string | null; addressLine2: string | null; town: string | null; postcode: string | null; fromDate: string | null; toDate: string | null; isCurrent: boolean }>;
  household: HouseholdMember[];
  timeline: TimelineItem[];
  changes: PersonChange[];
  /** Restricted services that know the resident but whose records this actor may not see, and whom to ask. */
  restrictedServices: RestrictedService[];
  /** True when identifiers such as NI numbers are shown masked. */
  identifiersMasked?: boolean;
};

export type RestrictedService = { systemName: string; teamName: string; contact: string };

export const fieldLabels: Record<keyof StandardFields, string> = {
  title: 'Title', givenName: 'Given name', middleName: 'Middle name', familyName: 'Family name', fullName: 'Full name',
  dob: 'Date of birth', sex: 'Sex', addressLine1: 'Address line 1', addressLine2: 'Address line 2', town: 'Town',
  postcode: 'Postcode', uprn: 'UPRN', addressFrom: 'Living there since', addressTo: 'Left', phone: 'Phone',
  email: 'Email', niNumber: 'National Insurance number',
};
