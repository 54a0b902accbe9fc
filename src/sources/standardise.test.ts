import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalRow, ParseOptions, StandardFields } from './source-record.ts';
import { hasIdentity, standardiseRow } from './standardise.ts';

const today = new Date(2025, 5, 1);
const options: ParseOptions = { dateFormat: 'auto', nameFormat: 'auto' };

const nothing: StandardFields = {
  title: null, givenName: null, middleName: null, familyName: null, fullName: null, dob: null, sex: null,
  addressLine1: null, addressLine2: null, town: null, postcode: null, uprn: null, addressFrom: null, addressTo: null,
  phone: null, email: null, niNumber: null,
};

describe('standardiseRow', () => {
  it('standardises every field of a council extract row', () => {
    const row: CanonicalRow = {
      source_system: 'housing', source_id: 'T-1', title: 'MRS', given_name: 'JANE', middle_name: 'ann', family_name: "O'BRIEN",
      dob: '02/03/1980', sex: 'F', address_line1: 'FLAT 12A', address_line2: '1 HIGH STREET', town: 'STOKE-ON-TRENT',
      postcode: 'st4 1aa', uprn: '003456789012.0', address_from: '2001-04-01 00:00:00', address_to: '31 Mar 2020',
      phone: '07700 900123', email: 'Jane@Example.ORG', ni_number: 'ab 12 34 56 c',
    };
    assert.deepEqual(standardiseRow(row, options, today), {
      ok: true,
      fields: {
        title: 'Mrs', givenName: 'Jane', middleName: 'Ann', familyName: "O'Brien", fullName: "Jane Ann O'Brien",
        dob: '1980-03-02', sex: 'female', addressLine1: 'Flat 12A', addressLine2: '1 High Street', town: 'Stoke-on-Trent',
        postcode: 'ST4 1AA', uprn: '3456789012', addressFrom: '2001-04-01', addressTo: '2020-03-31',
        phone: '+447700900123', email: 'Jane@example.org', niNumber: 'AB123456C',
      },
    });
  });

  it('splits a full name with the extract\'s name format', () => {
    const result = standardiseRow({ full_name: 'SMITH John' }, { dateFormat: 'auto', nameFormat: 'family_given' }, today);
    assert.deepEqual(result, { ok: true, fields: { ...nothing, givenName: 'John', familyName: 'Smith', fullName: 'John Smith' } });
  });

  it('reads dates with the extract\'s date format', () => {
    const result = standardiseRow({ dob: '03/02/1980' }, { dateFormat: 'mdy', nameFormat: 'auto' }, today);
    assert.deepEqual(result, { ok: true, fields: { ...nothing, dob: '1980-03-02' } });
  });

  it('gives every field null for a blank row', () => {
    assert.deepEqual(standardiseRow({ family_name: ' ', postcode: '' }, options, today), { ok: true, fields: nothing });
  });

  const refused: Array<{ name: string; row: CanonicalRow; reason: string }> = [
    { name: 'refuses a name with a digit', row: { family_name: 'Sm1th' }, reason: 'family name "Sm1th" contains a digit' },
    { name: 'refuses an impossible date of birth', row: { dob: '31/02/1980' }, reason: 'date of birth "31/02/1980" is not a real date' },
    { name: 'refuses an unknown sex', row: { sex: '2' }, reason: 'sex "2" is not one we know (female, male, other or unknown)' },
    { name: 'refuses a broken postcode', row: { postcode: 'L1 8J' }, reason: 'postcode "L1 8J" is not a UK postcode' },
    { name: 'refuses a broken UPRN', row: { uprn: 'n/a' }, reason: 'UPRN "n/a" is not a UPRN (up to 12 digits)' },
    { name: 'refuses a move-in date in the future', row: { address_from: '2030-01-01' }, reason: 'date moved in "2030-01-01" is in the future' },
    { name: 'refuses a move-out date with a two-digit year', row: { address_to: '01/01/20' }, reason: 'date moved out "01/01/20" has a two-digit year: the year must have four digits' },
    { name: 'refuses another country\'s phone number', row: { phone: '+33 1 23 45 67 89' }, reason: 'phone "+33 1 23 45 67 89" is not a UK number' },
    { name: 'refuses an email without an @', row: { email: 'jane.example.org' }, reason: 'email "jane.example.org" has no @' },
    { name: 'refuses HMRC\'s example National Insurance number', row: { ni_number: 'QQ 12 34 56 C' }, reason: 'National Insurance number "QQ 12 34 56 C" has letters HMRC does not issue' },
    { name: 'gives the first failing field\'s reason', row: { dob: '31/02/1980', postcode: 'L1 8J', email: 'x' }, reason: 'date of birth "31/02/1980" is not a real date' },
  ];
  for (const { name, row, reason } of refused) {
    it(name, () => assert.deepEqual(standardiseRow({ family_name: 'Smith', ...row }, options, today), { ok: false, reason }));
  }
});

describe('hasIdentity', () => {
  const cases: Array<{ name: string; fields: Pick<StandardFields, 'familyName' | 'fullName'>; expected: boolean }> = [
    { name: 'sees a family name as naming someone', fields: { familyName: 'Smith', fullName: 'Smith' }, expected: true },
    { name: 'sees a full name alone as naming someone', fields: { familyName: null, fullName: 'John' }, expected: true },
    { name: 'sees no name as naming no one', fields: { familyName: null, fullName: null }, expected: false },
  ];
  for (const { name, fields, expected } of cases) {
    it(name, () => assert.equal(hasIdentity(fields), expected));
  }

  it('sees a row with only a title as naming no one', () => {
    const result = standardiseRow({ title: 'Mr', postcode: 'L1 8JQ' }, options, today);
    assert.equal(result.ok && hasIdentity(result.fields), false);
  });
});
