import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldAddress, foldEmailLocal, foldName, foldWords } from './text.ts';

describe('foldWords', () => {
  it('drops accents, case and apostrophes', () => assert.deepEqual(foldWords("Łukasz O'Brien-WIŚNIEWSKI"), ['lukasz', 'obrien', 'wisniewski']));
  it('gives nothing for no text', () => assert.deepEqual(foldWords(null), []));
});

describe('foldName', () => {
  const cases: Array<[string, [string | null, string | null, string | null], { given: string; middle: string; family: string[]; suffix: number }]> = [
    ['takes a title off a given name', ['Dr John', null, 'Smith'], { given: 'john', middle: '', family: ['smith'], suffix: 0 }],
    ['keeps the second given name as a middle name', ['Mary Ann', null, 'Jones'], { given: 'mary', middle: 'ann', family: ['jones'], suffix: 0 }],
    ['takes a suffix off the family name', ['John', null, 'Smith Jr'], { given: 'john', middle: '', family: ['smith'], suffix: 1 }],
    ['takes the family name back from a parse that left only the suffix', ['John', 'Smith', 'Jr'], { given: 'john', middle: '', family: ['smith'], suffix: 1 }],
    ['keeps the words of a compound family name', ['Ana', null, 'da Silva'], { given: 'ana', middle: '', family: ['da', 'silva'], suffix: 0 }],
  ];
  for (const [name, [given, middle, family], expected] of cases) it(name, () => assert.deepEqual(foldName(given, middle, family), expected));
});

describe('foldAddress', () => {
  it('splits house numbers from the street and spells out abbreviations', () => {
    assert.deepEqual(foldAddress('Flat 1, 12A High St.'), { line: '1 12a high street', numbers: '1 12a', street: 'high street' });
  });
  it('reads the letter after Flat as its number', () => assert.equal(foldAddress('Flat A, 102 Warwick Terrace')?.numbers, 'a 102'));
  it('gives null for an empty line', () => assert.equal(foldAddress('  '), null));
});

describe('foldEmailLocal', () => {
  it('ignores case, dots and a plus tag', () => assert.equal(foldEmailLocal('John.Smith+council@Example.com'), 'johnsmith'));
});
