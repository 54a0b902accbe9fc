import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { groupedSecret, matchingStep, newTotpSecret, normaliseCode, otpauthUri, totpCodeAt } from './two-factor.ts';

// RFC 6238 appendix B's SHA-1 secret ("12345678901234567890") in base32, and its published 8-digit codes, of which
// a 6-digit code is the last six digits.
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP codes', () => {
  const cases: Array<{ name: string; at: string; code: string }> = [
    { name: 'at 59 seconds past the epoch', at: '1970-01-01T00:00:59Z', code: '287082' },
    { name: 'in 2005', at: '2005-03-18T01:58:29Z', code: '081804' },
    { name: 'in 2009', at: '2009-02-13T23:31:30Z', code: '005924' },
    { name: 'in 2033', at: '2033-05-18T03:33:20Z', code: '279037' },
  ];
  for (const { name, at, code } of cases) {
    it(`gives RFC 6238's code ${name}`, () => {
      assert.equal(totpCodeAt(rfcSecret, new Date(at)), code);
    });
  }

  const now = new Date('2026-11-25T09:00:10Z');
  const step = Math.floor(now.getTime() / 30_000);
  const table: Array<{ name: string; codeAt: number; expected: number | undefined }> = [
    { name: 'accepts the code of this step', codeAt: 0, expected: step },
    { name: 'accepts the code of the step before, for a phone a little slow', codeAt: -30_000, expected: step - 1 },
    { name: 'accepts the code of the step after, for a phone a little fast', codeAt: 30_000, expected: step + 1 },
    { name: 'refuses a code a minute old', codeAt: -60_000, expected: undefined },
    { name: 'refuses a code a minute ahead', codeAt: 60_000, expected: undefined },
  ];
  for (const { name, codeAt, expected } of table) {
    it(name, () => {
      const code = totpCodeAt(rfcSecret, new Date(now.getTime() + codeAt));
      assert.equal(matchingStep(rfcSecret, code, now), expected);
    });
  }

  it('refuses anything that is not 6 digits', () => {
    for (const code of ['', '12345', '1234567', 'abcdef', '12 345']) assert.equal(matchingStep(rfcSecret, code, now), undefined, code);
  });

  it('reads codes typed with spaces or a hyphen', () => {
    assert.equal(normaliseCode(' 123 456 '), '123456');
    assert.equal(normaliseCode('123-456'), '123456');
  });
});

describe('setting up', () => {
  it('makes a new 160-bit secret each time', () => {
    const first = newTotpSecret();
    assert.match(first, /^[A-Z2-7]{32}$/);
    assert.notEqual(first, newTotpSecret());
  });

  it('writes the otpauth:// URI authenticator apps read, naming the service and the account', () => {
    const uri = new URL(otpauthUri(rfcSecret, 'ann.lee@council.gov.uk', 'OneStop (Test Borough Council)'));
    assert.equal(`${uri.protocol}//${uri.host}`, 'otpauth://totp');
    assert.equal(decodeURIComponent(uri.pathname), '/OneStop (Test Borough Council):ann.lee@council.gov.uk');
    assert.deepEqual(Object.fromEntries(uri.searchParams), { issuer: 'OneStop (Test Borough Council)', secret: rfcSecret, algorithm: 'SHA1', digits: '6', period: '30' });
  });

  it('shows a secret in groups of four for typing in by hand', () => {
    assert.equal(groupedSecret('ABCDEFGHIJ'), 'ABCD EFGH IJ');
  });
});
