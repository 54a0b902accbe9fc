import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { referenceFor } from './reference.ts';
import { isEmptyQuery, parseSearch, type SearchQuery } from './search.ts';

const today = new Date('2026-11-25T09:00:00Z');
const nothing: SearchQuery = { name: null, postcode: null, dob: null, phone: null, email: null, niNumber: null, uprn: null, personId: null, sourceReference: null, notes: [] };

describe('parseSearch', () => {
  const cases: Array<{ name: string; input: { q?: string; postcode?: string; dob?: string }; expected: Partial<SearchQuery> }> = [
    { name: 'reads two words as a name alone', input: { q: 'jon smyth' }, expected: { name: 'jon smyth' } },
    { name: 'keeps apostrophes and hyphens in a name', input: { q: "mary o'brien-jones" }, expected: { name: "mary o'brien-jones" } },
    { name: 'takes a spaced postcode out of the name', input: { q: 'jon smyth L1 8JQ' }, expected: { name: 'jon smyth', postcode: 'L1 8JQ' } },
    { name: 'reads a postcode typed in lower case without its space', input: { q: 'jon smyth l18jq' }, expected: { name: 'jon smyth', postcode: 'L1 8JQ' } },
    { name: 'reads a postcode put before the name', input: { q: 'sw1a1aa smith' }, expected: { name: 'smith', postcode: 'SW1A 1AA' } },
    { name: 'reads a date of birth written dd/mm/yyyy', input: { q: 'smith 27/03/1985' }, expected: { name: 'smith', dob: '1985-03-27' } },
    { name: 'reads a date of birth written as ISO', input: { q: 'smith 1985-03-27' }, expected: { name: 'smith', dob: '1985-03-27' } },
    { name: 'reads a date of birth written with dots', input: { q: 'smith 27.03.1985' }, expected: { name: 'smith', dob: '1985-03-27' } },
    { name: 'reads a slashed date day first, as in the UK', input: { q: 'smith 3/7/1985' }, expected: { name: 'smith', dob: '1985-07-03' } },
    { name: 'reads a spaced national phone number', input: { q: '07700 900123' }, expected: { phone: '+447700900123' } },
    { name: 'reads a landline with an area code', input: { q: '0151 496 0000' }, expected: { phone: '+441514960000' } },
    { name: 'reads a phone number in +44 form', input: { q: '+44 7700 900123' }, expected: { phone: '+447700900123' } },
    { name: 'reads +44 with the trunk 0 in brackets beside a name', input: { q: 'smith +44 (0)7700 900123' }, expected: { name: 'smith', phone: '+447700900123' } },
    { name: 'reads an email and keeps its local part as typed', input: { q: 'John.Smith@Example.org' }, expected: { email: 'John.Smith@example.org', sourceReference: 'John.Smith@Example.org' } },
    { name: 'reads an NI number with spaces', input: { q: 'AB 12 34 56 C' }, expected: { niNumber: 'AB123456C' } },
    { name: 'reads an NI number with spaces beside a name', input: { q: 'smith ab 12 34 56 c' }, expected: { name: 'smith', niNumber: 'AB123456C' } },
    { name: 'reads twelve digits as a UPRN', input: { q: '100012345678' }, expected: { uprn: '100012345678', sourceReference: '100012345678' } },
    { name: 'drops the leading zeros of a UPRN', input: { q: '000100012345' }, expected: { uprn: '100012345', sourceReference: '000100012345' } },
    { name: 'reads a OneStop reference as the person it names', input: { q: referenceFor(42) }, expected: { personId: 42, sourceReference: referenceFor(42) } },
    { name: 'reads a OneStop reference typed in lower case without its hyphen', input: { q: referenceFor(42).toLowerCase().replace('-', '') }, expected: { personId: 42, sourceReference: referenceFor(42).toLowerCase().replace('-', '') } },
    { name: 'tries a single word as a source reference as well as a name', input: { q: 'smith' }, expected: { name: 'smith', sourceReference: 'smith' } },
    { name: 'reads a name, postcode, date of birth and phone in one string', input: { q: 'jon smyth L1 8JQ 27/03/1985 07700900123' }, expected: { name: 'jon smyth', postcode: 'L1 8JQ', dob: '1985-03-27', phone: '+447700900123' } },
    { name: 'reads a postcode and date of birth given as separate filters', input: { q: 'jon smith', postcode: 'l18jq', dob: '27/03/1985' }, expected: { name: 'jon smith', postcode: 'L1 8JQ', dob: '1985-03-27' } },
    { name: 'lets a postcode filter replace one typed in the text', input: { q: 'jon smith M1 1AE', postcode: 'L1 8JQ' }, expected: { name: 'jon smith', postcode: 'L1 8JQ' } },
    { name: 'ignores a blank postcode filter', input: { q: 'jon smith', postcode: '  ' }, expected: { name: 'jon smith' } },
    { name: 'notes a postcode filter it cannot read, and searches without it', input: { q: 'jon smith', postcode: 'not a postcode' }, expected: { name: 'jon smith', notes: ['The postcode was not used: postcode "not a postcode" is not a UK postcode.'] } },
    { name: 'notes a date of birth filter that is not a real date', input: { q: 'jon smith', dob: '31/02/1985' }, expected: { name: 'jon smith', notes: ['The date of birth was not used: date of birth "31/02/1985" is not a real date.'] } },
    { name: 'notes a date in the text that is not a real date, and does not read its digits as a UPRN', input: { q: 'smith 31/02/1985' }, expected: { name: 'smith', notes: ['The date of birth was not used: date of birth "31/02/1985" is not a real date.'] } },
    { name: 'notes an ISO date in the text that is not a real date', input: { q: 'smith 1985-02-30' }, expected: { name: 'smith', notes: ['The date of birth was not used: date of birth "1985-02-30" is not a real date.'] } },
    { name: 'reads a single letter as no name', input: { q: 'x' }, expected: { sourceReference: 'x' } },
    { name: 'notes a date of birth in the text that is in the future', input: { q: 'smith 27/03/2030' }, expected: { name: 'smith', notes: ['The date of birth was not used: date of birth "27/03/2030" is in the future.'] } },
    { name: 'reads empty text as nothing to search for', input: { q: '   ' }, expected: {} },
    { name: 'reads no input as nothing to search for', input: {}, expected: {} },
  ];
  for (const { name, input, expected } of cases) {
    it(name, () => assert.deepEqual(parseSearch(input, today), { ...nothing, ...expected }));
  }

  it('tries a single token as a source system’s own reference, as it was typed', () => {
    for (const q of ['HB-20417', 'CTX1001', ' 00123/A ']) assert.equal(parseSearch({ q }, today).sourceReference, q.trim(), q);
  });

  it('reads neither a name nor a UPRN out of a system reference with digits in it', () => {
    const query = parseSearch({ q: 'HB-20417' }, today);
    assert.deepEqual([query.name, query.uprn, query.sourceReference], [null, null, 'HB-20417']);
  });

  it('does not try text of several words as a source reference', () => {
    assert.equal(parseSearch({ q: 'HB 20417' }, today).sourceReference, null);
  });

  it('does not take a OneStop reference with one character mistyped as a person', () => {
    const reference = referenceFor(42);
    const wrong = reference.slice(0, 3) + (reference[3] === 'A' ? 'B' : 'A') + reference.slice(4);
    assert.equal(parseSearch({ q: wrong }, today).personId, null);
  });
});

describe('isEmptyQuery', () => {
  it('says a query with nothing to search for is empty', () => {
    assert.equal(isEmptyQuery(parseSearch({ q: ' ' }, today)), true);
    assert.equal(isEmptyQuery(parseSearch({ q: 'jon', postcode: 'not a postcode' }, today)), false);
  });

  it('says a query with only an unreadable filter is empty', () => {
    assert.equal(isEmptyQuery(parseSearch({ postcode: 'not a postcode' }, today)), true);
  });

  it('says a query with only a postcode filter is not empty', () => {
    assert.equal(isEmptyQuery(parseSearch({ postcode: 'L1 8JQ' }, today)), false);
  });
});
