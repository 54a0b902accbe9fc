import { Random, WeightedPicker } from './random.ts';
import * as names from './names.ts';

/** The naming traditions the demo borough draws on, roughly in the proportions of a northern English city. */
export type Heritage = 'british_irish' | 'south_asian' | 'polish' | 'west_african' | 'chinese';
export type DemoSex = 'female' | 'male';

const heritagePicker = new WeightedPicker<Heritage>([
  ['british_irish', 87], ['south_asian', 3.5], ['polish', 2.5], ['west_african', 3], ['chinese', 2],
]);

export function pickHeritage(random: Random): Heritage {
  return heritagePicker.pick(random);
}

/** Reads "Name 1 2 3 | Other 4 5 6" lines into names with their weights. */
function parseEntries(text: string): Array<[string, number[]]> {
  return text
    .split(/\n| \| /)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const match = /^(.+?)((?: \d+(?:\.\d+)?)+)$/.exec(entry);
      if (!match?.[1] || !match[2]) throw new Error(`Cannot read the name entry "${entry}".`);
      return [match[1], match[2].trim().split(' ').map(Number)];
    });
}

function flatPicker(text: string): WeightedPicker<string> {
  return new WeightedPicker(parseEntries(text).map(([name, weights]) => [name, weights[0] ?? 0] as const));
}

/** One picker per birth era, from the five weights each British name carries. */
function eraPickers(text: string): WeightedPicker<string>[] {
  const entries = parseEntries(text);
  return [0, 1, 2, 3, 4].map((era) => new WeightedPicker(entries.map(([name, weights]) => [name, weights[era] ?? 0] as const)));
}

const britishGiven: Record<DemoSex, WeightedPicker<string>[]> = {
  female: eraPickers(names.britishFemaleGivenNames),
  male: eraPickers(names.britishMaleGivenNames),
};

const otherGiven: Record<Exclude<Heritage, 'british_irish'>, Record<DemoSex, WeightedPicker<string>>> = {
  south_asian: { female: flatPicker(names.southAsianFemaleGivenNames), male: flatPicker(names.southAsianMaleGivenNames) },
  polish: { female: flatPicker(names.polishFemaleGivenNames), male: flatPicker(names.polishMaleGivenNames) },
  west_african: { female: flatPicker(names.westAfricanFemaleGivenNames), male: flatPicker(names.westAfricanMaleGivenNames) },
  chinese: { female: flatPicker(names.chineseFemaleGivenNames), male: flatPicker(names.chineseMaleGivenNames) },
};

const familyPickers: Record<Heritage, WeightedPicker<string>> = {
  british_irish: flatPicker(names.britishFamilyNames),
  south_asian: flatPicker(names.southAsianFamilyNames),
  polish: flatPicker(names.polishFamilyNames),
  west_african: flatPicker(names.westAfricanFamilyNames),
  chinese: flatPicker(names.chineseFamilyNames),
};

function eraOf(birthYear: number): number {
  if (birthYear < 1950) return 0;
  if (birthYear < 1970) return 1;
  if (birthYear < 1990) return 2;
  if (birthYear < 2005) return 3;
  return 4;
}

// Many British Chinese and British-born children of other heritages have an English given name.
const englishNameShare: Record<Heritage, number> = {
  british_irish: 1, chinese: 0.5, west_african: 0.25, polish: 0.1, south_asian: 0.05,
};

export function pickGivenName(random: Random, heritage: Heritage, sex: DemoSex, birthYear: number): string {
  const era = eraOf(birthYear);
  const bornHere = birthYear >= 1995 ? 0.15 : 0;
  if (heritage === 'british_irish' || random.chance(englishNameShare[heritage] + bornHere)) {
    const picker = britishGiven[sex][era];
    if (!picker) throw new Error(`No names for era ${era}.`);
    return picker.pick(random);
  }
  return otherGiven[heritage][sex].pick(random);
}

export function pickFamilyName(random: Random, heritage: Heritage): string {
  return familyPickers[heritage].pick(random);
}

/** Polish family names agree with the bearer's sex: Kowalski, Kowalska. */
export function familyNameForSex(familyName: string, sex: DemoSex): string {
  if (sex === 'male') return familyName;
  if (familyName.endsWith('ski')) return `${familyName.slice(0, -3)}ska`;
  if (familyName.endsWith('cki')) return `${familyName.slice(0, -3)}cka`;
  if (familyName.endsWith('dzki')) return `${familyName.slice(0, -4)}dzka`;
  return familyName;
}

export function nicknamesOf(givenName: string): readonly string[] {
  return names.nicknames[givenName] ?? [];
}
