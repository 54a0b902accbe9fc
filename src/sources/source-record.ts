// What a source system tells us about a person, in OneStop's canonical columns.
export const canonicalColumns = [
  'source_system',
  'source_id',
  'title',
  'given_name',
  'middle_name',
  'family_name',
  'full_name',
  'dob',
  'sex',
  'address_line1',
  'address_line2',
  'town',
  'postcode',
  'uprn',
  'address_from',
  'address_to',
  'phone',
  'email',
  'ni_number',
] as const;

export type CanonicalColumn = (typeof canonicalColumns)[number];

/** One extract row after mapping: canonical column to the text the source system sent. */
export type CanonicalRow = Partial<Record<CanonicalColumn, string>>;

export type Sex = 'female' | 'male' | 'other';

/** A row's identity fields after parsing and standardising; null where the source said nothing. */
export type StandardFields = {
  title: string | null;
  givenName: string | null;
  middleName: string | null;
  familyName: string | null;
  fullName: string | null;
  /** ISO date, YYYY-MM-DD. */
  dob: string | null;
  sex: Sex | null;
  addressLine1: string | null;
  addressLine2: string | null;
  town: string | null;
  /** Upper case with one space before the inward code: "L1 8JQ". */
  postcode: string | null;
  uprn: string | null;
  addressFrom: string | null;
  addressTo: string | null;
  /** E.164: "+447700900123". */
  phone: string | null;
  email: string | null;
  /** Upper case, no spaces: "QQ123456C". */
  niNumber: string | null;
};

export const standardFieldNames = [
  'title', 'givenName', 'middleName', 'familyName', 'fullName', 'dob', 'sex', 'addressLine1', 'addressLine2',
  'town', 'postcode', 'uprn', 'addressFrom', 'addressTo', 'phone', 'email', 'niNumber',
] as const satisfies ReadonlyArray<keyof StandardFields>;

/** How to read ambiguous formats in one extract (set in its mapping file). */
export type DateFormat = 'auto' | 'iso' | 'dmy' | 'mdy' | 'ymd';
export type NameFormat = 'auto' | 'given_family' | 'family_comma_given' | 'family_given';
export type ParseOptions = {
  dateFormat: DateFormat;
  nameFormat: NameFormat;
  /** The earliest year a date of birth may have; earlier ones are refused as typing slips (default 1880). */
  earliestYear?: number;
};

export type StandardiseResult =
  | { ok: true; fields: StandardFields }
  | { ok: false; reason: string };
