import type { StandardFields } from '../sources/source-record.ts';

// Folded forms of names and addresses that make exact comparisons fair: case, accents and punctuation aside.
const diacritics = /[\u0300-\u036f]/g;
const nonLetters = /[^a-z]/g;
const nonAlphanumerics = /[^a-z0-9]/g;

export function foldName(value: string | null | undefined): string {
  if (!value) return '';
  return value.normalize('NFD').replace(diacritics, '').toLowerCase().replace(nonLetters, '');
}

export function firstToken(value: string | null | undefined): string {
  if (!value) return '';
  const trimmed = value.trim();
  const space = trimmed.search(/[\s-]/);
  return space === -1 ? trimmed : trimmed.slice(0, space);
}

/**
 * The deterministic "same person" key: first given name, family name, date of birth and postcode.
 * Null when any part is missing, because a partial key would join strangers.
 */
export function nameKey(fields: Pick<StandardFields, 'givenName' | 'familyName' | 'dob' | 'postcode'>): string | null {
  const given = foldName(firstToken(fields.givenName));
  const family = foldName(fields.familyName);
  if (!given || !family || !fields.dob || !fields.postcode) return null;
  return `${given}|${family}|${fields.dob}|${fields.postcode.replace(' ', '')}`;
}

/** First address line and postcode folded, so "14 HIGH ST." and "14 High St" at L1 8JQ meet. */
export function addressKey(line1: string | null | undefined, postcode: string | null | undefined): string | null {
  if (!line1 || !postcode) return null;
  const folded = line1.normalize('NFD').replace(diacritics, '').toLowerCase().replace(nonAlphanumerics, '');
  return folded ? `${folded}|${postcode.replace(' ', '').toUpperCase()}` : null;
}

/** What staff type and the golden record is searched by: "given family", folded but keeping spaces. */
export function searchName(givenName: string | null, familyName: string | null): string {
  const fold = (value: string | null) =>
    (value ?? '').normalize('NFD').replace(diacritics, '').toLowerCase().replace(/[^a-z\s'-]/g, '').replace(/['-]/g, ' ');
  return `${fold(givenName)} ${fold(familyName)}`.replace(/\s+/g, ' ').trim();
}
