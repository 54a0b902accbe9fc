import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatPhone, parsePhone } from './parse-phone.ts';

describe('parsePhone', () => {
  const accepted: Array<{ name: string; text: string; expected: string }> = [
    { name: 'reads a spaced mobile number', text: '07700 900123', expected: '+447700900123' },
    { name: 'reads an area code in brackets', text: '(0151) 496 0000', expected: '+441514960000' },
    { name: 'reads a number with dashes', text: '0151-496-0000', expected: '+441514960000' },
    { name: 'reads +44 with the trunk 0 in brackets', text: '+44 (0)7700 900123', expected: '+447700900123' },
    { name: 'reads +44 with a stray trunk 0', text: '+4407700900123', expected: '+447700900123' },
    { name: 'reads 0044', text: '0044 7700 900123', expected: '+447700900123' },
    { name: 'reads 44 without a plus', text: '447700900123', expected: '+447700900123' },
    { name: 'keeps E.164 as it is', text: '+447700900123', expected: '+447700900123' },
    { name: 'restores the 0 a spreadsheet dropped', text: '7700900123', expected: '+447700900123' },
    { name: 'drops an extension written x', text: '0151 496 0000 x123', expected: '+441514960000' },
    { name: 'drops an extension written ext', text: '0151 496 0000 ext. 123', expected: '+441514960000' },
    { name: 'reads a nine-digit number for an old area code', text: '016977 3456', expected: '+44169773456' },
    { name: 'reads a freephone number', text: '0800 123 4567', expected: '+448001234567' },
  ];
  for (const { name, text, expected } of accepted) {
    it(name, () => assert.deepEqual(parsePhone(text), { ok: true, value: expected }));
  }

  it('reads blank as no phone', () => {
    assert.deepEqual(parsePhone(' '), { ok: true, value: null });
  });

  const refused: Array<{ name: string; text: string; reason: string }> = [
    { name: 'refuses a French number', text: '+33 1 23 45 67 89', reason: 'phone "+33 1 23 45 67 89" is not a UK number' },
    { name: 'refuses an international number dialled with 00', text: '001 212 555 0100', reason: 'phone "001 212 555 0100" is not a UK number' },
    { name: 'refuses too few digits', text: '0151 496 00', reason: 'phone "0151 496 00" does not have the right digits for a UK number' },
    { name: 'refuses too many digits', text: '07700 9001234', reason: 'phone "07700 9001234" does not have the right digits for a UK number' },
    { name: 'refuses a nine-digit mobile number', text: '07700 90012', reason: 'phone "07700 90012" does not have the right digits for a UK number' },
    { name: 'refuses a number starting 04', text: '0412 345 678', reason: 'phone "0412 345 678" does not have the right digits for a UK number' },
    { name: 'refuses two numbers in one field', text: '07700 900123 / 0151 496 0000', reason: 'phone "07700 900123 / 0151 496 0000" does not have the right digits for a UK number' },
    { name: 'refuses words', text: 'ring after 5', reason: 'phone "ring after 5" is not a phone number' },
  ];
  for (const { name, text, reason } of refused) {
    it(name, () => assert.deepEqual(parsePhone(text), { ok: false, reason }));
  }
});

describe('showing a phone number', () => {
  const shown: Array<[string, string]> = [
    ['+447700900123', '07700 900123'], ['+441514960577', '0151 496 0577'], ['+442079460000', '020 7946 0000'],
    ['+441214960000', '0121 496 0000'], ['+441632960001', '01632 960001'], ['+443003030303', '0300 303 0303'],
    ['+448001111', '+448001111'], ['+33123456789', '+33123456789'],
  ];
  for (const [number, text] of shown) it(`shows ${number} as ${text}`, () => assert.equal(formatPhone(number), text));
  it('shows every number it formats as one that reads back the same', () => {
    for (const [number] of shown) {
      const parsed = parsePhone(formatPhone(number));
      if (number.startsWith('+44') && parsed.ok) assert.equal(parsed.value, number);
    }
  });
});
