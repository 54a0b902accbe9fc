import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Sex } from './source-record.ts';
import { parseSex } from './parse-sex.ts';

describe('parseSex', () => {
  const accepted: Array<{ text: string; expected: Sex | null }> = [
    { text: 'F', expected: 'female' }, { text: 'female', expected: 'female' }, { text: 'W', expected: 'female' },
    { text: 'Woman', expected: 'female' }, { text: 'M', expected: 'male' }, { text: 'MALE', expected: 'male' },
    { text: 'man', expected: 'male' }, { text: 'X', expected: 'other' }, { text: 'Other', expected: 'other' },
    { text: 'Non-binary', expected: 'other' }, { text: 'non binary', expected: 'other' },
    { text: 'Indeterminate', expected: 'other' }, { text: 'I', expected: 'other' },
    { text: 'U', expected: null }, { text: 'Unknown', expected: null }, { text: 'Not known', expected: null },
    { text: 'not_stated', expected: null }, { text: '', expected: null }, { text: ' m ', expected: 'male' },
  ];
  for (const { text, expected } of accepted) {
    it(`reads "${text}" as ${expected ?? 'no answer'}`, () => assert.deepEqual(parseSex(text), { ok: true, value: expected }));
  }

  const refused = ['1', '2', '9', 'Mrs', 'yes'];
  for (const text of refused) {
    it(`refuses "${text}"`, () => assert.deepEqual(parseSex(text), {
      ok: false, reason: `sex "${text}" is not one we know (female, male, other or unknown)`,
    }));
  }
});
