import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StandardFields } from '../../sources/source-record.ts';
import { comparePair } from './compare.ts';
import { field, fieldCount, fieldSpecs, familyParts, phoneParts, placeParts } from './fields.ts';
import { prepareRecords } from './prepare.ts';
import { person } from './test-records.ts';

function levels(a: Partial<StandardFields>, b: Partial<StandardFields>, system = 'test'): Uint8Array {
  const { records } = prepareRecords([person(a, 'test'), person(b, system)]);
  const out = new Uint8Array(fieldCount);
  comparePair(records, 0, 1, out, 0);
  return out;
}

function describeLevel(fieldIndex: number, level: number): string {
  return level === 0 ? 'none' : fieldSpecs[fieldIndex]?.levels[level - 1] ?? '?';
}

describe('comparePair: given names', () => {
  const cases: Array<[string, string, string, string]> = [
    ['the same name', 'Robert', 'ROBERT', 'the same'],
    ['a nickname', 'Bob', 'Robert', 'the same name in another form (nickname or spelling)'],
    ['a transliteration', 'Mohammed', 'Muhammad', 'the same name in another form (nickname or spelling)'],
    ['a typing slip', 'Jonathon', 'Jonathan', 'a typing slip apart'],
    ['an initial', 'J', 'John', 'an initial that fits'],
    ['a different name', 'Paul', 'Lesley', 'different'],
  ];
  for (const [name, a, b, expected] of cases) {
    it(`sees ${name}`, () => assert.equal(describeLevel(field.given, levels({ givenName: a }, { givenName: b })[field.given] ?? 0), expected));
  }
  it('gives no evidence when one record has no given name', () => assert.equal(levels({ givenName: 'Ann' }, { familyName: 'Lee' })[field.given], 0));
});

function household(a: Partial<StandardFields>, b: Partial<StandardFields>): string {
  return describeLevel(field.household, levels(a, b)[field.household] ?? 0);
}

describe('comparePair: family name, address and phone', () => {
  const home = { familyName: 'Holmes', addressLine1: '7 Huskisson Lane', postcode: 'L8 1JJ' };
  it('sees one household', () => assert.equal(household(home, { ...home, phone: '+447700900001' }), `${familyParts[0]}, ${placeParts[0]}, ${phoneParts[2]}`));
  it('sees the same address written two ways', () => {
    assert.equal(household({ ...home, addressLine1: 'Flat 1, Picton Heights' }, { ...home, addressLine1: 'Flat 1, Picton Heights Eaton Lane' }), `${familyParts[0]}, ${placeParts[0]}, ${phoneParts[2]}`);
  });
  it('sees neighbours', () => assert.equal(household(home, { ...home, addressLine1: '9 Huskisson Lane' }), `${familyParts[0]}, ${placeParts[2]}, ${phoneParts[2]}`));
  it('sees the same postcode sector as the same area', () => {
    assert.equal(household({ ...home, postcode: 'L8 1JJ', addressLine1: null }, { ...home, postcode: 'L8 1AB', addressLine1: null }), `${familyParts[0]}, ${placeParts[3]}, ${phoneParts[2]}`);
  });
  it('sees a married name at the same address', () => {
    assert.equal(household(home, { ...home, familyName: 'Walsh', phone: null }), `${familyParts[3]}, ${placeParts[0]}, ${phoneParts[2]}`);
  });
  it('sees swapped given and family names as the same family name', () => {
    const out = levels({ givenName: 'Meaney', familyName: 'Jared' }, { givenName: 'Jared', familyName: 'Meaney' });
    assert.equal(out[field.given], 0);
    assert.equal(describeLevel(field.household, out[field.household] ?? 0), `${familyParts[0]}, ${placeParts[5]}, ${phoneParts[2]}`);
  });
});

describe('comparePair: other fields', () => {
  it('sees a middle initial that fits', () => assert.equal(levels({ middleName: 'J' }, { middleName: 'James' })[field.middle], 2));
  it('sees a junior against no suffix', () => assert.equal(levels({ familyName: 'Pearson Jr' }, { familyName: 'Pearson' })[field.suffix], 2));
  it('sees the same email name at another domain', () => assert.equal(levels({ email: 'ann.lee@example.com' }, { email: 'annlee@example.org' })[field.email], 2));
  it('sees an email name a typing slip apart', () => assert.equal(levels({ email: 'ann.lee@example.com' }, { email: 'ann.lea@example.com' })[field.email], 3));
  it('sees email names that differ in their numbers as different', () => assert.equal(levels({ email: 'lmurphy@example.com' }, { email: 'lmurphy31@example.com' })[field.email], 4));
  it('sees an NI number without its suffix letter', () => assert.equal(levels({ niNumber: 'AB123456C' }, { niNumber: 'AB123456D' })[field.ni], 2));
  it('sees records from two systems', () => assert.equal(levels({}, {}, 'other')[field.system], 2));
});
