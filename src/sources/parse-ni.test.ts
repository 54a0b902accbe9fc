import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseNiNumber } from './parse-ni.ts';

describe('parseNiNumber', () => {
  const accepted: Array<{ name: string; text: string; expected: string }> = [
    { name: 'keeps a number already written properly', text: 'AB123456C', expected: 'AB123456C' },
    { name: 'removes spaces', text: 'JC 12 34 56 A', expected: 'JC123456A' },
    { name: 'removes dashes', text: 'PE-12-34-56-D', expected: 'PE123456D' },
    { name: 'puts lower case in capitals', text: 'ab123456b', expected: 'AB123456B' },
    { name: 'keeps a number without its suffix', text: 'AB123456', expected: 'AB123456' },
    { name: 'keeps a number whose suffix was a space', text: 'AB123456 ', expected: 'AB123456' },
    { name: 'accepts O as the first letter', text: 'OA123456A', expected: 'OA123456A' },
  ];
  for (const { name, text, expected } of accepted) {
    it(name, () => assert.deepEqual(parseNiNumber(text), { ok: true, value: expected }));
  }

  it('reads blank as no number', () => {
    assert.deepEqual(parseNiNumber(''), { ok: true, value: null });
  });

  const badShape: Array<{ name: string; text: string }> = [
    { name: 'refuses too few digits', text: 'AB12345C' },
    { name: 'refuses digits where letters go', text: '12123456C' },
    { name: 'refuses words', text: 'not known' },
  ];
  for (const { name, text } of badShape) {
    it(name, () => assert.deepEqual(parseNiNumber(text), {
      ok: false, reason: `National Insurance number "${text}" is not in the form AB 12 34 56 C`,
    }));
  }

  it('refuses a suffix after D', () => {
    assert.deepEqual(parseNiNumber('AB123456E'), {
      ok: false, reason: 'National Insurance number "AB123456E" ends with a letter other than A, B, C or D',
    });
  });

  const badLetters: Array<{ name: string; text: string }> = [
    { name: 'refuses D as the first letter', text: 'DA123456A' },
    { name: 'refuses F, I, U or V as the first letter', text: 'VA123456A' },
    { name: 'refuses O as the second letter', text: 'AO123456A' },
    { name: 'refuses Q as the second letter', text: 'AQ123456A' },
    { name: 'refuses HMRC\'s example prefix QQ', text: 'QQ123456C' },
    { name: 'refuses the unissued prefix BG', text: 'BG123456A' },
    { name: 'refuses the unissued prefix GB', text: 'GB123456A' },
    { name: 'refuses the unissued prefix NK', text: 'NK123456A' },
    { name: 'refuses the unissued prefix KN', text: 'KN123456A' },
    { name: 'refuses the temporary prefix TN', text: 'TN123456A' },
    { name: 'refuses the unissued prefix NT', text: 'NT123456A' },
    { name: 'refuses the unissued prefix ZZ', text: 'ZZ123456A' },
  ];
  for (const { name, text } of badLetters) {
    it(name, () => assert.deepEqual(parseNiNumber(text), {
      ok: false, reason: `National Insurance number "${text}" has letters HMRC does not issue`,
    }));
  }
});
