import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { capitaliseWord, displayName, isSingleCase } from './parse-case.ts';

describe('displayName', () => {
  const cases: Array<{ name: string; text: string; expected: string }> = [
    { name: 'capitalises ALL CAPS', text: 'SMITH', expected: 'Smith' },
    { name: 'capitalises all lower case', text: 'smith', expected: 'Smith' },
    { name: 'keeps mixed case as given', text: 'deVries', expected: 'deVries' },
    { name: 'capitalises after Mc', text: 'mcdonald', expected: 'McDonald' },
    { name: 'capitalises after O\'', text: "O'BRIEN", expected: "O'Brien" },
    { name: 'capitalises after D\'', text: "d'arcy", expected: "D'Arcy" },
    { name: 'capitalises each part of a double-barrelled name', text: 'smith-jones', expected: 'Smith-Jones' },
    { name: 'capitalises after Mac for MacDonald', text: 'MACDONALD', expected: 'MacDonald' },
    { name: 'capitalises after Mac for MacLeod', text: 'macleod', expected: 'MacLeod' },
    { name: 'leaves Mack alone', text: 'MACK', expected: 'Mack' },
    { name: 'leaves Macey alone', text: 'MACEY', expected: 'Macey' },
    { name: 'leaves Machin alone', text: 'MACHIN', expected: 'Machin' },
    { name: 'leaves Mackay alone', text: 'MACKAY', expected: 'Mackay' },
    { name: 'capitalises each word', text: 'VAN DER BERG', expected: 'Van Der Berg' },
    { name: 'keeps mixed-case particles', text: 'van der Berg', expected: 'van der Berg' },
    { name: 'capitalises accented letters', text: 'ÉLODIE', expected: 'Élodie' },
    { name: 'keeps a single initial', text: 'J', expected: 'J' },
  ];
  for (const { name, text, expected } of cases) {
    it(name, () => assert.equal(displayName(text), expected));
  }
});

describe('capitaliseWord', () => {
  it('keeps listed hyphenated parts small after the first', () => {
    assert.equal(capitaliseWord('STOKE-ON-TRENT', new Set(['on'])), 'Stoke-on-Trent');
  });
  it('capitalises after an opening bracket', () => {
    assert.equal(capitaliseWord('(REAR)'), '(Rear)');
  });
  it('does not capitalise after an apostrophe that ends a possessive', () => {
    assert.equal(capitaliseWord("JOHN'S"), "John's");
  });
});

describe('isSingleCase', () => {
  const cases: Array<{ name: string; text: string; expected: boolean }> = [
    { name: 'sees ALL CAPS with digits as one case', text: '1 HIGH STREET', expected: true },
    { name: 'sees all lower case as one case', text: 'high street', expected: true },
    { name: 'sees mixed case as not one case', text: 'High Street', expected: false },
    { name: 'sees text without letters as not one case', text: '123', expected: false },
  ];
  for (const { name, text, expected } of cases) {
    it(name, () => assert.equal(isSingleCase(text), expected));
  }
});
