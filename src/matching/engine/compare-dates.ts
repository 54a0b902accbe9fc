// Dates of birth compared in levels (fields.ts): the same; day and month swapped; one digit wrong or two
// neighbouring digits transposed, or the year one out; two of day, month and year the same; within a year;
// different. Dates are yyyymmdd numbers, with days since 1970 for the distance.

const powersOfTen = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];

function digitAt(value: number, position: number): number {
  return Math.floor(value / (powersOfTen[position] ?? 1)) % 10;
}

function digitSlip(a: number, b: number): boolean {
  let differences = 0;
  let first = -1;
  for (let position = 0; position < 8; position++) {
    if (digitAt(a, position) === digitAt(b, position)) continue;
    differences++;
    if (first < 0) first = position;
  }
  if (differences === 1) return true;
  // Two neighbouring digits typed the wrong way round: 1987 for 1978.
  return differences === 2 && digitAt(a, first) === digitAt(b, first + 1) && digitAt(a, first + 1) === digitAt(b, first);
}

/** The date-of-birth level of two dates (yyyymmdd, -1 for unknown) and their day numbers. */
export function compareDates(a: number, b: number, daysA: number, daysB: number): number {
  if (a < 0 || b < 0) return 0;
  if (a === b) return 1;
  const yearA = Math.floor(a / 10000);
  const yearB = Math.floor(b / 10000);
  const monthA = Math.floor(a / 100) % 100;
  const monthB = Math.floor(b / 100) % 100;
  const dayA = a % 100;
  const dayB = b % 100;
  if (yearA === yearB && monthA === dayB && dayA === monthB) return 2;
  if (digitSlip(a, b) || (monthA === monthB && dayA === dayB && Math.abs(yearA - yearB) === 1)) return 3;
  const same = (yearA === yearB ? 1 : 0) + (monthA === monthB ? 1 : 0) + (dayA === dayB ? 1 : 0);
  if (same >= 2) return 4;
  return Math.abs(daysA - daysB) <= 365 ? 5 : 6;
}

/** Parses "YYYY-MM-DD" to the yyyymmdd number and day number compareDates takes; null when unreadable. */
export function dateNumbers(iso: string): { date: number; days: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return { date: year * 10000 + month * 100 + day, days: Math.round(Date.UTC(year, month - 1, day) / 86_400_000) };
}
