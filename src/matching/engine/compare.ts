import type { TextPool } from './dictionary.ts';
import { field, householdLevel } from './fields.ts';
import { groupsPerName, type PreparedRecords } from './prepare.ts';
import { damerauCodes, jaroWinklerCodes } from './similarity.ts';
import { compareDates } from './compare-dates.ts';
import { namesakesLevel } from './namesakes.ts';

// The comparison of one pair of records, field by field, into levels (see fields.ts). Written for the hot
// loop: ids first (equal ids are equal values), string measures only when the ids differ.

const closeSimilarity = 0.92;
const alikeSimilarity = 0.85;
const streetSimilarity = 0.9;
/** A spelling seen at least this often in the population is an established name, not a typing slip. */
const establishedCount = 3;

function jaroWinklerIds(pool: TextPool, a: number, b: number): number {
  const startA = pool.starts[a] ?? 0;
  const startB = pool.starts[b] ?? 0;
  return jaroWinklerCodes(pool.codes, startA, (pool.starts[a + 1] ?? 0) - startA, startB, (pool.starts[b + 1] ?? 0) - startB);
}

function damerauIds(pool: TextPool, a: number, b: number, limit: number): number {
  const startA = pool.starts[a] ?? 0;
  const startB = pool.starts[b] ?? 0;
  return damerauCodes(pool.codes, startA, (pool.starts[a + 1] ?? 0) - startA, startB, (pool.starts[b + 1] ?? 0) - startB, limit);
}

function lengthOf(pool: TextPool, id: number): number {
  return (pool.starts[id + 1] ?? 0) - (pool.starts[id] ?? 0);
}

function firstCode(pool: TextPool, id: number): number {
  return pool.codes[pool.starts[id] ?? 0] ?? -1;
}

function shareGroup(groups: Int32Array, a: number, b: number): boolean {
  for (let i = 0; i < groupsPerName; i++) {
    const group = groups[a * groupsPerName + i] ?? -1;
    if (group < 0) return false;
    for (let j = 0; j < groupsPerName; j++) if (groups[b * groupsPerName + j] === group) return true;
  }
  return false;
}

function soundAlike(phonetic: Int32Array, a: number, b: number): boolean {
  const primaryA = phonetic[a * 2] ?? -1;
  const alternateA = phonetic[a * 2 + 1] ?? -1;
  const primaryB = phonetic[b * 2] ?? -1;
  const alternateB = phonetic[b * 2 + 1] ?? -1;
  if (primaryA < 0 || primaryB < 0) return false;
  return primaryA === primaryB || primaryA === alternateB || alternateA === primaryB || (alternateA >= 0 && alternateA === alternateB);
}

function isEstablished(counts: Float64Array, a: number, b: number): boolean {
  const countA = counts[a] ?? 0;
  const countB = counts[b] ?? 0;
  return countA >= establishedCount && countB >= establishedCount && Math.min(countA, countB) >= 0.1 * Math.max(countA, countB);
}

// The same two names meet in many pairs (every John against every Jon in a block): their spelling
// comparison is kept in a small direct-mapped cache, keyed by the two ids.
const cacheSize = 1 << 16;
const cachedPairs = new Float64Array(cacheSize).fill(-1);
const cachedLevels = new Int8Array(cacheSize);
let cachedRecords: PreparedRecords | null = null;

/** Close (a slip apart), alike or phonetically equal: the levels names share. 0 when none applies. */
function spelling(r: PreparedRecords, counts: Float64Array, a: number, b: number, first: number): number {
  if (cachedRecords !== r) { cachedPairs.fill(-1); streetCache.fill(-1); cachedRecords = r; }
  const key = (a < b ? a * 16_777_216 + b : b * 16_777_216 + a) * 4 + first;
  const slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ first) & (cacheSize - 1);
  if (cachedPairs[slot] === key) return cachedLevels[slot] ?? 0;
  const level = spellingLevel(r, counts, a, b, first);
  cachedPairs[slot] = key;
  cachedLevels[slot] = level;
  return level;
}

