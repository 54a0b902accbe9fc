import type { MappingInput } from '../sources/mapping.ts';
import type { HouseholdBundle, Resident } from './council.ts';
import type { CsvDialect } from './csv-file.ts';
import type { DateStyle } from './corruption.ts';
import type { Random } from './random.ts';
import { ageOn } from './dates.ts';

export type DemoSystemCode =
  | 'council_tax' | 'housing_benefit' | 'electoral_register' | 'libraries' | 'leisure' | 'waste' | 'parking_permits'
  | 'adult_social_care';

/** A source system of the demo council; trust (0–100) says how far its data is believed when sources disagree. */
export type DemoSystem = { code: DemoSystemCode; name: string; trust: number };

/** One extract row and the resident it really describes. */
export type EmittedRow = { resident: Resident; values: string[]; duplicate: boolean };

export type RowContext = {
  random: Random;
  /** True now and then: the person about to be written is registered twice in this system. */
  shouldDuplicate(): boolean;
};

/** Turns each household into the rows one system would hold about it. */
export type RowMaker = (bundle: HouseholdBundle) => EmittedRow[];

/** Everything the extract writer needs to know about one source system's extract. */
export type SystemSpec = {
  code: DemoSystemCode;
  headers: readonly string[];
  dialect: CsvDialect;
  mapping: MappingInput;
  /** Columns that make up the source id, joined with idSeparator as the mapping joins them. */
  idColumns: readonly number[];
  idSeparator: string;
  postcodeColumn: number;
  /** A mapped date column where an impossible date can be planted; null when the system has none. */
  dateColumn: number | null;
  dateStyle: DateStyle;
  createRowMaker(context: RowContext): RowMaker;
};

/** Builds a row for each person, and a second row with its own source id for anyone registered twice. */
export function emitPeople(
  people: readonly Resident[],
  context: RowContext,
  build: (resident: Resident, duplicate: boolean) => string[],
): EmittedRow[] {
  const rows: EmittedRow[] = [];
  for (const resident of people) {
    if (context.shouldDuplicate()) {
      rows.push({ resident, values: build(resident, false), duplicate: true });
      rows.push({ resident, values: build(resident, true), duplicate: true });
    } else {
      rows.push({ resident, values: build(resident, false), duplicate: false });
    }
  }
  return rows;
}

export function isAdult(resident: Resident): boolean {
  return ageOn(resident.dob) >= 18;
}

/** The person a household's accounts are in the name of. */
export function leadOf(bundle: HouseholdBundle): Resident | undefined {
  return bundle.residents[0];
}

/** Picks people by the probability for their age. */
export function pickByAge(people: readonly Resident[], random: Random, rate: (age: number) => number): Resident[] {
  return people.filter((resident) => random.chance(rate(ageOn(resident.dob))));
}

export function sourceIdOf(spec: SystemSpec, values: readonly string[]): string {
  return spec.idColumns.map((column) => values[column] ?? '').filter((value) => value !== '').join(spec.idSeparator);
}
