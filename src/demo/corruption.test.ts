import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatPhone, impossibleDate, malformedPostcode, swapDayMonth, typo, type PhoneStyle } from './corruption.ts';
import { Random } from './random.ts';

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

describe('corruption', () => {
  it('makes typos of one or two edits that keep the first letter', () => {
    const random = new Random(4);
    for (const name of ['Christopher', 'Smith', 'Wiśniewski', "O'Brien"]) {
      for (let attempt = 0; attempt < 200; attempt++) {
        const slipped = typo(name, random);
        assert.equal(slipped.charAt(0), name.charAt(0));
        // A transposition counts as two edits by this measure.
        assert.ok(editDistance(name, slipped) <= 4, `${name} became ${slipped}`);
      }
    }
  });

  const dates: Array<[string, string, string]> = [['1975-02-14', 'dmy', '14/02/1975'], ['1975-02-14', 'ymd', '19750214'], ['1975-02-14', 'iso', '1975-02-14']];
  for (const [iso, style, expected] of dates) {
    it(`writes ${iso} as ${expected} in ${style} style`, () => assert.equal(formatDate(iso, style as 'dmy'), expected));
  }

  it('swaps day and month only where the result is still a date', () => {
    assert.equal(swapDayMonth('1980-03-07'), '1980-07-03');
    assert.equal(swapDayMonth('1980-03-14'), '1980-03-14');
    assert.equal(swapDayMonth('1980-05-05'), '1980-05-05');
  });

  it('makes dates no calendar has', () => {
    const random = new Random(8);
    for (let attempt = 0; attempt < 50; attempt++) {
      const [year, month, day] = impossibleDate(random, '1975').split('-').map(Number);
      const real = new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day ?? 0));
      assert.ok(real.getUTCMonth() + 1 !== month || real.getUTCDate() !== day);
    }
  });

  it('makes postcodes that do not have a postcode shape', () => {
    const random = new Random(6);
    for (let attempt = 0; attempt < 50; attempt++) {
      assert.doesNotMatch(malformedPostcode('L15 8JQ', random), /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/);
    }
  });

  const phones: Array<[PhoneStyle, string]> = [
    ['spaced', '07700 900123'], ['compact', '07700900123'], ['international', '+44 7700 900123'], ['e164', '+447700900123'],
    ['brackets', '(07700) 900123'], ['dashes', '07700-900123'], ['lostZero', '7700900123'],
  ];
  for (const [style, expected] of phones) {
    it(`writes a mobile as ${expected} in ${style} style`, () => assert.equal(formatPhone('07700 900123', style), expected));
  }
});
