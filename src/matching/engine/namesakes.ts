import { compareDates } from './compare-dates.ts';

// Namesakes known at a place. Records with the same given name (or a form of it), the same family name and
// the same postcode (the same address line when there is no postcode) form a group. When two records of a
// group cannot be one person on their face (dates of birth years apart, two National Insurance numbers, two
// email names, two mobile numbers, a "Jr" or "Sr", or two records from one system at one address that share
// no identifier, where a system holds each person once), two people of that name are known there: a father and a son, or namesakes
// next door. A pair of records in such a group agreeing on name and place is then weak evidence, whereas in
// a group with no sign of a second person it is strong. Which, and how much, EM learns (fields.ts, train.ts).

/** Columns the groups are read from; ids into the prepared dictionaries, -1 for none. */
export type NamesakeColumns = {
  count: number;
  given: Int32Array;
  family: Int32Array;
  postcode: Int32Array;
  address: Int32Array;
  /** Per name id: the name's first nickname group, or a number of its own, so Bob and Robert share it. */
  nameCanonical: Int32Array;
  dob: Int32Array;
  dobDays: Int32Array;
  ni: Int32Array;
  niStem: Int32Array;
  emailLocal: Int32Array;
  suffix: Uint8Array;
  system: Int32Array;
  phone: Int32Array;
  /** Per phone id: 1 for a mobile number. */
  isMobile: Uint8Array;
};

/** Above this many records a group is not searched for a second person (pairs grow with its square). */
const largestSearched = 200;

function givenKey(columns: NamesakeColumns, index: number): number {
  const given = columns.given[index] ?? -1;
  return given < 0 ? -1 : columns.nameCanonical[given] ?? -1;
}

/** A 31-bit hash of three ids; -1 when any is missing. */
function groupHash(a: number, b: number, c: number): number {
  if (a < 0 || b < 0 || c < 0) return -1;
  let hash = 0x2545f491;
  for (const part of [a, b, c]) {
    hash = Math.imul(hash ^ part, 0x5bd1e995);
    hash ^= hash >>> 15;
  }
  return hash >>> 1;
}

function placeKey(columns: NamesakeColumns, index: number): number {
  const postcode = columns.postcode[index] ?? -1;
  if (postcode >= 0) return postcode * 2;
  const address = columns.address[index] ?? -1;
  return address >= 0 ? address * 2 + 1 : -1;
}

/** Whether two records of one name and place are on their face two people. */
function twoPeople(c: NamesakeColumns, a: number, b: number): boolean {
  if (compareDates(c.dob[a] ?? -1, c.dob[b] ?? -1, c.dobDays[a] ?? 0, c.dobDays[b] ?? 0) === 6) return true;
  const niA = c.ni[a] ?? -1;
  const niB = c.ni[b] ?? -1;
  if (niA >= 0 && niB >= 0 && c.niStem[a] !== c.niStem[b]) return true;
  const emailA = c.emailLocal[a] ?? -1;
  const emailB = c.emailLocal[b] ?? -1;
  if (emailA >= 0 && emailB >= 0 && emailA !== emailB) return true;
  const phoneA = c.phone[a] ?? -1;
  const phoneB = c.phone[b] ?? -1;
  if (phoneA >= 0 && phoneB >= 0 && phoneA !== phoneB && c.isMobile[phoneA] === 1 && c.isMobile[phoneB] === 1) return true;
  const addressA = c.address[a] ?? -1;
  return c.system[a] === c.system[b] && addressA >= 0 && addressA === c.address[b] && !sharesIdentifier(c, a, b);
}

/**
 * A date of birth, NI number, email name or mobile number on both records and the same: something of one
 * person's own, which a father and a son of one name at one address do not share (a landline they do).
 */
function sharesIdentifier(c: Pick<NamesakeColumns, 'dob' | 'ni' | 'emailLocal' | 'phone' | 'isMobile'>, a: number, b: number): boolean {
  const same = (column: Int32Array) => (column[a] ?? -1) >= 0 && column[a] === column[b];
  return same(c.dob) || same(c.ni) || same(c.emailLocal) || (same(c.phone) && c.isMobile[c.phone[a] ?? 0] === 1);
}