function spellingLevel(r: PreparedRecords, counts: Float64Array, a: number, b: number, first: number): number {
  const similarity = jaroWinklerIds(r.names, a, b);
  if (similarity >= closeSimilarity || damerauIds(r.names, a, b, 1) <= 1) return isEstablished(counts, a, b) ? first + 1 : first;
  if (similarity >= alikeSimilarity) return first + 2;
  if (soundAlike(r.namePhonetic, a, b)) return first + 3;
  return 0;
}

function compareGiven(r: PreparedRecords, a: number, b: number): number {
  const givenA = r.given[a] ?? -1;
  const givenB = r.given[b] ?? -1;
  if (givenA < 0 || givenB < 0) return 0;
  if (givenA === givenB) return 1;
  if (shareGroup(r.nameGroups, givenA, givenB)) return 2;
  if (lengthOf(r.names, givenA) === 1 || lengthOf(r.names, givenB) === 1) {
    return firstCode(r.names, givenA) === firstCode(r.names, givenB) ? 7 : 9;
  }
  if (givenA === r.middle[b] || givenB === r.middle[a]) return 8;
  return spelling(r, r.givenCount, givenA, givenB, 3) || 9;
}

function isSwapped(r: PreparedRecords, a: number, b: number): boolean {
  const givenA = r.given[a] ?? -1;
  return givenA >= 0 && givenA === r.family[b] && r.family[a] === r.given[b];
}

function shareFamilyWord(r: PreparedRecords, a: number, b: number): boolean {
  const firstA = r.familyFirst[a];
  const lastA = r.familyLast[a];
  const firstB = r.familyFirst[b];
  const lastB = r.familyLast[b];
  if (firstA === lastA && firstB === lastB) return false;
  return firstA === firstB || firstA === lastB || lastA === firstB || lastA === lastB;
}

/** The family-name part of the household level (fields.ts familyParts). */
function familyPart(r: PreparedRecords, a: number, b: number, swapped: boolean): number {
  const familyA = r.family[a] ?? -1;
  const familyB = r.family[b] ?? -1;
  if (familyA < 0 || familyB < 0) return 4;
  if (familyA === familyB || swapped) return 0;
  const spelt = spelling(r, r.familyCount, familyA, familyB, 1);
  if (spelt === 1 || spelt === 2 || spelt === 3) return 1;
  return spelt === 4 || shareFamilyWord(r, a, b) ? 2 : 3;
}

function compareMiddle(r: PreparedRecords, a: number, b: number): number {
  const middleA = r.middle[a] ?? -1;
  const middleB = r.middle[b] ?? -1;
  if (middleA < 0 || middleB < 0) return 0;
  if (middleA === middleB) return 1;
  const isInitial = lengthOf(r.names, middleA) === 1 || lengthOf(r.names, middleB) === 1;
  return isInitial && firstCode(r.names, middleA) === firstCode(r.names, middleB) ? 2 : 3;
}

function compareSuffix(r: PreparedRecords, a: number, b: number): number {
  const suffixA = r.suffix[a] ?? 0;
  const suffixB = r.suffix[b] ?? 0;
  if (suffixA === 0 && suffixB === 0) return 0;
  if (suffixA === suffixB) return 1;
  return suffixA === 0 || suffixB === 0 ? 2 : 3;
}

/**
 * The address part of the household level (fields.ts placeParts), from the UPRN, address line and postcode
 * together. Lines that differ only in their words but share house numbers and postcode are one address
 * written two ways ("Flat 1, Picton Heights" and "Flat 1, Picton Heights Eaton Lane").
 */
