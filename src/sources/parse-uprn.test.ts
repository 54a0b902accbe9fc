import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseUprn } from './parse-uprn.ts';

describe('parseUprn', () => {
  const accepted: Array<{ name: string; text: string; expected: string }> = [
    { name: 'keeps a twelve-digit UPRN', text: '100012345678', expected: '100012345678' },
    { name: 'keeps a short UPRN', text: '38', expected: '38' },
    { name: 'drops leading zeros', text: '000100012345', expected: '100012345' },
    { name: 'drops the .0 a spreadsheet adds', text: '100012345678.0', expected: '100012345678' },
    { name: 'trims spaces', text: ' 10023456 ', expected: '10023456' },
  ];
  for (const { name, text, expected } of accepted) {
    it(name, () => assert.deepEqual(parseUprn(text), { ok: true, value: expected }));
  }

  it('reads blank as no UPRN', () => {
    assert.deepEqual(parseUprn(''), { ok: true, value: null });
  });

  const refused: Array<{ name: string; text: string; reason: string }> = [
    { name: 'refuses thirteen digits', text: '1000123456789', reason: 'UPRN "1000123456789" is not a UPRN (up to 12 digits)' },
    { name: 'refuses zero', text: '000', reason: 'UPRN "000" is not a UPRN (up to 12 digits)' },
    { name: 'refuses a fraction', text: '1234.5', reason: 'UPRN "1234.5" is not a UPRN (up to 12 digits)' },
    { name: 'refuses letters', text: 'UPRN123', reason: 'UPRN "UPRN123" is not a UPRN (up to 12 digits)' },
    { name: 'refuses a negative number', text: '-123', reason: 'UPRN "-123" is not a UPRN (up to 12 digits)' },
    { name: 'refuses a number a spreadsheet shortened', text: '1.00012E+11', reason: 'UPRN "1.00012E+11" was shortened by a spreadsheet; export it again as text' },
  ];
  for (const { name, text, reason } of refused) {
    it(name, () => assert.deepEqual(parseUprn(text), { ok: false, reason }));
  }
});
