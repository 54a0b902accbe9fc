import { parseDate } from '../sources/parse-date.ts';
import { parseEmail } from '../sources/parse-email.ts';
import { parseNiNumber } from '../sources/parse-ni.ts';
import { parsePhone } from '../sources/parse-phone.ts';
import { parsePostcode } from '../sources/parse-postcode.ts';
import { parseReference } from './reference.ts';

// Reading what an agent types into one search box: a name with typos, and any of a postcode, date of birth,
// phone number, email, NI number, UPRN, person reference or a source system's own reference, in any order.

export type SearchQuery = {
  name: string | null;
  postcode: string | null;
  dob: string | null;
  phone: string | null;
  email: string | null;
  niNumber: string | null;
  uprn: string | null;
  personId: number | null;
  /** The whole text, tried as a source system's own reference (an account or claim number). */
  sourceReference: string | null;
  /** What could not be read, for the page to say so. */
  notes: string[];
};

const postcodeInText = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/i;
const dateInText = /\b(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2})\b/;
const emailInText = /\S+@\S+/;
const niInText = /\b([A-Z]{2})\s?(\d{2})\s?(\d{2})\s?(\d{2})\s?([A-D])?\b/i;
const phoneInText = /(\+44\s?\(?0?\)?|\b0)[\d\s()-]{8,14}\d/;

export function parseSearch(input: { q?: string; postcode?: string; dob?: string }, today = new Date()): SearchQuery {
  const query: SearchQuery = { name: null, postcode: null, dob: null, phone: null, email: null, niNumber: null, uprn: null, personId: null, sourceReference: null, notes: [] };
  let text = ` ${(input.q ?? '').trim()} `;
  const whole = (input.q ?? '').trim();
  if (whole && !/\s/.test(whole)) query.sourceReference = whole;
  const reference = whole ? parseReference(whole) : undefined;
  if (reference) { query.personId = reference.id; text = ''; }
  const take = (pattern: RegExp, read: (match: string) => boolean) => {
    const match = pattern.exec(text);
    if (match && read(match[0])) text = text.replace(match[0], ' ');
  };
  take(emailInText, (value) => { const email = parseEmail(value); if (email.ok && email.value) query.email = email.value; return email.ok; });
  take(niInText, (value) => { const ni = parseNiNumber(value); if (ni.ok && ni.value) query.niNumber = ni.value; return ni.ok && ni.value !== null; });
  take(postcodeInText, (value) => { const postcode = parsePostcode(value); if (postcode.ok && postcode.value) query.postcode = postcode.value; return postcode.ok; });
  // A date that is not a real one is still a date: say so, rather than leave its digits to be read as a UPRN.
  take(dateInText, (value) => {
    const date = parseDate(value, 'auto', 'date of birth', today);
    if (date.ok && date.value) query.dob = date.value;
    if (!date.ok) query.notes.push(`The date of birth was not used: ${date.reason}.`);
    return true;
  });
  take(phoneInText, (value) => { const phone = parsePhone(value); if (phone.ok && phone.value) query.phone = phone.value; return phone.ok && phone.value !== null; });
  // A UPRN is a word of digits alone; digits inside a word (HB-20417) are part of a system's reference.
  take(/(?<=^|\s)\d{1,12}(?=\s|$)/, (value) => { query.uprn = value.replace(/^0+/, '') || null; return true; });
  const name = text.split(/\s+/).filter((word) => !/\d/.test(word)).join(' ').replace(/[^\p{L}\s'-]/gu, ' ').replace(/\s+/g, ' ').trim();
  query.name = name.length >= 2 ? name : null;
  applyFilter(query, 'postcode', input.postcode, (value) => parsePostcode(value), 'postcode');
  applyFilter(query, 'dob', input.dob, (value) => parseDate(value, 'auto', 'date of birth', today), 'date of birth');
  return query;
}

function applyFilter(
  query: SearchQuery,
  field: 'postcode' | 'dob',
  value: string | undefined,
  parse: (value: string) => { ok: true; value: string | null } | { ok: false; reason: string },
  label: string,
): void {
  if (!value || value.trim() === '') return;
  const parsed = parse(value);
  if (parsed.ok) query[field] = parsed.value;
  else query.notes.push(`The ${label} was not used: ${parsed.reason}.`);
}

export function isEmptyQuery(query: SearchQuery): boolean {
  return !query.name && !query.postcode && !query.dob && !query.phone && !query.email && !query.niNumber && !query.uprn && query.personId === null && !query.sourceReference;
}
