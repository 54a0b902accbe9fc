import { compareField } from './compare.ts';
import { field, fieldRadix, levelStride } from './fields.ts';
import { namesakesLevel } from './namesakes.ts';
import type { PreparedRecords } from './prepare.ts';

// What clustering must respect besides the scores. Two records cannot be one person when staff said so, or
// when they disagree on something a person cannot change (date of birth, National Insurance number, sex,
// generation) in a way the model learnt almost never happens between one person's records: a level whose
// weight is at most −decisiveBits, that is at least 64 times rarer within one person than between two.
// Learnt, not fixed: in FEBRL, where a duplicate often carries a wholly different date of birth, a different
// date weighs about −4 and decides nothing; in council data, where dates are kept well, it decides. Names,
// addresses, phones and emails change or come in several, so their disagreements are never decisive.
// Nor can two records be one person when two people of their name are known in one postcode and the two
// records are at two addresses in it (namesakes.ts): they are the two.

export const decisiveBits = 6;
const namesakesAtTwoAddresses = 4;
const identityFields = [field.dob, field.ni, field.sex, field.suffix] as const;

/** Record pairs (indexes into the records being linked) that staff have decided on. */
export type LinkConstraints = {
  cannotLink: ReadonlyArray<readonly [number, number]>;
  mustLink: ReadonlyArray<readonly [number, number]>;
};

/** 0: nothing against linking; 1: a decisive disagreement; 2: staff decided the two are different people. */
export type Conflict = 0 | 1 | 2;
export type ConflictTest = {
  between(x: number, y: number): Conflict;
  /** The records staff said are not the person of record x. */
  staffPartners(x: number): readonly number[];
};

/** The identity fields' levels that decide, from the model's level weights (weights[field * levelStride + level]). */
export function decisiveLevels(weights: Float64Array): Array<{ fieldIndex: number; levels: Uint8Array }> {
  const result: Array<{ fieldIndex: number; levels: Uint8Array }> = [];
  for (const fieldIndex of identityFields) {
    const levels = new Uint8Array(levelStride);
    let any = false;
    for (let level = 1; level < (fieldRadix[fieldIndex] ?? 1); level++) {
      if ((weights[fieldIndex * levelStride + level] ?? 0) <= -decisiveBits) { levels[level] = 1; any = true; }
    }
    if (any) result.push({ fieldIndex, levels });
  }
  return result;
}

function pairKey(x: number, y: number, count: number): number {
  return x < y ? x * count + y : y * count + x;
}

/** The pairs staff said are different people, as a set of keys and as each record's list. */
function staffDecisions(constraints: LinkConstraints | undefined, count: number): { keys: Set<number>; partners: Map<number, number[]> } {
  const keys = new Set<number>();
  const partners = new Map<number, number[]>();
  for (const [x, y] of constraints?.cannotLink ?? []) {
    if (x === y || !isRecord(x, count) || !isRecord(y, count)) continue;
    keys.add(pairKey(x, y, count));
    partners.set(x, [...(partners.get(x) ?? []), y]);
    partners.set(y, [...(partners.get(y) ?? []), x]);
  }
  return { keys, partners };
}

function isRecord(index: number, count: number): boolean {
  return Number.isInteger(index) && index >= 0 && index < count;
}

/** Staff-linked pairs that name records of this batch. */
export function mustLinkPairs(constraints: LinkConstraints | undefined, count: number): Array<readonly [number, number]> {
  return (constraints?.mustLink ?? []).filter(([x, y]) => x !== y && isRecord(x, count) && isRecord(y, count));
}

/** A test of whether two records can be one person, for the model's weights over these records. */
export function createConflictTest(records: PreparedRecords, weights: Float64Array, constraints?: LinkConstraints): ConflictTest {
  const decisive = decisiveLevels(weights);
  const staff = staffDecisions(constraints, records.count);
  const none: readonly number[] = [];
  return {
    between(x, y) {
      if (staff.keys.size > 0 && staff.keys.has(pairKey(x, y, records.count))) return 2;
      const low = x < y ? x : y;
      const high = x < y ? y : x;
      for (const { fieldIndex, levels } of decisive) {
        if (levels[compareField(records, fieldIndex, low, high)] === 1) return 1;
      }
      return namesakesLevel(records, low, high) === namesakesAtTwoAddresses ? 1 : 0;
    },
    staffPartners: (x) => staff.partners.get(x) ?? none,
  };
}
