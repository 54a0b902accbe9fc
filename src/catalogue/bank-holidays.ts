// Bank holidays in England and Wales, computed by rule rather than kept as a list that runs out: the Banking and
// Financial Dealings Act 1971 (Schedule 1) and the royal proclamations that set the early May holiday (from 1978),
// substitute days when a holiday falls at a weekend, and the one-off changes proclaimed since. Check a new
// proclamation against https://www.gov.uk/bank-holidays and add it to oneOffs.

/** A calendar day as 'YYYY-MM-DD'. */
export type CivilDate = string;

/** Days proclaimed for one year only, and days those proclamations moved a regular holiday away from. */
const oneOffs: Readonly<Record<number, { add?: readonly CivilDate[]; remove?: readonly CivilDate[] }>> = {
  // The wedding of the Prince of Wales and Lady Diana Spencer.
  1981: { add: ['1981-07-29'] },
  // VE Day's 50th anniversary: the early May holiday moved from Monday 1 May to Monday 8 May.
  1995: { add: ['1995-05-08'], remove: ['1995-05-01'] },
  // The millennium.
  1999: { add: ['1999-12-31'] },
  // The Golden Jubilee: the spring holiday moved from 27 May to 4 June, and 3 June added.
  2002: { add: ['2002-06-03', '2002-06-04'], remove: ['2002-05-27'] },
  // The wedding of Prince William and Catherine Middleton.
  2011: { add: ['2011-04-29'] },
  // The Diamond Jubilee: the spring holiday moved from 28 May to 4 June, and 5 June added.
  2012: { add: ['2012-06-04', '2012-06-05'], remove: ['2012-05-28'] },
  // VE Day's 75th anniversary: the early May holiday moved from Monday 4 May to Friday 8 May.
  2020: { add: ['2020-05-08'], remove: ['2020-05-04'] },
  // The Platinum Jubilee (spring holiday moved from 30 May to Thursday 2 June, and Friday 3 June added) and the
  // state funeral of Queen Elizabeth II on 19 September.
  2022: { add: ['2022-06-02', '2022-06-03', '2022-09-19'], remove: ['2022-05-30'] },
  // The coronation of King Charles III.
  2023: { add: ['2023-05-08'] },
};

/** The first year the rules here describe: the early May holiday began in 1978. */
export const firstRuleYear = 1978;

/** Easter Sunday in the Gregorian calendar (the anonymous computus of Meeus, Jones and Butcher). */
export function easterSunday(year: number): CivilDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return civil(year, month, day);
}

/** Every bank holiday in England and Wales in a year, in date order. */
export function bankHolidays(year: number): CivilDate[] {
  if (!Number.isInteger(year) || year < firstRuleYear || year > 9999) throw new RangeError(`Bank holidays are computed from ${firstRuleYear}: ${year} is out of range.`);
  const cached = byYear.get(year);
  if (cached) return [...cached];
  const easter = easterSunday(year);
  const days = new Set<CivilDate>([
    weekdayOrNextMonday(civil(year, 1, 1)),
    addDays(easter, -2),
    addDays(easter, 1),
    nthMonday(year, 5, 1),
    lastMonday(year, 5),
    lastMonday(year, 8),
    ...christmas(year),
  ]);
  const changes = oneOffs[year];
  for (const day of changes?.remove ?? []) days.delete(day);
  for (const day of changes?.add ?? []) days.add(day);
  const sorted = [...days].sort();
  byYear.set(year, sorted);
  return [...sorted];
}
const byYear = new Map<number, CivilDate[]>();

export function isBankHoliday(day: CivilDate): boolean {
  return bankHolidays(Number(day.slice(0, 4))).includes(day);
}

/** Christmas Day and Boxing Day, each falling on a weekend moved to the next weekday neither takes. */
function christmas(year: number): CivilDate[] {
  const christmasDay = civil(year, 12, 25);
  switch (weekday(christmasDay)) {
    case 5: return [christmasDay, civil(year, 12, 28)]; // Friday: Boxing Day on Saturday, substitute Monday 28
    case 6: return [civil(year, 12, 27), civil(year, 12, 28)]; // Saturday: substitutes Monday 27 and Tuesday 28
    case 0: return [civil(year, 12, 26), civil(year, 12, 27)]; // Sunday: Boxing Day Monday, substitute Tuesday 27
    default: return [christmasDay, civil(year, 12, 26)];
  }
}

function weekdayOrNextMonday(day: CivilDate): CivilDate {
  const dow = weekday(day);
  return dow === 6 ? addDays(day, 2) : dow === 0 ? addDays(day, 1) : day;
}

function nthMonday(year: number, month: number, n: number): CivilDate {
  const first = civil(year, month, 1);
  return addDays(first, ((8 - weekday(first)) % 7) + 7 * (n - 1));
}

function lastMonday(year: number, month: number): CivilDate {
  const last = addDays(civil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1), -1);
  return addDays(last, -((weekday(last) + 6) % 7));
}

// ---- Calendar days, as UTC midnights so no clock change moves them ----

export function civil(year: number, month: number, day: number): CivilDate {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** 0 is Sunday, 6 Saturday. */
export function weekday(day: CivilDate): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function addDays(day: CivilDate, days: number): CivilDate {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A weekday that is not a bank holiday. */
export function isWorkingDay(day: CivilDate): boolean {
  const dow = weekday(day);
  return dow !== 0 && dow !== 6 && !isBankHoliday(day);
}
