import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyFields, surviveFields, type LinkedRecord } from './survivorship.ts';

function record(id: number, system: string, trust: number, changedAt: string, fields: Partial<typeof emptyFields>, ended = false): LinkedRecord {
  return { sourceRecordId: id, systemCode: system, trust, changedAt: new Date(changedAt), lastSeenAt: new Date(changedAt), ended, fields: { ...emptyFields, ...fields } };
}

describe('survivorship', () => {
  it('takes each field from the most trusted system that has it', () => {
    const golden = surviveFields([
      record(1, 'libraries', 40, '2026-01-01', { givenName: 'Bob', familyName: 'Smith', email: 'bob@example.com' }),
      record(2, 'council_tax', 80, '2020-01-01', { givenName: 'Robert', familyName: 'Smith', dob: '1970-02-03' }),
    ]);
    assert.equal(golden.fields.givenName, 'Robert');
    assert.equal(golden.fields.dob, '1970-02-03');
    assert.equal(golden.fields.email, 'bob@example.com');
    assert.equal(golden.provenance.givenName, 2);
    assert.equal(golden.provenance.email, 1);
  });

  it('prefers the most recently changed record between equally trusted systems', () => {
    const golden = surviveFields([
      record(1, 'leisure', 50, '2021-05-01', { familyName: 'Jones', phone: '+447700900001' }),
      record(2, 'waste', 50, '2025-05-01', { familyName: 'Jones', phone: '+447700900002' }),
    ]);
    assert.equal(golden.fields.phone, '+447700900002');
    assert.equal(golden.provenance.phone, 2);
  });

  it('keeps a name together rather than mixing one record’s given name with another’s family name', () => {
    const golden = surviveFields([
      record(1, 'electoral_register', 70, '2024-01-01', { givenName: 'Margaret', familyName: 'Taylor' }),
      record(2, 'libraries', 40, '2026-01-01', { givenName: 'Peggy', middleName: 'Ann', familyName: 'Brown' }),
    ]);
    assert.deepEqual([golden.fields.givenName, golden.fields.middleName, golden.fields.familyName], ['Margaret', null, 'Taylor']);
  });

  it('keeps an address together', () => {
    const golden = surviveFields([
      record(1, 'council_tax', 80, '2025-01-01', { addressLine1: '1 New Road', postcode: 'L1 8JQ', uprn: '38000000001' }),
      record(2, 'libraries', 40, '2026-01-01', { addressLine1: '9 Old Lane', town: 'Liverpool', postcode: 'L17 2AB' }),
    ]);
    assert.deepEqual([golden.fields.addressLine1, golden.fields.town, golden.fields.postcode], ['1 New Road', null, 'L1 8JQ']);
  });

  it('uses an ended record only where no live record says anything', () => {
    const golden = surviveFields([
      record(1, 'housing_benefit', 85, '2025-01-01', { familyName: 'Khan', niNumber: 'AB123456C', phone: '+447700900003' }, true),
      record(2, 'libraries', 40, '2020-01-01', { familyName: 'Khan', phone: '+447700900004' }),
    ]);
    assert.equal(golden.fields.phone, '+447700900004');
    assert.equal(golden.fields.niNumber, 'AB123456C');
  });

  it('gives an empty golden record for no records', () => {
    assert.deepEqual(surviveFields([]).fields, emptyFields);
  });
});
