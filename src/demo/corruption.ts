// The realistic ways source systems get a person wrong: typos, nicknames, maiden names, stale
// addresses, untidy postcodes and phone numbers, swapped day and month, and wholly invalid values.
import type { Property, Resident } from './council.ts';
import type { Random } from './random.ts';
import { nicknamesOf } from './name-picker.ts';
import { asciiFold } from './people.ts';
import { ageOn } from './dates.ts';

export type DateStyle = 'dmy' | 'ymd' | 'iso';

export function formatDate(iso: string, style: DateStyle): string {
  if (style === 'iso') return iso;
  if (style === 'ymd') return iso.replaceAll('-', '');
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Day and month swapped, only where the result is still a real date, so nothing flags it. */
export function swapDayMonth(iso: string): string {
  const month = iso.slice(5, 7);
  const day = iso.slice(8, 10);
  if (Number(day) > 12 || day === month) return iso;
  return `${iso.slice(0, 4)}-${day}-${month}`;
}

const impossibleDays = ['02-31', '02-30', '04-31', '06-31', '09-31', '11-31', '13-12', '00-10', '05-00'];

/** A date no calendar has ("31/02/1975"), in the system's own format. */
export function impossibleDate(random: Random, year: string): string {
  const monthDay = random.pick(impossibleDays);
  return `${year}-${monthDay}`;
}

const keyboardNeighbours: Record<string, string> = {
  a: 'sqz', b: 'vn', c: 'xv', d: 'sf', e: 'wr', f: 'dg', g: 'fh', h: 'gj', i: 'uo', j: 'hk', k: 'jl', l: 'k', m: 'n',
  n: 'bm', o: 'ip', p: 'o', q: 'wa', r: 'et', s: 'ad', t: 'ry', u: 'yi', v: 'cb', w: 'qe', x: 'zc', y: 'tu', z: 'xa',
};

/** One or two slips of the keyboard, never in the first letter: transposed, dropped, doubled or wrong key. */
export function typo(word: string, random: Random): string {
  let result = word;
  const edits = random.chance(0.8) ? 1 : 2;
  for (let edit = 0; edit < edits && result.length >= 3; edit++) {
    const at = random.int(1, result.length - 1);
    const letter = result.charAt(at);
    const kind = random.int(0, 3);
    if (kind === 0 && at < result.length - 1) result = result.slice(0, at) + result.charAt(at + 1) + letter + result.slice(at + 2);
    else if (kind === 1) result = result.slice(0, at) + result.slice(at + 1);
    else if (kind === 2) result = result.slice(0, at) + letter + result.slice(at);
    else {
      const neighbours = keyboardNeighbours[letter.toLowerCase()];
      if (!neighbours) continue;
      const replacement = random.pick(neighbours.split(''));
      result = result.slice(0, at) + (letter === letter.toUpperCase() ? replacement.toUpperCase() : replacement) + result.slice(at + 1);
    }
  }
  return result;
}

export type PostcodeMess = { noSpace: number; lowerCase: number };

export function messyPostcode(postcode: string, random: Random, mess: PostcodeMess): string {
  let result = random.chance(mess.noSpace) ? postcode.replace(' ', '') : postcode;
  if (random.chance(mess.lowerCase)) result = result.toLowerCase();
  return result;
}

/** A postcode no importer should accept: "L15 8J", "8JQ L15", "L15 8JQQ", "L15 J8Q". */
export function malformedPostcode(postcode: string, random: Random): string {
  const [outward = 'L1', inward = '8JQ'] = postcode.split(' ');
  const forms = [
    `${outward} ${inward.slice(0, 2)}`, `${inward} ${outward}`, `${outward} ${inward}${inward.charAt(2)}`,
    `${outward} ${inward.charAt(1)}${inward.charAt(0)}${inward.charAt(2)}`,
  ];
  return random.pick(forms);
}

export type PhoneStyle = 'spaced' | 'compact' | 'international' | 'e164' | 'brackets' | 'dashes' | 'lostZero';

/** Renders "07700 900123" or "0151 496 0123" the way different people type phone numbers. */
export function formatPhone(phone: string, style: PhoneStyle): string {
  const digits = phone.replace(/\s/g, '');
  const parts = phone.split(' ');
  switch (style) {
    case 'spaced': return phone;
    case 'compact': return digits;
    case 'international': return `+44 ${phone.slice(1)}`;
    case 'e164': return `+44${digits.slice(1)}`;
    case 'brackets': return `(${parts[0] ?? ''}) ${parts.slice(1).join(' ')}`;
    case 'dashes': return parts.join('-');
    // A spreadsheet took the number for a number and dropped its leading zero.
    case 'lostZero': return digits.slice(1);
  }
}

export function titleFor(resident: Resident, random: Random): string {
  if (random.chance(0.01)) return 'Dr';
  if (resident.sex === 'male') return 'Mr';
  if (resident.maidenName) return 'Mrs';
  return ageOn(resident.dob) < 30 && random.chance(0.5) ? 'Miss' : 'Ms';
}

/** How likely a system is to hold each kind of error for a person. */
export type Quirks = { typo: number; nickname: number; maiden: number; stale: number; fold: number; suffix: number };

export const noQuirks: Quirks = { typo: 0, nickname: 0, maiden: 0, stale: 0, fold: 0, suffix: 0 };

/** A person as one system holds them. */
export type PersonView = {
  givenName: string;
  middleName: string | null;
  familyName: string;
  suffix: string | null;
  property: Property;
  addressFrom: string;
};

export function viewPerson(resident: Resident, current: Property, random: Random, quirks: Quirks): PersonView {
  const stale = resident.previousAddress && random.chance(quirks.stale) ? resident.previousAddress : null;
  const nicknames = nicknamesOf(resident.givenName);
  let givenName = nicknames.length > 0 && random.chance(quirks.nickname) ? random.pick(nicknames) : resident.givenName;
  // Only recently married women are still held under their maiden name somewhere.
  let familyName = resident.maidenName && resident.hardCase === 'married' && random.chance(quirks.maiden)
    ? resident.maidenName : resident.familyName;
  let middleName = resident.middleName;
  if (random.chance(quirks.fold)) {
    givenName = asciiFold(givenName);
    familyName = asciiFold(familyName);
    middleName = middleName === null ? null : asciiFold(middleName);
  }
  if (random.chance(quirks.typo)) {
    if (random.chance(0.5)) givenName = typo(givenName, random);
    else familyName = typo(familyName, random);
  }
  return {
    givenName, middleName, familyName,
    suffix: resident.suffix && random.chance(quirks.suffix) ? resident.suffix : null,
    property: stale ? stale.property : current,
    addressFrom: stale ? stale.from : resident.addressFrom,
  };
}
