import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareDates, dateNumbers } from './compare-dates.ts';

function level(a: string | null, b: string | null): number {
  const left = a === null ? null : dateNumbers(a);
  const right = b === null ? null : dateNumbers(b);
  return compareDates(left?.date ?? -1, right?.date ?? -1, left?.days ?? 0, right?.days ?? 0);
}

describe('compareDates', () => {
  const cases: Array<[string, string | null, string | null, number]> = [
    ['gives no evidence when a date is missing', '1980-03-02', null, 0],
    ['knows the same date', '1980-03-02', '1980-03-02', 1],
    ['sees day and month swapped', '1980-03-02', '1980-02-03', 2],
    ['sees one digit wrong', '1980-03-02', '1980-03-08', 3],
    ['sees two neighbouring digits transposed', '1978-03-02', '1987-03-02', 3],
    ['sees the year one out', '1979-12-25', '1980-12-25', 3],
    ['sees two of day, month and year the same', '1980-03-02', '1980-11-02', 4],
    ['sees dates within a year', '1980-03-02', '1980-11-25', 5],
    ['calls dates a generation apart different', '1960-03-02', '1990-07-19', 6],
  ];
  for (const [name, a, b, expected] of cases) it(name, () => assert.equal(level(a, b), expected));
});
