import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StandardFields } from '../../sources/source-record.ts';
import { blockingKeys, blockingRules } from './blocking-rules.ts';
import { buildBlocks } from './blocking.ts';
import { comparePairsOfBlocks } from './pairs.ts';
import { prepareRecords } from './prepare.ts';
import { person } from './test-records.ts';

function sharedRules(a: Partial<StandardFields>, b: Partial<StandardFields>): string[] {
  const { records } = prepareRecords([person(a), person(b)]);
  const keys = blockingKeys(records, false);
  return blockingRules.filter((_, rule) => (keys[rule]?.[0] ?? -1) >= 0 && keys[rule]?.[0] === keys[rule]?.[1]).map((rule) => rule.name);
}

describe('blocking keys', () => {
  const robert = { givenName: 'Robert', familyName: 'Holmes', dob: '1980-03-02', postcode: 'L8 1JJ', addressLine1: '7 Huskisson Lane' };
  it('puts a nickname with its formal name', () => assert.ok(sharedRules(robert, { ...robert, givenName: 'Bob', dob: null }).includes('family_sound_given_initial')));
  it('still finds a pair with a typo in the family name and no date of birth', () => {
    assert.ok(sharedRules({ ...robert, dob: null }, { ...robert, familyName: 'Holmse', dob: null }).length > 0);
  });
  it('still finds a pair with a typo in the date of birth and the postcode', () => {
    assert.ok(sharedRules(robert, { ...robert, dob: '1980-03-07', postcode: 'L8 1JL' }).length > 0);
  });
  it('finds swapped given and family names', () => assert.ok(sharedRules(robert, { ...robert, givenName: 'Holmes', familyName: 'Robert' }).includes('names')));
  it('gives no key to a rule whose fields are missing', () => assert.ok(!sharedRules({ givenName: 'Ann' }, { givenName: 'Ann' }).includes('dob')));
});

describe('candidate pairs', () => {
  it('compares each pair once however many rules share it', () => {
    const same = { givenName: 'Ann', familyName: 'Lee', dob: '1970-01-01', postcode: 'L1 8JQ', email: 'ann@example.com', phone: '+447700900001' };
    const { records, text } = prepareRecords([person(same), person(same), person(same)]);
    const pairs = comparePairsOfBlocks(records, buildBlocks(records, text.names.texts, { shared: false }), 0, Number.MAX_SAFE_INTEGER);
    assert.equal(pairs.count, 3);
  });
});
