import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tidyAddressLine } from './parse-address.ts';

describe('tidyAddressLine', () => {
  const cases: Array<{ name: string; text: string; expected: string | null }> = [
    { name: 'puts ALL CAPS in title case', text: '1 HIGH STREET', expected: '1 High Street' },
    { name: 'puts all lower case in title case', text: '1 high street', expected: '1 High Street' },
    { name: 'keeps flat letters in capitals', text: 'FLAT 12A', expected: 'Flat 12A' },
    { name: 'capitalises flat letters in lower case text', text: '12a high street', expected: '12A High Street' },
    { name: 'keeps mixed case as given', text: 'Flat 3b, High St', expected: 'Flat 3b, High St' },
    { name: 'trims and collapses spaces', text: '  1   High  Street ', expected: '1 High Street' },
    { name: 'drops commas at the ends and spaces before commas', text: ', FLAT 1 , THE GRANGE,', expected: 'Flat 1, The Grange' },
    { name: 'keeps joining words small in hyphenated towns', text: 'STOKE-ON-TRENT', expected: 'Stoke-on-Trent' },
    { name: 'keeps joining words small between words', text: 'NEWCASTLE UPON TYNE', expected: 'Newcastle upon Tyne' },
    { name: 'capitalises a joining word after a number', text: '1 THE CLOSE', expected: '1 The Close' },
    { name: 'capitalises a joining word that starts the line', text: 'THE GREEN', expected: 'The Green' },
    { name: 'keeps a possessive small', text: "ST JOHN'S ROAD", expected: "St John's Road" },
    { name: 'capitalises after Mc', text: 'MCDONALD HOUSE', expected: 'McDonald House' },
    { name: 'keeps PO in capitals', text: 'PO BOX 12', expected: 'PO Box 12' },
    { name: 'reads blank as no line', text: '   ', expected: null },
    { name: 'reads only commas as no line', text: ' , ', expected: null },
  ];
  for (const { name, text, expected } of cases) {
    it(name, () => assert.equal(tidyAddressLine(text), expected));
  }
});
