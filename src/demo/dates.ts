import type { Random } from './random.ts';

/** The day the demo council's data is "as at": ages, tenancies and moves are measured from it. */
export const referenceDate = '2025-04-01';

const dayMilliseconds = 86_400_000;

export function daysFromIso(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / dayMilliseconds;
}

/** Days since 1970-01-01 to an ISO date, by Howard Hinnant's civil_from_days (Date is slow at a million rows). */
export function isoFromDays(days: number): string {
  const shifted = days + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export const referenceDay = daysFromIso(referenceDate);

/** A date of birth that makes someone exactly `age` on the reference date. */
export function dobForAge(random: Random, age: number): string {
  const refYear = Number(referenceDate.slice(0, 4));
  const latest = Date.UTC(refYear - age, 3, 1) / dayMilliseconds;
  return isoFromDays(latest - random.int(0, 364));
}

/** Age in whole years on the reference date. */
export function ageOn(dob: string): number {
  const years = Number(referenceDate.slice(0, 4)) - Number(dob.slice(0, 4));
  return referenceDate.slice(5) < dob.slice(5) ? years - 1 : years;
}

export function daysAgo(random: Random, fewest: number, most: number): string {
  return isoFromDays(referenceDay - random.int(fewest, Math.max(fewest, most)));
}
