import type { NameFormat } from './source-record.ts';
import { displayName } from './parse-case.ts';
import { accept, empty, refuse, type Parsed } from './parse-result.ts';

/** A name as an extract sends it: in parts, or whole in `full`. */
export type NameInput = {
  title?: string | undefined;
  given?: string | undefined;
  middle?: string | undefined;
  family?: string | undefined;
  full?: string | undefined;
};

export type PersonName = {
  title: string | null;
  givenName: string | null;
  middleName: string | null;
  familyName: string | null;
  /** "Given Middle Family", without the title; filled whenever any of them is. */
  fullName: string | null;
};

type Parts = { title: string; given: string; middle: string; family: string };

const digit = /\d/;
const plainName = /^[A-Za-z]+(?:[ '-][A-Za-z]+)*$/;
const quotes = /[‘’ʼ`´]/g;
const dashes = /[‐‑‒–—]/g;
const stray = /[^\p{L}\p{M}\s'-]+/gu;
const spacedHyphen = /\s*-\s*/g;
const looseMarks = /(?<=^|\s)['-]+|['-]+(?=\s|$)/g;
const spaces = /\s+/g;

const titles: ReadonlyMap<string, string> = new Map([
  ['mr', 'Mr'], ['mrs', 'Mrs'], ['ms', 'Ms'], ['miss', 'Miss'], ['mx', 'Mx'], ['master', 'Master'],
  ['dr', 'Dr'], ['doctor', 'Dr'], ['prof', 'Prof'], ['professor', 'Prof'], ['rev', 'Rev'], ['revd', 'Rev'],
  ['reverend', 'Rev'], ['sir', 'Sir'], ['dame', 'Dame'], ['lady', 'Lady'], ['lord', 'Lord'],
]);

// Words that belong to the family name that follows them: "Ludwig van der Berg", "Maria da Silva".
const particles: ReadonlySet<string> = new Set([
  'van', 'von', 'der', 'den', 'de', 'da', 'di', 'du', 'del', 'della', 'dos', 'das', 'la', 'le', 'ter', 'ten', 'al', 'el', 'bin', 'ibn',
]);

const labels = [['title', 'title'], ['given', 'given name'], ['middle', 'middle name'], ['family', 'family name'], ['full', 'name']] as const;

/**
 * Reads a person's name. Parts win when the extract has them; otherwise `full` is split: "Mr John Paul
 * Smith", "SMITH, John" (a comma puts the family name first), "Smith John" only when the format is family_given.
 */
export function parseName(input: NameInput, format: NameFormat): Parsed<PersonName> {
  for (const [key, label] of labels) {
    const text = input[key];
    if (text !== undefined && digit.test(text)) return refuse(label, text.trim(), 'contains a digit');
  }
  const title = readTitle(input.title);
  const given = clean(input.given);
  const middle = clean(input.middle);
  const family = clean(input.family);
  if (given !== '' || middle !== '' || family !== '') return build({ title, given, middle, family });
  const full = input.full ?? '';
  // Joint tenancies arrive as "Mr & Mrs Smith": one record cannot hold two people.
  if (full.includes('&')) return refuse('name', full.trim(), 'names more than one person');
  const parts = readFull(full, format);
  if (title !== '') parts.title = title;
  return build(parts);
}

/** Trims, collapses spaces, turns curly quotes into apostrophes and drops punctuation but hyphens and apostrophes. */
function clean(text: string | undefined): string {
  if (text === undefined) return '';
  const trimmed = text.trim();
  if (plainName.test(trimmed)) return trimmed;
  return trimmed.replace(quotes, "'").replace(dashes, '-').replace(stray, ' ').replace(spacedHyphen, '-')
    .replace(looseMarks, '').replace(spaces, ' ').trim();
}

function readTitle(text: string | undefined): string {
  const cleaned = clean(text);
  return titles.get(cleaned.toLowerCase()) ?? displayName(cleaned);
}

function words(text: string): string[] {
  return text === '' ? [] : text.split(' ');
}

function readFull(full: string, format: NameFormat): Parts {
  const comma = full.indexOf(',');
  if (comma >= 0) return readFamilyFirst(words(clean(full.slice(0, comma))), words(clean(full.slice(comma + 1))));
  const all = words(clean(full));
  const title = takeTitles(all, 1);
  return format === 'family_given' ? { title, ...splitFamilyGiven(all) } : { title, ...splitGivenFamily(all) };
}

/** "SMITH, John Paul", "Mr Smith, John", "Smith, John (Mr)". */
function readFamilyFirst(family: string[], rest: string[]): Parts {
  let title = takeTitles(family, 1) || takeTitles(rest, 0);
  const last = rest[rest.length - 1];
  if (title === '' && rest.length > 1 && last !== undefined && titles.has(last.toLowerCase())) {
    title = titles.get(last.toLowerCase()) ?? '';
    rest.pop();
  }
  return { title, given: rest[0] ?? '', middle: rest.slice(1).join(' '), family: family.join(' ') };
}

/** Removes titles from the front of `all`, leaving at least `keep` words, and returns them. */
function takeTitles(all: string[], keep: number): string {
  let title = '';
  while (all.length > keep) {
    const found = titles.get((all[0] ?? '').toLowerCase());
    if (found === undefined) break;
    title = title === '' ? found : `${title} ${found}`;
    all.shift();
  }
  return title;
}

function splitGivenFamily(all: string[]): Omit<Parts, 'title'> {
  if (all.length < 2) return { given: '', middle: '', family: all[0] ?? '' };
  let start = all.length - 1;
  while (start > 1 && particles.has((all[start - 1] ?? '').toLowerCase())) start -= 1;
  return { given: all[0] ?? '', middle: all.slice(1, start).join(' '), family: all.slice(start).join(' ') };
}

function splitFamilyGiven(all: string[]): Omit<Parts, 'title'> {
  let end = 0;
  while (end + 2 < all.length && particles.has((all[end] ?? '').toLowerCase())) end += 1;
  return { given: all[end + 1] ?? '', middle: all.slice(end + 2).join(' '), family: all.slice(0, end + 1).join(' ') };
}

function build(parts: Parts): Parsed<PersonName> {
  const givenName = nullIfBlank(displayName(parts.given));
  const middleName = nullIfBlank(displayName(parts.middle));
  const familyName = nullIfBlank(displayName(parts.family));
  const title = nullIfBlank(parts.title);
  if (givenName === null && middleName === null && familyName === null && title === null) return empty;
  const fullName = joinNames(joinNames(givenName, middleName), familyName);
  return accept({ title, givenName, middleName, familyName, fullName });
}

function joinNames(first: string | null, second: string | null): string | null {
  if (first === null) return second;
  return second === null ? first : `${first} ${second}`;
}

function nullIfBlank(text: string): string | null {
  return text === '' ? null : text;
}
