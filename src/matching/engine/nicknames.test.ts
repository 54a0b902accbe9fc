import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { areNameVariants, canonicalGivenName } from './nicknames.ts';

describe('areNameVariants', () => {
  const same: Array<[string, string]> = [
    ['bob', 'robert'], ['bill', 'william'], ['peggy', 'margaret'], ['liz', 'elizabeth'], ['jim', 'james'], ['jack', 'john'],
    ['mohammed', 'muhammad'], ['mohamed', 'mohammad'], ['abdul', 'abdel'], ['yusuf', 'yousef'], ['aleksander', 'alexander'],
    ['kasia', 'katarzyna'], ['tunde', 'babatunde'], ['steven', 'stephen'],
  ];
  for (const [a, b] of same) it(`takes ${a} and ${b} for one name`, () => assert.ok(areNameVariants(a, b)));
  const different: Array<[string, string]> = [
    ['lily', 'lilly'], ['jon', 'jan'], ['louis', 'louise'], ['daniel', 'danielle'], ['jack', 'jake'], ['ella', 'ellie'],
    ['amelia', 'emilia'], ['robert', 'richard'],
  ];
  for (const [a, b] of different) it(`keeps ${a} and ${b} apart`, () => assert.ok(!areNameVariants(a, b)));
});

describe('canonicalGivenName', () => {
  it('files a short form under its formal name', () => assert.equal(canonicalGivenName('bob'), 'robert'));
  it('files a spelling under the group name', () => assert.equal(canonicalGivenName('muhammad'), 'mohammed'));
  it('leaves a name without short forms as it is', () => assert.equal(canonicalGivenName('zebedee'), 'zebedee'));
});