function placePart(r: PreparedRecords, a: number, b: number): number {
  const uprnA = r.uprn[a] ?? -1;
  if (uprnA >= 0 && uprnA === r.uprn[b]) return 0;
  const lineA = r.address[a] ?? -1;
  const lineB = r.address[b] ?? -1;
  const postcodeA = r.postcode[a] ?? -1;
  const postcodeB = r.postcode[b] ?? -1;
  const hasLines = lineA >= 0 && lineB >= 0;
  const hasPostcodes = postcodeA >= 0 && postcodeB >= 0;
  if (!hasLines && !hasPostcodes) return uprnA >= 0 && (r.uprn[b] ?? -1) >= 0 ? 4 : 5;
  const samePostcode = hasPostcodes && postcodeA === postcodeB;
  const sameNumbers = hasLines && r.addressNumbers[a] === r.addressNumbers[b];
  const streetAlike = hasLines && sameStreet(r, a, b);
  const sameLine = hasLines && (lineA === lineB || (sameNumbers && streetAlike));
  if (sameLine && (samePostcode || !hasPostcodes)) return 0;
  if (samePostcode && sameNumbers && (r.addressNumbers[a] ?? -1) >= 0) return 0;
  if (samePostcode && !hasLines) return 1;
  if (samePostcode || streetAlike) return 2;
  if (sameLine || (hasPostcodes && r.district[a] === r.district[b])) return 3;
  return 4;
}

const streetCache = new Float64Array(cacheSize).fill(-1);
const streetCacheAlike = new Uint8Array(cacheSize);

/** The same street, or streets spelt alike. */
function sameStreet(r: PreparedRecords, a: number, b: number): boolean {
  const streetA = r.street[a] ?? -1;
  const streetB = r.street[b] ?? -1;
  if (streetA < 0 || streetB < 0) return false;
  if (streetA === streetB) return true;
  if (cachedRecords !== r) { cachedPairs.fill(-1); streetCache.fill(-1); cachedRecords = r; }
  const key = streetA < streetB ? streetA * 16_777_216 + streetB : streetB * 16_777_216 + streetA;
  const slot = (Math.imul(streetA, 0x9e3779b1) ^ Math.imul(streetB, 0x85ebca77)) & (cacheSize - 1);
  if (streetCache[slot] === key) return streetCacheAlike[slot] === 1;
  const alike = jaroWinklerIds(r.addresses, streetA, streetB) >= streetSimilarity;
  streetCache[slot] = key;
  streetCacheAlike[slot] = alike ? 1 : 0;
  return alike;
}

/** The phone part of the household level (fields.ts phoneParts). */
function phonePart(r: PreparedRecords, a: number, b: number): number {
  const phoneA = r.phone[a] ?? -1;
  const phoneB = r.phone[b] ?? -1;
  if (phoneA < 0 || phoneB < 0) return 2;
  return phoneA === phoneB ? 0 : 1;
}

function compareTown(r: PreparedRecords, a: number, b: number): number {
  const townA = r.town[a] ?? -1;
  const townB = r.town[b] ?? -1;
  if (townA < 0 || townB < 0) return 0;
  if (townA === townB) return 1;
  return jaroWinklerIds(r.towns, townA, townB) >= streetSimilarity ? 2 : 3;
}

function compareEmail(r: PreparedRecords, a: number, b: number): number {
  const emailA = r.email[a] ?? -1;
  const emailB = r.email[b] ?? -1;
  if (emailA < 0 || emailB < 0) return 0;
  if (emailA === emailB) return 1;
  const localA = r.emailLocal[a] ?? -1;
  const localB = r.emailLocal[b] ?? -1;
  if (localA < 0 || localB < 0) return 4;
  if (localA === localB) return 2;
  if (damerauIds(r.emails, localA, localB, 1) <= 1) return 3;
  // Jaro–Winkler forgives a number added at the end, but numbers in an email name are chosen (a birth year,
  // the first number free): lmurphy and lmurphy31 are two mailboxes, not a slip.
  return jaroWinklerIds(r.emails, localA, localB) >= closeSimilarity && sameDigits(r.emails, localA, localB) ? 3 : 4;
}

