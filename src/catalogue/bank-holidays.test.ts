import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bankHolidays, easterSunday, isWorkingDay } from './bank-holidays.ts';

// Checked against the lists published at https://www.gov.uk/bank-holidays (England and Wales).
const published: Record<number, string[]> = {
  2019: ['2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26'],
  2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  2021: ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
  2022: ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27'],
  2023: ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26'],
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
};

describe('bank holidays in England and Wales', () => {
  for (const [year, days] of Object.entries(published)) {
    it(`matches the published list for ${year}`, () => assert.deepEqual(bankHolidays(Number(year)), days));
  }

  const cases = [
    { name: 'moves the 2012 spring holiday for the Diamond Jubilee', year: 2012, has: ['2012-06-04', '2012-06-05'], hasNot: ['2012-05-28'] },
    { name: 'moves the 2002 spring holiday for the Golden Jubilee', year: 2002, has: ['2002-06-03', '2002-06-04'], hasNot: ['2002-05-27'] },
    { name: 'moves the 1995 early May holiday to VE Day', year: 1995, has: ['1995-05-08'], hasNot: ['1995-05-01'] },
    { name: 'adds the millennium', year: 1999, has: ['1999-12-31', '1999-12-27', '1999-12-28'], hasNot: ['1999-12-25'] },
    { name: 'adds the 2011 royal wedding', year: 2011, has: ['2011-04-29', '2011-01-03'], hasNot: [] },
    { name: 'substitutes Christmas on a Sunday with the Tuesday after', year: 2033, has: ['2033-12-26', '2033-12-27'], hasNot: ['2033-12-25'] },
    { name: 'substitutes New Year’s Day on a Saturday with the Monday after', year: 2028, has: ['2028-01-03'], hasNot: ['2028-01-01'] },
  ];
  for (const { name, year, has, hasNot } of cases) {
    it(name, () => {
      const days = bankHolidays(year);
      for (const day of has) assert.ok(days.includes(day), `${day} missing from ${days.join(', ')}`);
      for (const day of hasNot) assert.ok(!days.includes(day), `${day} should not be in ${days.join(', ')}`);
    });
  }

  it('computes Easter Sunday by the Gregorian computus, at its earliest and latest', () => {
    assert.deepEqual(
      [1818, 2008, 2038, 2285, 2024, 2025, 2000].map(easterSunday),
      ['1818-03-22', '2008-03-23', '2038-04-25', '2285-03-22', '2024-03-31', '2025-04-20', '2000-04-23'],
    );
  });

  it('gives eight holidays in an ordinary year, every one a weekday', () => {
    for (let year = 1978; year <= 2100; year++) {
      const days = bankHolidays(year);
      assert.ok(days.length >= 8, `${year}: ${days.join(', ')}`);
      for (const day of days) assert.ok(![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()), `${day} is at a weekend`);
    }
  });

  it('refuses years before the rules began', () => assert.throws(() => bankHolidays(1977), RangeError));

  it('counts weekdays but not weekends or bank holidays as working days', () => {
    assert.deepEqual(['2025-04-17', '2025-04-18', '2025-04-19', '2025-04-21', '2025-04-22'].map(isWorkingDay), [true, false, false, false, true]);
  });
});
