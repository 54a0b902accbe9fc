// String similarity for the comparison hot loop. Both measures work on UTF-16 code units held in one
// typed array (a dictionary's text pool), so comparing two names allocates nothing.

const longest = 255;
// Matched positions are marked with the current call's stamp, so the marks never need clearing.
const flagsA = new Int32Array(longest);
const flagsB = new Int32Array(longest);
let stamp = 0;
const rowPrevious = new Int32Array(longest + 2);
const rowBefore = new Int32Array(longest + 2);
const rowCurrent = new Int32Array(longest + 2);

/**
 * Jaro–Winkler similarity (Winkler 1990: prefix scale 0.1, prefix up to 4, boost above 0.7) of
 * codes[aStart, aStart+aLength) and codes[bStart, bStart+bLength).
 */
export function jaroWinklerCodes(codes: Uint16Array, aStart: number, aLength: number, bStart: number, bLength: number): number {
  const lengthA = Math.min(aLength, longest);
  const lengthB = Math.min(bLength, longest);
  if (lengthA === 0 || lengthB === 0) return lengthA === lengthB ? 1 : 0;
  const window = Math.max(0, (Math.max(lengthA, lengthB) >> 1) - 1);
  stamp = stamp === 0x7fffffff ? 1 : stamp + 1;
  if (stamp === 1) { flagsA.fill(0); flagsB.fill(0); }
  const mark = stamp;
  let matches = 0;
  for (let i = 0; i < lengthA; i++) {
    const code = codes[aStart + i];
    const low = i > window ? i - window : 0;
    const high = i + window < lengthB - 1 ? i + window : lengthB - 1;
    for (let j = low; j <= high; j++) {
      if (flagsB[j] !== mark && codes[bStart + j] === code) {
        flagsA[i] = mark;
        flagsB[j] = mark;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < lengthA; i++) {
    if (flagsA[i] !== mark) continue;
    while (flagsB[k] !== mark) k++;
    if (codes[aStart + i] !== codes[bStart + k]) transpositions++;
    k++;
  }
  const jaro = (matches / lengthA + matches / lengthB + (matches - (transpositions >> 1)) / matches) / 3;
  if (jaro <= 0.7) return jaro;
  let prefix = 0;
  const prefixLimit = Math.min(4, lengthA, lengthB);
  while (prefix < prefixLimit && codes[aStart + prefix] === codes[bStart + prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Damerau–Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and
 * transpositions of neighbours), giving up early: returns limit + 1 once the distance must exceed limit.
 */
export function damerauCodes(codes: Uint16Array, aStart: number, aLength: number, bStart: number, bLength: number, limit: number): number {
  const lengthA = Math.min(aLength, longest);
  const lengthB = Math.min(bLength, longest);
  if (Math.abs(lengthA - lengthB) > limit) return limit + 1;
  if (lengthA === 0) return lengthB;
  if (lengthB === 0) return lengthA;
  let before = rowBefore;
  let previous = rowPrevious;
  let current = rowCurrent;
  for (let j = 0; j <= lengthB; j++) previous[j] = j;
  for (let i = 1; i <= lengthA; i++) {
    current[0] = i;
    let rowMinimum = i;
    const codeA = codes[aStart + i - 1];
    for (let j = 1; j <= lengthB; j++) {
      const codeB = codes[bStart + j - 1];
      const cost = codeA === codeB ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && codeA === codes[bStart + j - 2] && codes[aStart + i - 2] === codeB) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return previous[lengthB] ?? 0;
}

const pairCodes = new Uint16Array(2 * longest);

function loadPair(a: string, b: string): [number, number] {
  const lengthA = Math.min(a.length, longest);
  const lengthB = Math.min(b.length, longest);
  for (let i = 0; i < lengthA; i++) pairCodes[i] = a.charCodeAt(i);
  for (let i = 0; i < lengthB; i++) pairCodes[longest + i] = b.charCodeAt(i);
  return [lengthA, lengthB];
}

/** Jaro–Winkler similarity of two strings, 0 to 1. */
export function jaroWinkler(a: string, b: string): number {
  const [lengthA, lengthB] = loadPair(a, b);
  return jaroWinklerCodes(pairCodes, 0, lengthA, longest, lengthB);
}

/** Damerau–Levenshtein (optimal string alignment) distance of two strings, capped at limit + 1. */
export function damerauLevenshtein(a: string, b: string, limit = longest): number {
  const [lengthA, lengthB] = loadPair(a, b);
  return damerauCodes(pairCodes, 0, lengthA, longest, lengthB, limit);
}
