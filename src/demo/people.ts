import type { HardCase } from './council.ts';
import { WeightedPicker, type Random } from './random.ts';
import { familyNameForSex, pickFamilyName, pickGivenName, pickHeritage, type DemoSex, type Heritage } from './name-picker.ts';
import { dobForAge } from './dates.ts';

/** Who will live in a household, before they are given ids, phones and addresses. */
export type MemberPlan = {
  sex: DemoSex;
  dob: string;
  heritage: Heritage;
  givenName: string;
  middleName: string | null;
  familyName: string;
  maidenName: string | null;
  /** "Jr" for a son who shares his father's full name; some systems append it. */
  suffix: string | null;
  hardCase: HardCase | null;
};

export type PersonRequest = {
  sex: DemoSex;
  age?: number;
  dob?: string;
  heritage?: Heritage;
  /** The family name in its masculine form; Polish names are made to agree with the person's sex. */
  familyName?: string;
  givenName?: string;
};

export function planPerson(random: Random, request: PersonRequest): MemberPlan {
  const heritage = request.heritage ?? pickHeritage(random);
  const dob = request.dob ?? dobForAge(random, request.age ?? 30);
  const birthYear = Number(dob.slice(0, 4));
  const givenName = request.givenName ?? pickGivenName(random, heritage, request.sex, birthYear);
  let middleName: string | null = null;
  // Middle names are common among British people and rare in most other naming traditions here.
  if (random.chance(heritage === 'british_irish' ? 0.45 : 0.1)) {
    middleName = pickGivenName(random, heritage, request.sex, birthYear);
    if (middleName === givenName) middleName = null;
  }
  const family = request.familyName ?? pickFamilyName(random, heritage);
  return {
    sex: request.sex, dob, heritage, givenName, middleName, familyName: familyNameForSex(family, request.sex),
    maidenName: null, suffix: null, hardCase: null,
  };
}

/** Ages in bands, each band weighted, then uniform within it. */
export class AgeBands {
  private readonly picker: WeightedPicker<readonly [number, number]>;

  constructor(bands: ReadonlyArray<readonly [number, number, number]>) {
    this.picker = new WeightedPicker(bands.map(([low, high, weight]) => [[low, high] as const, weight] as const));
  }

  pick(random: Random): number {
    const [low, high] = this.picker.pick(random);
    return random.int(low, high);
  }
}

const emailDomains = new WeightedPicker<string>([['example.com', 5], ['example.org', 2], ['example.net', 2]]);

/** Email addresses under the reserved example domains (RFC 2606), so no real mailbox is ever named. */
export function emailFor(random: Random, givenName: string, familyName: string, birthYear: number): string {
  const given = plainLetters(givenName);
  const family = plainLetters(familyName);
  const number = random.chance(0.5) ? String(random.chance(0.5) ? birthYear % 100 : random.int(1, 999)) : '';
  const patterns = [
    `${given}.${family}${number}`, `${given}${family}${number}`, `${given.charAt(0)}${family}${number}`,
    `${family}.${given}${number}`, `${given}_${family}${number}`, `${given}${number}`,
  ];
  return `${random.pick(patterns)}@${emailDomains.pick(random)}`;
}

export function plainLetters(text: string): string {
  return asciiFold(text).toLowerCase().replace(/[^a-z]/g, '');
}

/** What an older system that only holds ASCII makes of "Łukasz Wiśniewski". */
export function asciiFold(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/Ł/g, 'L');
}
