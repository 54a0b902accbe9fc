import type { Tx } from '../db/connection.ts';
import type { StandardFields } from '../sources/source-record.ts';

// The seam between identity resolution and everything that links records: imports, contacts, relinks.

export type LinkableRecord = {
  sourceRecordId: number;
  sourceSystemId: number;
  fields: StandardFields;
  nameKey: string | null;
};

export type LinkEvidence = Record<string, unknown>;

/** A known person the record might be, not sure enough to link: a member of staff decides. */
export type ReviewSuggestion = { personId: number; sourceRecordId: number; weight: number; probability: number; evidence: LinkEvidence; modelVersion: number };

/** Where one record should go: to an existing person, or to a new person shared by its group. */
export type LinkDecision =
  | { sourceRecordId: number; kind: 'existing'; personId: number; method: string; score: number | null; evidence: LinkEvidence }
  | { sourceRecordId: number; kind: 'new'; group: number; method: string; score: number | null; evidence: LinkEvidence; review?: ReviewSuggestion };

export type Linker = {
  readonly name: string;
  /** Decides, without writing, where each record belongs. Records already linked are not passed in. */
  decide(tx: Tx, records: readonly LinkableRecord[]): Promise<LinkDecision[]>;
};
