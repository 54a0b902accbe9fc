// The fields compared for each pair of records and the levels each comparison can reach. A pair's
// comparison vector holds one byte per field: 0 when either record has no value (no evidence either way),
// otherwise the level's number, from 1.
//
// Family name, address and phone are compared as one field, "household": people of one household share
// all three, so counted apart they would add up to strong evidence that husband and wife are one person.
// As one field, how often two different people agree on the combination is learnt as such.

export type FieldName = 'given' | 'household' | 'middle' | 'suffix' | 'dob' | 'sex' | 'town' | 'email' | 'ni' | 'system' | 'namesakes';

export type FieldSpec = {
  name: FieldName;
  /** How the field is named in an explanation: "Date of birth". */
  label: string;
  /** What each level means, from level 1: "day and month swapped". */
  levels: readonly string[];
  /**
   * How often each level occurs between two people is learnt by EM with m, not counted over random pairs: the
   * field only has a value for pairs that already agree on name and place, which random pairs almost never do.
   */
  learntU?: true;
};

export const familyParts = ['same family name', 'family names a typing slip apart or alike', 'family names that sound alike or share a name', 'different family names', 'family name not on both'] as const;
export const placeParts = ['same address', 'same postcode, no address line to compare', 'neighbours: same postcode or street, another house', 'same area', 'different addresses', 'address not on both'] as const;
export const phoneParts = ['same phone', 'different phones', 'phone not on both'] as const;

/** The household level of a family-name part, place part and phone part (indexes into the lists above); 0 when all are missing. */
export function householdLevel(family: number, place: number, phone: number): number {
  if (family === familyParts.length - 1 && place === placeParts.length - 1 && phone === phoneParts.length - 1) return 0;
  return 1 + (family * placeParts.length + place) * phoneParts.length + phone;
}

function householdLevels(): string[] {
  const levels: string[] = [];
  familyParts.forEach((family) => placeParts.forEach((place) => phoneParts.forEach((phone) => levels.push(`${family}, ${place}, ${phone}`))));
  return levels;
}

export const fieldSpecs: readonly FieldSpec[] = [
  {
    name: 'given', label: 'Given name',
    levels: ['the same', 'the same name in another form (nickname or spelling)', 'a typing slip apart', 'two similar but established names',
      'alike', 'sound alike', 'an initial that fits', "one record's given name is the other's middle name", 'different'],
  },
  { name: 'household', label: 'Family name, address and phone', levels: householdLevels() },
  { name: 'middle', label: 'Middle name', levels: ['the same', 'an initial that fits', 'different'] },
  { name: 'suffix', label: 'Generation (Jr, Sr)', levels: ['the same', 'only one record has one', 'different'] },
  {
    name: 'dob', label: 'Date of birth',
    levels: ['the same', 'day and month swapped', 'one digit or the year one out', 'two of day, month and year the same', 'within a year', 'different'],
  },
  { name: 'sex', label: 'Sex', levels: ['the same', 'different'] },
  { name: 'town', label: 'Town', levels: ['the same', 'spelt alike', 'different'] },
  { name: 'email', label: 'Email', levels: ['the same', 'same name before the @, other domain', 'name before the @ a typing slip apart', 'different'] },
  { name: 'ni', label: 'National Insurance number', levels: ['the same', 'the same but for the suffix letter', 'one character apart', 'different'] },
  { name: 'system', label: 'Source system', levels: ['the same system', 'different systems'] },
  {
    name: 'namesakes', label: 'Others of this name at this postcode', learntU: true,
    levels: [
      'no one else of this name is known there',
      'another person of this name is known there; these two records at one address, with a date of birth or number in common',
      'another person of this name is known there; these two records at one address, with nothing else in common',
      'another person of this name is known there; these two records at two addresses',
    ],
  },
];

export const fieldCount = fieldSpecs.length;

/** Field positions in a comparison vector. */
export const field = {
  given: 0, household: 1, middle: 2, suffix: 3, dob: 4, sex: 5, town: 6, email: 7, ni: 8, system: 9, namesakes: 10,
} as const satisfies Record<FieldName, number>;

/** The number of values a field's byte can take: its levels plus 0 for "no value". */
export const fieldRadix: readonly number[] = fieldSpecs.map((spec) => spec.levels.length + 1);

/** Room for the longest field's levels, so weights can sit in one flat array: weights[field * levelStride + level]. */
export const levelStride = Math.max(...fieldRadix);

const patternSpace = fieldRadix.reduce((product, radix) => product * radix, 1);
if (patternSpace > 2 ** 52) throw new Error('Comparison patterns no longer fit in a number.');

/** A comparison vector as one number (mixed radix), so identical vectors can be counted together. */
export function patternOf(levels: Uint8Array, offset: number): number {
  let code = 0;
  for (let f = 0; f < fieldCount; f++) code = code * (fieldRadix[f] ?? 1) + (levels[offset + f] ?? 0);
  return code;
}

/** The levels of a pattern number, written into `out`. */
export function levelsOfPattern(code: number, out: Uint8Array): Uint8Array {
  let rest = code;
  for (let f = fieldCount - 1; f >= 0; f--) {
    const radix = fieldRadix[f] ?? 1;
    out[f] = rest % radix;
    rest = Math.floor(rest / radix);
  }
  return out;
}
