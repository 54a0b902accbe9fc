import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseEmail } from './parse-email.ts';

describe('parseEmail', () => {
  const accepted: Array<{ name: string; text: string; expected: string }> = [
    { name: 'keeps an address already written properly', text: 'jane.doe@example.org.uk', expected: 'jane.doe@example.org.uk' },
    { name: 'puts the domain in lower case', text: 'Jane.Doe@Example.ORG', expected: 'Jane.Doe@example.org' },
    { name: 'keeps the part before the @ as given', text: 'JANE+council@example.com', expected: 'JANE+council@example.com' },
    { name: 'trims spaces', text: '  jane@example.com ', expected: 'jane@example.com' },
    { name: 'drops a mailto: prefix', text: 'mailto:jane@example.com', expected: 'jane@example.com' },
    { name: 'accepts a hyphenated domain', text: 'jane@my-council.gov.uk', expected: 'jane@my-council.gov.uk' },
  ];
  for (const { name, text, expected } of accepted) {
    it(name, () => assert.deepEqual(parseEmail(text), { ok: true, value: expected }));
  }

  it('reads blank as no email', () => {
    assert.deepEqual(parseEmail(''), { ok: true, value: null });
  });

  const refused: Array<{ name: string; text: string; reason: string }> = [
    { name: 'refuses text without an @', text: 'jane.doe', reason: 'email "jane.doe" has no @' },
    { name: 'refuses a space inside', text: 'jane doe@example.com', reason: 'email "jane doe@example.com" has a space in it' },
    { name: 'refuses a domain without a dot', text: 'jane@localhost', reason: 'email "jane@localhost" has no dot in the part after the @' },
    { name: 'refuses nothing before the @', text: '@example.com', reason: 'email "@example.com" is not an email address' },
    { name: 'refuses two @ signs', text: 'jane@doe@example.com', reason: 'email "jane@doe@example.com" is not an email address' },
    { name: 'refuses a domain ending in a dot', text: 'jane@example.com.', reason: 'email "jane@example.com." has a domain that cannot be right' },
    { name: 'refuses a domain with two dots together', text: 'jane@example..com', reason: 'email "jane@example..com" has a domain that cannot be right' },
    { name: 'refuses a domain with a comma', text: 'jane@example,com.uk', reason: 'email "jane@example,com.uk" has a domain that cannot be right' },
  ];
  for (const { name, text, reason } of refused) {
    it(name, () => assert.deepEqual(parseEmail(text), { ok: false, reason }));
  }
});