function isSameGroup(c: Pick<NamesakeColumns, 'family'>, keys: { given: Int32Array; place: Int32Array }, a: number, b: number): boolean {
  return keys.given[a] === keys.given[b] && c.family[a] === c.family[b] && keys.place[a] === keys.place[b];
}

/** Where findNamesakes writes: each record's group hash (-1 without a name or place), its keys, and whether two people are known. */
export type NamesakeColumnsOut = { namesakeGroup: Int32Array; namesakeGiven: Int32Array; namesakePlace: Int32Array; namesakeKnown: Uint8Array };

/**
 * Finds each record's group and whether it holds two people. Records sharing a group hash but not its name
 * and place (a hash collision) are told apart by comparing the keys themselves.
 */
export function findNamesakes(c: NamesakeColumns, out: NamesakeColumnsOut): void {
  const given = out.namesakeGiven;
  const place = out.namesakePlace;
  const group = out.namesakeGroup;
  for (let i = 0; i < c.count; i++) {
    given[i] = givenKey(c, i);
    place[i] = placeKey(c, i);
    group[i] = groupHash(given[i] ?? -1, c.family[i] ?? -1, place[i] ?? -1);
  }
  const known = out.namesakeKnown;
  const order = sortedByGroup(group);
  const keys = { given, place };
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && group[order[end] ?? 0] === group[order[start] ?? 0]) end++;
    if (end - start >= 2 && end - start <= largestSearched) markGroup(c, keys, order.subarray(start, end), known);
    start = end;
  }
}

function markGroup(c: NamesakeColumns, keys: { given: Int32Array; place: Int32Array }, members: Int32Array, known: Uint8Array): void {
  for (let i = 0; i < members.length; i++) {
    const a = members[i] ?? 0;
    for (let j = i + 1; j < members.length; j++) {
      const b = members[j] ?? 0;
      if (!isSameGroup(c, keys, a, b)) continue;
      // A generation suffix on either says a second person of the name is about.
      if ((c.suffix[a] ?? 0) !== 0 || (c.suffix[b] ?? 0) !== 0 || twoPeople(c, a, b)) {
        for (const member of members) if (isSameGroup(c, keys, a, member)) known[member] = 1;
        return;
      }
    }
  }
}

/** Record indexes with a group, in group order. */
function sortedByGroup(group: Int32Array): Int32Array {
  let present = 0;
  for (const key of group) if (key >= 0) present++;
  const packed = new Float64Array(present);
  let at = 0;
  for (let i = 0; i < group.length; i++) {
    const key = group[i] ?? -1;
    if (key >= 0) packed[at++] = key * 4_194_304 + i;
  }
  packed.sort();
  return Int32Array.from(packed, (value) => value % 4_194_304);
}

/**
 * The namesakes level of a pair (fields.ts): 0 unless both are in one group; 1 when no second person of the
 * name is known there. With one known: 2 when the two records are at one address (the same house numbers in
 * the postcode) and share something of one person's own (a date of birth, an NI number, an email name, a
 * mobile); 3 at one address sharing nothing of the kind; 4 at two addresses. Where two people of a name live,
 * agreeing on the name and the address no longer tells which of them a record is.
 */
export function namesakesLevel(c: NamesakeLevelColumns, a: number, b: number): number {
  const group = c.namesakeGroup[a] ?? -1;
  if (group < 0 || group !== c.namesakeGroup[b]) return 0;
  if (!isSameGroup(c, { given: c.namesakeGiven, place: c.namesakePlace }, a, b)) return 0;
  if (c.namesakeKnown[a] !== 1) return 1;
  const numbers = c.addressNumbers[a] ?? -1;
  const sameAddress = (numbers >= 0 && numbers === c.addressNumbers[b]) || ((c.address[a] ?? -1) >= 0 && c.address[a] === c.address[b]);
  if (!sameAddress) return 4;
  return sharesIdentifier(c, a, b) ? 2 : 3;
}

export type NamesakeLevelColumns = NamesakeColumnsOut & Pick<NamesakeColumns, 'family' | 'address' | 'dob' | 'ni' | 'emailLocal' | 'phone'>
  & { addressNumbers: Int32Array; isMobile: Uint8Array };
