import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IdentityIssuer, isValidNiNumber, nhsCheckDigit } from './identity.ts';
import { Random } from './random.ts';

describe('IdentityIssuer', () => {
  const issuer = new IdentityIssuer(new Random(9));

  it('issues NI numbers HMRC could issue, never twice', () => {
    const numbers = Array.from({ length: 20_000 }, () => issuer.nextNiNumber());
    assert.equal(new Set(numbers.map((number) => number.slice(0, 8))).size, numbers.length);
    assert.ok(numbers.every(isValidNiNumber));
  });

  it('uses the drama ranges first, then ordinary-looking numbers', () => {
    const mobiles = Array.from({ length: 1500 }, () => issuer.nextMobile());
    const landlines = Array.from({ length: 1500 }, () => issuer.nextLandline());
    assert.ok(mobiles.slice(0, 1000).every((phone) => /^07700 900\d{3}$/.test(phone)));
    assert.ok(mobiles.slice(1000).every((phone) => /^07\d{3} \d{6}$/.test(phone) && !phone.startsWith('07700')));
    assert.ok(landlines.slice(0, 1000).every((phone) => /^0151 496 0\d{3}$/.test(phone)));
    assert.ok(landlines.slice(1000).every((phone) => /^0151 \d{3} \d{4}$/.test(phone) && !phone.startsWith('0151 496')));
    assert.equal(new Set([...mobiles, ...landlines]).size, 3000);
  });

  it('gives an email address once: a second person asking for it gets a number before the @', () => {
    const emails = new IdentityIssuer(new Random(3));
    const first = emails.ownEmail('jo.bloggs@example.com');
    const second = emails.ownEmail('jo.bloggs@example.com');
    const third = emails.ownEmail('jo.bloggs@example.com');
    assert.equal(first, 'jo.bloggs@example.com');
    assert.match(second, /^jo\.bloggs\d{2}@example\.com$/);
    assert.equal(new Set([first, second, third]).size, 3);
  });

  it('issues NHS-style care numbers in the 999 test range with a valid check digit', () => {
    for (let count = 0; count < 500; count++) {
      const number = issuer.nextCareNumber();
      assert.match(number, /^999\d{7}$/);
      assert.equal(nhsCheckDigit(number), Number(number.slice(9)));
    }
  });
});

describe('isValidNiNumber', () => {
  const cases: Array<[string, boolean]> = [
    ['AB123456C', true], ['DA123456C', false], ['AO123456C', false], ['GB123456A', false], ['TN123456A', false],
    ['AB123456E', false], ['AB12345C', false], ['OA123456D', true],
  ];
  for (const [value, valid] of cases) {
    it(`says ${value} is ${valid ? '' : 'not '}a valid NI number`, () => assert.equal(isValidNiNumber(value), valid));
  }
});
