import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailFromClaims } from './single-sign-on.client.ts';

describe('the email address an ID token vouches for', () => {
  const cases: Array<{ name: string; claims: Record<string, unknown>; expected: string | undefined }> = [
    { name: 'takes the email claim, in lower case', claims: { sub: '1', email: 'Ann.Lee@Council.gov.uk' }, expected: 'ann.lee@council.gov.uk' },
    { name: 'takes Entra ID\'s preferred_username when there is no email claim', claims: { sub: '1', preferred_username: 'ann.lee@council.gov.uk' }, expected: 'ann.lee@council.gov.uk' },
    { name: 'prefers the email claim to preferred_username', claims: { email: 'ann@council.gov.uk', preferred_username: 'alee@council.gov.uk' }, expected: 'ann@council.gov.uk' },
    { name: 'ignores a preferred_username that is not an address', claims: { preferred_username: 'ALEE' }, expected: undefined },
    { name: 'refuses an address the provider says is unverified', claims: { email: 'ann@council.gov.uk', email_verified: false }, expected: undefined },
    { name: 'takes an address the provider says is verified', claims: { email: 'ann@council.gov.uk', email_verified: true }, expected: 'ann@council.gov.uk' },
    { name: 'gives nothing when there is no address at all', claims: { sub: '1' }, expected: undefined },
  ];
  for (const { name, claims, expected } of cases) {
    it(name, () => assert.equal(emailFromClaims(claims), expected));
  }
});
