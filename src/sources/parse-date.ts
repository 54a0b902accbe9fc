import type { DateFormat } from './source-record.ts';
import { accept, empty, refuse, type Parsed } from './parse-result.ts';

// Back-office extracts add a time to dates ("1980-03-02 00:00:00", "02/03/1980 00:00", "02-MAR-1980 00.00.00").
const time = String.raw`(?:[T ]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?(?: ?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const numericPattern = new RegExp(String.raw`^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})${time}$`);
const compactPattern = /^(\d{6}|\d{8})$/;
const dayMonthPattern = new RegExp(String.raw`^(\d{1,2})(?:st|nd|rd|th)?[\s./-]*([a-z]{3,9})\.?,?[\s./-]*(\d{1,4})${time}$`, 'i');
const monthDayPattern = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{1,4})$/i;

const monthNames: ReadonlyMap<string, number> = new Map(
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
    .flatMap((name, index): Array<[string, number]> => [[name, index + 1], [name.slice(0, 3), index + 1]])
    .concat([['sept', 9]]),
);

// No one on a council's books was born before 1880; earlier years are typing slips (1089 for 1989). An extract
// of historical records says otherwise in its mapping (earliestYear).
export const defaultEarliestYear = 1880;
const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const unreadable = 'is not a date we can read';
const twoDigitYear = 'has a two-digit year: the year must have four digits';

/**
 * Reads a date as an extract holds it and returns it as ISO YYYY-MM-DD. `format` says how to read the
 * ambiguous forms: 'auto' reads slashed dates day first (UK) and 8 digits as YYYYMMDD.
 */
export function parseDate(text: string, format: DateFormat, label = 'date', today: Date = new Date(), earliestYear = defaultEarliestYear): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed === '') return empty;
  const read = readDate(trimmed, format);
  if (typeof read === 'string') return refuse(label, trimmed, read);
  const problem = checkDate(read, today, earliestYear);
  if (problem !== undefined) return refuse(label, trimmed, problem);
  return accept(isoDate(read));
}

/** Dates travel as one number, year * 10000 + month * 100 + day, so that reading one allocates nothing. */
function readDate(text: string, format: DateFormat): number | string {
  const numeric = numericPattern.exec(text);
  if (numeric) return readNumeric(numeric[1] ?? '', numeric[3] ?? '', numeric[4] ?? '', format);
  const compact = compactPattern.exec(text);
  if (compact) return readCompact(text, format);
  const dayMonth = dayMonthPattern.exec(text);
  if (dayMonth) return readNamedMonth(dayMonth[1] ?? '', dayMonth[2] ?? '', dayMonth[3] ?? '');
  const monthDay = monthDayPattern.exec(text);
  if (monthDay) return readNamedMonth(monthDay[2] ?? '', monthDay[1] ?? '', monthDay[3] ?? '');
  return unreadable;
}

function readNumeric(first: string, middle: string, last: string, format: DateFormat): number | string {
  // A four-digit year first can only be year, month, day, whatever the mapping says.
  if (first.length === 4) return fromParts(first, middle, last);
  if (first.length > 2) return unreadable;
  if (format === 'iso') return 'is not in the form YYYY-MM-DD that this extract uses';
  if (format === 'ymd') return 'is not in the form YYYY/MM/DD that this extract uses';
  return format === 'mdy' ? fromParts(last, first, middle) : fromParts(last, middle, first);
}

function readCompact(digits: string, format: DateFormat): number | string {
  if (digits.length === 6) return twoDigitYear;
  if (format === 'dmy') return fromParts(digits.slice(4), digits.slice(2, 4), digits.slice(0, 2));
  if (format === 'mdy') return fromParts(digits.slice(4), digits.slice(0, 2), digits.slice(2, 4));
  // "02031980" under 'auto' is not YYYYMMDD; say so rather than call it a date in the year 203.
  if (digits.startsWith('0')) return 'is not in the form YYYYMMDD';
  return fromParts(digits.slice(0, 4), digits.slice(4, 6), digits.slice(6));
}

function readNamedMonth(day: string, monthName: string, year: string): number | string {
  const month = monthNames.get(monthName.toLowerCase());
  if (month === undefined) return unreadable;
  return fromParts(year, String(month), day);
}

function fromParts(year: string, month: string, day: string): number | string {
  if (year.length === 2) return twoDigitYear;
  if (year.length !== 4 || month.length > 2 || day.length > 2) return unreadable;
  return Number(year) * 10000 + Number(month) * 100 + Number(day);
}

function checkDate(date: number, today: Date, earliestYear: number): string | undefined {
  const year = Math.floor(date / 10000);
  const month = Math.floor(date / 100) % 100;
  const day = date % 100;
  if (month < 1 || month > 12 || day < 1 || day > lastDay(year, month)) return 'is not a real date';
  if (year < earliestYear) return `is before ${earliestYear}`;
  const todayNumber = today.getFullYear() * 10000 + (today.getMonth() + 1) * 100 + today.getDate();
  if (date > todayNumber) return 'is in the future';
  return undefined;
}

function lastDay(year: number, month: number): number {
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && isLeap ? 29 : daysInMonth[month - 1] ?? 0;
}

function isoDate(date: number): string {
  const month = Math.floor(date / 100) % 100;
  const day = date % 100;
  return `${Math.floor(date / 10000)}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}
