import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePostcode, postcodeArea, postcodeDistrict, postcodeSector } from './parse-postcode.ts';

describe('parsePostcode', () => {
  const accepted: Array<{ name: string; text: string; expected: string }> = [
    { name: 'keeps a postcode already written properly', text: 'L1 8JQ', expected: 'L1 8JQ' },
    { name: 'adds the missing space', text: 'L18JQ', expected: 'L1 8JQ' },
    { name: 'collapses extra spaces', text: '  L1   8JQ ', expected: 'L1 8JQ' },
    { name: 'puts lower case in capitals', text: 'sw1a 1aa', expected: 'SW1A 1AA' },
    { name: 'reads the A9 9AA shape', text: 'M1 1AE', expected: 'M1 1AE' },
    { name: 'reads the A99 9AA shape', text: 'B33 8TH', expected: 'B33 8TH' },
    { name: 'reads the A9A 9AA shape', text: 'W1A 0AX', expected: 'W1A 0AX' },
    { name: 'reads the AA9 9AA shape', text: 'CR2 6XH', expected: 'CR2 6XH' },
    { name: 'reads the AA99 9AA shape', text: 'DN55 1PT', expected: 'DN55 1PT' },
    { name: 'reads the AA9A 9AA shape', text: 'EC1A 1BB', expected: 'EC1A 1BB' },
    { name: 'reads Girobank\'s GIR 0AA', text: 'gir0aa', expected: 'GIR 0AA' },
  ];
  for (const { name, text, expected } of accepted) {
    it(name, () => assert.deepEqual(parsePostcode(text), { ok: true, value: expected }));
  }

  it('reads blank as no postcode', () => {
    assert.deepEqual(parsePostcode('  '), { ok: true, value: null });
  });

  const refused: Array<{ name: string; text: string }> = [
    { name: 'refuses a postcode missing a letter', text: 'L1 8J' },
    { name: 'refuses an outward code alone', text: 'L1' },
    { name: 'refuses a postcode with too many letters', text: 'LLL1 8JQ' },
    { name: 'refuses a postcode starting with Q', text: 'QA1 8JQ' },
    { name: 'refuses an inward code with C', text: 'L1 8CQ' },
    { name: 'refuses an outward code starting with a digit', text: '11 8JQ' },
    { name: 'refuses words', text: 'no fixed abode' },
  ];
  for (const { name, text } of refused) {
    it(name, () => assert.deepEqual(parsePostcode(text), { ok: false, reason: `postcode "${text}" is not a UK postcode` }));
  }
});

describe('postcode parts', () => {
  const cases: Array<{ postcode: string; sector: string; district: string; area: string }> = [
    { postcode: 'L1 8JQ', sector: 'L1 8', district: 'L1', area: 'L' },
    { postcode: 'SW1A 1AA', sector: 'SW1A 1', district: 'SW1A', area: 'SW' },
    { postcode: 'DN55 1PT', sector: 'DN55 1', district: 'DN55', area: 'DN' },
  ];
  for (const { postcode, sector, district, area } of cases) {
    it(`splits ${postcode} into sector ${sector}, district ${district} and area ${area}`, () => {
      assert.equal(postcodeSector(postcode), sector);
      assert.equal(postcodeDistrict(postcode), district);
      assert.equal(postcodeArea(postcode), area);
    });
  }
});
