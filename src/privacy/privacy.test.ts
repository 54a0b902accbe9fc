import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isDue, mayContact, readCorrection, retentionCutoff, type Preference } from './privacy.ts';
import { namesToRedact, redactValue } from './subject-access.ts';
import { nextRetentionRun } from './retention.service.ts';

describe('retention cutoff', () => {
  const cases: Array<[string, string, number, string]> = [
    ['a plain date', '2032-11-25T09:00:00.000Z', 6, '2026-11-25T09:00:00.000Z'],
    ['29 February back to a year without one gives 28 February, never 1 March', '2032-02-29T12:00:00.000Z', 1, '2031-02-28T12:00:00.000Z'],
    ['29 February back to a leap year stays', '2032-02-29T12:00:00.000Z', 4, '2028-02-29T12:00:00.000Z'],
    ['the last day of a month', '2030-03-31T00:00:00.000Z', 7, '2023-03-31T00:00:00.000Z'],
  ];
  for (const [name, now, years, expected] of cases) it(`computes ${name}`, () => assert.equal(retentionCutoff(new Date(now), years).toISOString(), expected));

  it('makes a record due exactly when the whole period has passed, never a millisecond before', () => {
    const record = { lastSeenAt: new Date('2026-11-25T09:00:00.000Z'), endedAt: null };
    assert.equal(isDue({ years: 6, basis: 'last_seen' }, record, new Date('2032-11-25T08:59:59.999Z')), false);
    assert.equal(isDue({ years: 6, basis: 'last_seen' }, record, new Date('2032-11-25T09:00:00.000Z')), true);
    assert.equal(isDue({ years: 6, basis: 'ended' }, record, new Date('2099-01-01T00:00:00Z')), false, 'a record still held never ends');
  });

  it('never makes a record last seen on 29 February due on 28 February', () => {
    const record = { lastSeenAt: new Date('2028-02-29T10:00:00.000Z'), endedAt: null };
    assert.equal(isDue({ years: 1, basis: 'last_seen' }, record, new Date('2029-02-28T10:00:00.000Z')), false);
    assert.equal(isDue({ years: 1, basis: 'last_seen' }, record, new Date('2029-03-01T10:00:00.000Z')), true);
  });

  it('runs nightly at 02:00 UTC', () => {
    assert.equal(nextRetentionRun(new Date('2028-01-01T01:59:59Z')).toISOString(), '2028-01-01T02:00:00.000Z');
    assert.equal(nextRetentionRun(new Date('2028-01-01T02:00:00Z')).toISOString(), '2028-01-02T02:00:00.000Z');
  });
});

describe('corrections', () => {
  const cases: Array<[string, Parameters<typeof readCorrection>, string | null | RegExp]> = [
    ['a date of birth in the standard form', ['dob', '03/04/1938'], '1938-04-03'],
    ['a postcode tidied', ['postcode', 'l18jq'], 'L1 8JQ'],
    ['an NI number tidied', ['niNumber', 'ab 12 34 56 c'], 'AB123456C'],
    ['an empty value as not held', ['phone', '  '], null],
    ['an unreadable date refused', ['dob', '31/02/1938'], /not a real date/],
  ];
  for (const [name, args, expected] of cases) {
    it(`reads ${name}`, () => {
      const read = readCorrection(...args);
      if (expected instanceof RegExp) assert.match(read.ok ? '' : read.reason, expected);
      else assert.deepEqual(read, { ok: true, value: expected });
    });
  }
});

describe('contact preferences', () => {
  const said = (granted: boolean): Preference => ({ id: 1, channel: 'email', purpose: 'marketing', granted, source: 'phone', recordedBy: 'user:1', recordedByName: 'A', recordedAt: new Date() });
  it('needs agreement for marketing and surveys', () => {
    assert.equal(mayContact(null, 'marketing'), false);
    assert.equal(mayContact(null, 'surveys'), false);
    assert.equal(mayContact(said(true), 'marketing'), true);
  });
  it('sends service updates unless the resident said no', () => {
    assert.equal(mayContact(null, 'service_updates'), true);
    assert.equal(mayContact(said(false), 'service_updates'), false);
  });
});

describe('redaction', () => {
  it('blanks other people’s names, whole words and any case, and counts them', () => {
    const names = namesToRedact([{ fullName: 'Albert Walsh', givenName: 'Albert', familyName: 'Walsh' }, { fullName: 'Al', givenName: null, familyName: null }], ['Edith Walsh']);
    const counter = { count: 0 };
    assert.equal(redactValue('Carer is ALBERT WALSH; Albert Walshaw visits', names, counter), 'Carer is [another person]; Albert Walshaw visits');
    assert.equal(counter.count, 1);
  });
  it('never blanks the resident’s own name', () => {
    assert.deepEqual(namesToRedact([{ fullName: 'John Smith', givenName: 'John', familyName: 'Smith' }], ['John Smith']), []);
  });
});
