import { nameGroupCount, formalNameOf } from './nicknames.ts';
import { groupsPerName, type PreparedRecords } from './prepare.ts';

// Blocking rules: records are compared only when they share at least one rule's key. Several rules, so
// that a typing slip in one field (or a missing value) does not hide a true pair. Each key is a 31-bit
// hash of a few ids; -1 when the record lacks a part. Keys that collide just put two blocks together.

export type BlockingRule = {
  name: string;
  /** What the rule needs an index on when records are looked up in a database. */
  description: string;
  key(records: PreparedRecords, derived: DerivedKeys, index: number): number;
};

/** Per-record values several rules use, worked out once. */
export type DerivedKeys = {
  /** First letter of the formal given name (Bob → r), -1 unknown. */
  givenInitial: Int32Array;
  /** The given name's nickname group, or the name itself: Bob and Robert share it. */
  givenCanonical: Int32Array;
  givenSound: Int32Array;
  familySound: Int32Array;
  familyInitial: Int32Array;
  /** The first four letters of the street, as four 7-bit codes. */
  streetStart: Int32Array;
};

function step(hash: number, part: number): number {
  let next = Math.imul(hash ^ part, 0x5bd1e995);
  next ^= next >>> 15;
  next = Math.imul(next, 0x27d4eb2d);
  return next ^ (next >>> 13);
}

/** A 31-bit key from a rule's seed and up to four ids; -1 when any id is missing (negative). */
export function mix(seed: number, a: number, b = 0, c = 0, d = 0): number {
  if (a < 0 || b < 0 || c < 0 || d < 0) return -1;
  return step(step(step(step(seed, a), b), c), d) >>> 1;
}

function year(records: PreparedRecords, index: number): number {
  const dob = records.dob[index] ?? -1;
  return dob < 0 ? -1 : Math.floor(dob / 10000);
}

function monthDay(records: PreparedRecords, index: number): number {
  const dob = records.dob[index] ?? -1;
  return dob < 0 ? -1 : dob % 10000;
}

export const blockingRules: readonly BlockingRule[] = [
  { name: 'ni', description: 'National Insurance number', key: (r, _d, i) => mix(1, r.ni[i] ?? -1) },
  { name: 'email_local', description: 'email address before the @', key: (r, _d, i) => mix(2, r.emailLocal[i] ?? -1) },
  { name: 'phone', description: 'phone number', key: (r, _d, i) => mix(3, r.phone[i] ?? -1) },
  { name: 'dob', description: 'date of birth', key: (r, _d, i) => mix(4, r.dob[i] ?? -1) },
  { name: 'names', description: 'given and family name, either way round', key: (r, _d, i) => namesKey(r, i) },
  { name: 'family_sound_given_initial', description: 'family name sound (double metaphone) and first letter of the formal given name', key: (_r, d, i) => mix(6, d.familySound[i] ?? -1, d.givenInitial[i] ?? -1) },
  { name: 'given_family_initial', description: 'formal given name and first letter of the family name', key: (_r, d, i) => mix(7, d.givenCanonical[i] ?? -1, d.familyInitial[i] ?? -1) },
  { name: 'given_sound_year', description: 'given name sound and year of birth', key: (r, d, i) => mix(8, d.givenSound[i] ?? -1, year(r, i)) },
  { name: 'given_year', description: 'formal given name and year of birth', key: (r, d, i) => mix(9, d.givenCanonical[i] ?? -1, year(r, i)) },
  { name: 'family_sound_year', description: 'family name sound and year of birth', key: (r, d, i) => mix(10, d.familySound[i] ?? -1, year(r, i)) },
  { name: 'postcode_initial', description: 'postcode and first letter of the formal given name', key: (r, d, i) => mix(11, r.postcode[i] ?? -1, d.givenInitial[i] ?? -1) },
  { name: 'house_street', description: 'house numbers, the first four letters of the street and the postcode district if known', key: (r, d, i) => mix(13, r.addressNumbers[i] ?? -1, d.streetStart[i] ?? -1, Math.max(0, r.district[i] ?? 0)) },
  { name: 'initials_birthday', description: 'given and family initials and day and month of birth', key: (r, d, i) => mix(14, d.givenInitial[i] ?? -1, d.familyInitial[i] ?? -1, monthDay(r, i)) },
];

function namesKey(r: PreparedRecords, index: number): number {
  const given = r.given[index] ?? -1;
  const family = r.family[index] ?? -1;
  if (given < 0 || family < 0) return -1;
  return mix(7, Math.min(given, family), Math.max(given, family));
}

function firstLetter(r: PreparedRecords, nameId: number): number {
  return r.names.codes[r.names.starts[nameId] ?? 0] ?? -1;
}

function streetStart(r: PreparedRecords, street: number): number {
  if (street < 0) return -1;
  const start = r.addresses.starts[street] ?? 0;
  const end = Math.min(start + 4, r.addresses.starts[street + 1] ?? 0);
  let value = 0;
  for (let at = start; at < end; at++) value = value * 128 + ((r.addresses.codes[at] ?? 0) & 0x7f);
  return value;
}

/** Works out the per-record values the rules share. */
export function deriveKeys(r: PreparedRecords): DerivedKeys {
  const size = r.names.size;
  const canonical = new Int32Array(size);
  const initial = new Int32Array(size);
  for (let id = 0; id < size; id++) {
    const group = r.nameGroups[id * groupsPerName] ?? -1;
    canonical[id] = group >= 0 ? group : nameGroupCount + id;
    initial[id] = group >= 0 ? formalNameOf(group).charCodeAt(0) : firstLetter(r, id);
  }
  const derived: DerivedKeys = {
    givenInitial: new Int32Array(r.count), givenCanonical: new Int32Array(r.count), givenSound: new Int32Array(r.count),
    familySound: new Int32Array(r.count), familyInitial: new Int32Array(r.count), streetStart: new Int32Array(r.count),
  };
  for (let i = 0; i < r.count; i++) {
    const given = r.given[i] ?? -1;
    const family = r.family[i] ?? -1;
    derived.givenInitial[i] = given < 0 ? -1 : initial[given] ?? -1;
    derived.givenCanonical[i] = given < 0 ? -1 : canonical[given] ?? -1;
    derived.givenSound[i] = given < 0 ? -1 : r.namePhonetic[given * 2] ?? -1;
    derived.familySound[i] = family < 0 ? -1 : r.namePhonetic[family * 2] ?? -1;
    derived.familyInitial[i] = family < 0 ? -1 : firstLetter(r, family);
    derived.streetStart[i] = streetStart(r, r.street[i] ?? -1);
  }
  return derived;
}

/** Every rule's key for every record: keys[rule][record]. */
export function blockingKeys(r: PreparedRecords, shared: boolean): Int32Array[] {
  const derived = deriveKeys(r);
  return blockingRules.map((rule) => {
    const keys = new Int32Array(shared ? new SharedArrayBuffer(Math.max(8, r.count * 4)) : new ArrayBuffer(r.count * 4));
    for (let i = 0; i < r.count; i++) keys[i] = rule.key(r, derived, i);
    return keys;
  });
}
