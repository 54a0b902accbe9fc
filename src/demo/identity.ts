import { Random, Scatter } from './random.ts';

// HMRC never issues these letters in a National Insurance number prefix, nor these prefixes.
const niFirstLetters = 'ABCEGHJKLMNOPRSTWXYZ'.split('');
const niSecondLetters = 'ABCEGHJKLMNPRSTWXYZ'.split('');
const niRefusedPrefixes = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const niPrefixes = niFirstLetters.flatMap((first) => niSecondLetters.map((second) => first + second))
  .filter((prefix) => !niRefusedPrefixes.has(prefix));

// Ofcom keeps 07700 900000–900999 and 0151 496 0000–0999 for drama; beyond the first thousand of each
// the demo uses ordinary-looking numbers.
const mobilePrefixes = ['07711', '07723', '07734', '07745', '07756', '07767', '07778', '07789', '07800', '07812', '07825',
  '07837', '07846', '07852', '07866', '07875', '07888', '07903', '07912', '07921', '07930', '07944', '07950', '07960',
  '07971', '07983', '07412', '07425', '07440', '07455', '07462', '07475', '07481', '07503', '07512', '07525', '07534',
  '07541', '07555', '07566'];
const landlineExchanges = ['220', '222', '227', '228', '233', '259', '260', '263', '280', '286', '291', '298', '426', '427',
  '428', '433', '474', '475', '486', '487', '489', '494', '521', '523', '524', '525', '526', '531', '538', '546', '547',
  '548', '549', '639', '722', '724', '727', '728', '733', '734'];

const dramaSize = 1000;

/** Hands out phone, National Insurance and care numbers that never repeat within one demo council. */
export class IdentityIssuer {
  private mobiles = 0;
  private landlines = 0;
  private niNumbers = 0;
  private careNumbers = 0;
  /** Email addresses given out, as 52-bit hashes: a million residents' addresses in a few megabytes. */
  private readonly emails = new Set<number>();
  private readonly dramaMobile: Scatter;
  private readonly dramaLandline: Scatter;
  private readonly mobile: Scatter;
  private readonly landline: Scatter;
  private readonly ni: Scatter;
  private readonly care: Scatter;

  constructor(private readonly random: Random) {
    this.dramaMobile = new Scatter(dramaSize, random);
    this.dramaLandline = new Scatter(dramaSize, random);
    this.mobile = new Scatter(mobilePrefixes.length * 1_000_000, random);
    this.landline = new Scatter(landlineExchanges.length * 10_000, random);
    this.ni = new Scatter(niPrefixes.length * 1_000_000, random);
    this.care = new Scatter(1_000_000, random);
  }

  /** "07700 900123" */
  nextMobile(): string {
    const index = this.mobiles++;
    if (index < dramaSize) return `07700 900${pad(this.dramaMobile.at(index), 3)}`;
    const value = this.mobile.at(index - dramaSize);
    return `${mobilePrefixes[Math.floor(value / 1_000_000)] ?? '07711'} ${pad(value % 1_000_000, 6)}`;
  }

  /** "0151 496 0123" */
  nextLandline(): string {
    const index = this.landlines++;
    if (index < dramaSize) return `0151 496 0${pad(this.dramaLandline.at(index), 3)}`;
    const value = this.landline.at(index - dramaSize);
    return `0151 ${landlineExchanges[Math.floor(value / 10_000)] ?? '220'} ${pad(value % 10_000, 4)}`;
  }

  /** "AB123456C": valid HMRC shape, unique within the council. */
  nextNiNumber(): string {
    const value = this.ni.at(this.niNumbers++);
    const prefix = niPrefixes[Math.floor(value / 1_000_000)] ?? 'AB';
    return `${prefix}${pad(value % 1_000_000, 6)}${this.random.pick(['A', 'B', 'C', 'D'])}`;
  }

  /**
   * The address itself when no one has it yet; otherwise, as a mail provider would make them, the address
   * with a two-digit number before the @, the first free one. No random draw, so the rest of the council is
   * the same whatever emails are taken.
   */
  ownEmail(wanted: string): string {
    const at = wanted.lastIndexOf('@');
    const local = wanted.slice(0, at);
    const domain = wanted.slice(at);
    let email = wanted;
    for (let attempt = 0; this.emails.has(hashText(email)); attempt++) {
      email = `${local}${10 + ((hashText(local) + attempt * 37) % 90)}${attempt >= 90 ? attempt : ''}${domain}`;
    }
    this.emails.add(hashText(email));
    return email;
  }

  /** A ten-digit NHS-style number in the 999 range NHS England keeps for testing, with a valid check digit. */
  nextCareNumber(): string {
    for (;;) {
      const body = `999${pad(this.care.at(this.careNumbers++), 6)}`;
      const check = nhsCheckDigit(body);
      if (check !== null) return `${body}${check}`;
    }
  }
}

/** Modulus 11 check digit of an NHS number; null when the body can never be valid. */
export function nhsCheckDigit(body: string): number | null {
  let sum = 0;
  for (let index = 0; index < 9; index++) sum += Number(body[index]) * (10 - index);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}

export function isValidNiNumber(value: string): boolean {
  const match = /^([A-Z]{2})\d{6}[A-D]$/.exec(value);
  if (!match?.[1]) return false;
  const [first, second] = match[1];
  return !'DFIQUV'.includes(first ?? 'D') && !'DFIOQUV'.includes(second ?? 'D') && !niRefusedPrefixes.has(match[1]);
}

/** FNV-1a in two 26-bit halves: a 52-bit hash that fits a number exactly. */
function hashText(text: string): number {
  let high = 0x811c9dc5;
  let low = 0x01000193;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    high = Math.imul(high ^ code, 0x01000193);
    low = Math.imul(low ^ code, 0x5bd1e995);
  }
  return (high >>> 6) * 67_108_864 + (low >>> 6);
}

export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