/** Whether two pool entries hold the same digits in the same order (none counts as the same). */
function sameDigits(pool: TextPool, a: number, b: number): boolean {
  let atA = pool.starts[a] ?? 0;
  let atB = pool.starts[b] ?? 0;
  const endA = pool.starts[a + 1] ?? 0;
  const endB = pool.starts[b + 1] ?? 0;
  for (;;) {
    while (atA < endA && !isDigit(pool.codes[atA] ?? 0)) atA++;
    while (atB < endB && !isDigit(pool.codes[atB] ?? 0)) atB++;
    if (atA === endA || atB === endB) return atA === endA && atB === endB;
    if (pool.codes[atA] !== pool.codes[atB]) return false;
    atA++;
    atB++;
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function compareNi(r: PreparedRecords, a: number, b: number): number {
  const niA = r.ni[a] ?? -1;
  const niB = r.ni[b] ?? -1;
  if (niA < 0 || niB < 0) return 0;
  if (niA === niB) return 1;
  if (r.niStem[a] === r.niStem[b]) return 2;
  return damerauIds(r.nis, niA, niB, 1) <= 1 ? 3 : 4;
}

function compareSex(r: PreparedRecords, a: number, b: number): number {
  const sexA = r.sex[a] ?? 0;
  const sexB = r.sex[b] ?? 0;
  if (sexA === 0 || sexB === 0) return 0;
  return sexA === sexB ? 1 : 2;
}

/** One field's level for records a < b: the byte comparePair writes for that field. */
export function compareField(r: PreparedRecords, fieldIndex: number, a: number, b: number): number {
  switch (fieldIndex) {
    case field.given: return isSwapped(r, a, b) ? 0 : compareGiven(r, a, b);
    case field.household: return householdLevel(familyPart(r, a, b, isSwapped(r, a, b)), placePart(r, a, b), phonePart(r, a, b));
    case field.middle: return compareMiddle(r, a, b);
    case field.suffix: return compareSuffix(r, a, b);
    case field.dob: return compareDates(r.dob[a] ?? -1, r.dob[b] ?? -1, r.dobDays[a] ?? 0, r.dobDays[b] ?? 0);
    case field.sex: return compareSex(r, a, b);
    case field.town: return compareTown(r, a, b);
    case field.email: return compareEmail(r, a, b);
    case field.ni: return compareNi(r, a, b);
    case field.system: return r.system[a] === r.system[b] ? 1 : 2;
    case field.namesakes: return namesakesLevel(r, a, b);
    default: return 0;
  }
}

/** Compares records a and b and writes their comparison vector (one byte per field) at out[offset]. */
export function comparePair(r: PreparedRecords, a: number, b: number, out: Uint8Array, offset: number): void {
  const swapped = isSwapped(r, a, b);
  // Swapped names are one piece of evidence, carried by the family name's part of the household level.
  out[offset + field.given] = swapped ? 0 : compareGiven(r, a, b);
  out[offset + field.household] = householdLevel(familyPart(r, a, b, swapped), placePart(r, a, b), phonePart(r, a, b));
  out[offset + field.middle] = compareMiddle(r, a, b);
  out[offset + field.suffix] = compareSuffix(r, a, b);
  out[offset + field.dob] = compareDates(r.dob[a] ?? -1, r.dob[b] ?? -1, r.dobDays[a] ?? 0, r.dobDays[b] ?? 0);
  out[offset + field.sex] = compareSex(r, a, b);
  out[offset + field.town] = compareTown(r, a, b);
  out[offset + field.email] = compareEmail(r, a, b);
  out[offset + field.ni] = compareNi(r, a, b);
  out[offset + field.system] = r.system[a] === r.system[b] ? 1 : 2;
  out[offset + field.namesakes] = namesakesLevel(r, a, b);
}
