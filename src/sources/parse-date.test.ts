import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DateFormat } from './source-record.ts';
import { parseDate } from './parse-date.ts';

const today = new Date(2025, 5, 1);

describe('parseDate', () => {
  const accepted: Array<{ name: string; text: string; format?: DateFormat; expected: string }> = [
    { name: 'reads an ISO date', text: '1980-03-02', expected: '1980-03-02' },
    { name: 'reads an ISO date with a T time', text: '1980-03-02T00:00:00', expected: '1980-03-02' },
    { name: 'reads an ISO date with a spaced time', text: '1980-03-02 00:00:00', expected: '1980-03-02' },
    { name: 'reads an ISO date with a time zone', text: '1980-03-02T00:00:00.000Z', expected: '1980-03-02' },
    { name: 'reads a slashed date day first', text: '02/03/1980', expected: '1980-03-02' },
    { name: 'reads a slashed date with a time', text: '02/03/1980 00:00', expected: '1980-03-02' },
    { name: 'reads a date with dashes day first', text: '02-03-1980', expected: '1980-03-02' },
    { name: 'reads a date with dots day first', text: '02.03.1980', expected: '1980-03-02' },
    { name: 'reads a date without leading zeros', text: '2/3/1980', expected: '1980-03-02' },
    { name: 'reads eight digits as YYYYMMDD', text: '19800302', expected: '1980-03-02' },
    { name: 'reads a month name', text: '2 March 1980', expected: '1980-03-02' },
    { name: 'reads a short month name', text: '2 Mar 1980', expected: '1980-03-02' },
    { name: 'reads an Oracle-style date', text: '02-MAR-1980', expected: '1980-03-02' },
    { name: 'reads an ordinal day', text: '2nd March 1980', expected: '1980-03-02' },
    { name: 'reads a month name first', text: 'March 2, 1980', expected: '1980-03-02' },
    { name: 'reads a year-first slashed date', text: '1980/03/02', expected: '1980-03-02' },
    { name: 'trims spaces', text: '  02/03/1980 ', expected: '1980-03-02' },
    { name: 'reads slashes month first when told mdy', text: '03/02/1980', format: 'mdy', expected: '1980-03-02' },
    { name: 'reads eight digits day first when told dmy', text: '02031980', format: 'dmy', expected: '1980-03-02' },
    { name: 'reads eight digits month first when told mdy', text: '03021980', format: 'mdy', expected: '1980-03-02' },
    { name: 'reads YYYY/MM/DD when told ymd', text: '1980/03/02', format: 'ymd', expected: '1980-03-02' },
    { name: 'reads ISO whatever the format says', text: '1980-03-02', format: 'mdy', expected: '1980-03-02' },
    { name: 'accepts 29 February in a leap year', text: '29/02/2000', expected: '2000-02-29' },
    { name: 'accepts today', text: '01/06/2025', expected: '2025-06-01' },
    { name: 'accepts 1880', text: '01/01/1880', expected: '1880-01-01' },
  ];
  for (const { name, text, format, expected } of accepted) {
    it(name, () => {
      assert.deepEqual(parseDate(text, format ?? 'auto', 'date', today), { ok: true, value: expected });
    });
  }

  for (const text of ['', '   ']) {
    it(`reads ${JSON.stringify(text)} as no date`, () => {
      assert.deepEqual(parseDate(text, 'auto', 'date', today), { ok: true, value: null });
    });
  }

  const refused: Array<{ name: string; text: string; format?: DateFormat; reason: string }> = [
    { name: 'refuses 31 February', text: '31/02/1980', reason: 'date of birth "31/02/1980" is not a real date' },
    { name: 'refuses month 13', text: '02/13/1980', reason: 'date of birth "02/13/1980" is not a real date' },
    { name: 'refuses day 0', text: '1980-03-00', reason: 'date of birth "1980-03-00" is not a real date' },
    { name: 'refuses 29 February 1900', text: '29/02/1900', reason: 'date of birth "29/02/1900" is not a real date' },
    { name: 'refuses a two-digit year', text: '02/03/80', reason: 'date of birth "02/03/80" has a two-digit year: the year must have four digits' },
    { name: 'refuses six digits', text: '020380', reason: 'date of birth "020380" has a two-digit year: the year must have four digits' },
    { name: 'refuses a two-digit year with a month name', text: '02-MAR-80', reason: 'date of birth "02-MAR-80" has a two-digit year: the year must have four digits' },
    { name: 'refuses a year before 1880', text: '02/03/1870', reason: 'date of birth "02/03/1870" is before 1880' },
    { name: 'refuses a date in the future', text: '02/06/2025', reason: 'date of birth "02/06/2025" is in the future' },
    { name: 'refuses words', text: 'unknown', reason: 'date of birth "unknown" is not a date we can read' },
    { name: 'refuses an unknown month name', text: '2 Marsh 1980', reason: 'date of birth "2 Marsh 1980" is not a date we can read' },
    { name: 'refuses mixed separators', text: '02/03-1980', reason: 'date of birth "02/03-1980" is not a date we can read' },
    { name: 'refuses DDMMYYYY digits read as YYYYMMDD', text: '02031980', reason: 'date of birth "02031980" is not in the form YYYYMMDD' },
    { name: 'refuses a day-first date when the extract is ISO', text: '02/03/1980', format: 'iso', reason: 'date of birth "02/03/1980" is not in the form YYYY-MM-DD that this extract uses' },
    { name: 'refuses a day-first date when the extract is ymd', text: '02/03/1980', format: 'ymd', reason: 'date of birth "02/03/1980" is not in the form YYYY/MM/DD that this extract uses' },
    { name: 'refuses a day-first reading of a month-first date', text: '03/13/1980', format: 'dmy', reason: 'date of birth "03/13/1980" is not a real date' },
  ];
  for (const { name, text, format, reason } of refused) {
    it(name, () => {
      assert.deepEqual(parseDate(text, format ?? 'auto', 'date of birth', today), { ok: false, reason });
    });
  }

  it('reads an earlier year when the extract says its people can be that old, and still refuses one before that', () => {
    assert.deepEqual(parseDate('1630-08-01', 'iso', 'date of birth', today, 1), { ok: true, value: '1630-08-01' });
    assert.deepEqual(parseDate('1630-08-01', 'iso', 'date of birth', today, 1700), { ok: false, reason: 'date of birth "1630-08-01" is before 1700' });
  });

  it('names the value as "date" unless told otherwise', () => {
    assert.deepEqual(parseDate('31/02/1980', 'auto', undefined, today), { ok: false, reason: 'date "31/02/1980" is not a real date' });
  });
});
