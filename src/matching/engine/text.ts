// Folding names and addresses into the forms the comparisons work on: lower case, no accents, no
// punctuation, titles and generational suffixes taken off.

const marks = /[\u0300-\u036f]/g;
const specialLetters: Readonly<Record<string, string>> = {
  ł: 'l', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h',
};
const special = /[łøßæœđðþıħ]/g;
const notLetters = /[^a-z]+/g;
const apostrophes = /['’‘`´]/g;
const notWordCharacters = /[^a-z0-9]+/g;

/** Lower case, accents and special letters folded to ASCII, everything else but letters and spaces removed; words split. */
export function foldWords(text: string | null | undefined): string[] {
  if (!text) return [];
  let lower = text.toLowerCase();
  if (/[^\x00-\x7f]/.test(lower)) lower = lower.normalize('NFD').replace(marks, '').replace(special, (letter) => specialLetters[letter] ?? '');
  // O'Brien is one word, obrien; a hyphen or space separates words.
  return lower.replace(apostrophes, '').replace(notLetters, ' ').trim().split(' ').filter((word) => word !== '');
}

const titles: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'master', 'dr', 'doctor', 'prof', 'professor', 'rev', 'revd', 'reverend', 'sir', 'dame',
  'lady', 'lord', 'fr', 'father', 'sister', 'capt', 'captain', 'col', 'colonel', 'major', 'sgt', 'cllr', 'councillor',
]);

/** Generational suffixes, as systems write them, to a code: 1 junior, 2 senior, 3 to 5 the second to fourth. */
const suffixes: ReadonlyMap<string, number> = new Map([
  ['jr', 1], ['jnr', 1], ['junior', 1], ['sr', 2], ['snr', 2], ['senior', 2], ['ii', 3], ['iii', 4], ['iv', 5],
]);

export const suffixNames = ['', 'junior', 'senior', 'the second', 'the third', 'the fourth'] as const;

/** A person's name folded for comparing: first given name, middle name, family name in words, suffix. */
export type FoldedName = { given: string; middle: string; family: string[]; suffix: number };

/**
 * Folds the parts of a name. Titles left in a given name are dropped ("Dr John" → john); a suffix is taken
 * off the family name ("Smith Jr" → smith, junior); a parse that left only the suffix as the family name
 * ("Mr John Smith Jr" read as given John, middle Smith, family Jr) takes the family name back from the middle.
 */
export function foldName(given: string | null, middle: string | null, family: string | null): FoldedName {
  const givenWords = foldWords(given);
  while (givenWords.length > 1 && titles.has(givenWords[0] ?? '')) givenWords.shift();
  const middleWords = [...givenWords.slice(1), ...foldWords(middle)];
  const familyWords = foldWords(family);
  let suffix = 0;
  while (familyWords.length > 0) {
    const code = suffixes.get(familyWords[familyWords.length - 1] ?? '');
    if (code === undefined) break;
    suffix = code;
    familyWords.pop();
  }
  const lastMiddle = middleWords[middleWords.length - 1];
  if (familyWords.length === 0 && suffix !== 0 && lastMiddle !== undefined && lastMiddle.length > 1) {
    familyWords.push(lastMiddle);
    middleWords.pop();
  }
  return { given: givenWords[0] ?? '', middle: middleWords[0] ?? '', family: familyWords, suffix };
}

const streetWords: Readonly<Record<string, string>> = {
  st: 'street', rd: 'road', ave: 'avenue', av: 'avenue', ln: 'lane', dr: 'drive', cres: 'crescent', cresc: 'crescent',
  ct: 'court', crt: 'court', pl: 'place', gdns: 'gardens', gdn: 'gardens', sq: 'square', cl: 'close', ter: 'terrace',
  terr: 'terrace', tce: 'terrace', gr: 'grove', gro: 'grove', pk: 'park', wy: 'way', hse: 'house', bldg: 'building',
  mt: 'mount', pde: 'parade', blvd: 'boulevard', hwy: 'highway', est: 'estate', cottages: 'cottage', cotts: 'cottage',
  apartment: 'flat', apt: 'flat', unit: 'flat', no: '', number: '',
};
const unitWords: ReadonlySet<string> = new Set(['flat', 'room']);

/** An address line folded: its numbers ("12a", "3") and its words ("high street"), and both together. */
export type FoldedAddress = { line: string; numbers: string; street: string };

/** Folds a first address line: "Flat 1, 12A High St." → numbers "1 12a", street "high street". */
export function foldAddress(line1: string | null | undefined): FoldedAddress | null {
  if (!line1) return null;
  const tokens = line1.toLowerCase().replace(apostrophes, '').replace(notWordCharacters, ' ').trim().split(' ');
  const numbers: string[] = [];
  const words: string[] = [];
  let afterUnit = false;
  for (const token of tokens) {
    if (token === '') continue;
    // "Flat A" and "Flat 3" both name a flat: the letter after a unit word is its number.
    if (/\d/.test(token) || (afterUnit && token.length === 1)) { numbers.push(token); afterUnit = false; continue; }
    const word = streetWords[token] ?? token;
    afterUnit = unitWords.has(word);
    if (word !== '' && !afterUnit) words.push(word);
  }
  if (numbers.length === 0 && words.length === 0) return null;
  const street = words.join(' ');
  const numberText = numbers.join(' ');
  return { line: numberText === '' ? street : `${numberText} ${street}`.trim(), numbers: numberText, street };
}

/** The local part of an email address folded for comparing: lower case, dots and a "+tag" ignored. */
export function foldEmailLocal(email: string): string {
  const at = email.lastIndexOf('@');
  const local = (at < 0 ? email : email.slice(0, at)).toLowerCase();
  const plus = local.indexOf('+');
  return (plus > 0 ? local.slice(0, plus) : local).replace(/[^a-z0-9]/g, '');
}
