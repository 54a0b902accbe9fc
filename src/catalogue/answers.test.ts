import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkAnswers } from './answers.ts';
import { formDefinitionSchema, parseFormDefinition, type FormDefinition } from './form-definition.ts';
import { routeRequest } from './routing.ts';
import { starterCatalogue } from './starter-catalogue.ts';
import { catalogueFileSchema } from './service.ts';

const form: FormDefinition = formDefinitionSchema.parse({ fields: [
  { name: 'reference', label: 'Reference', type: 'text', required: true, maxLength: 8, pattern: '[A-Z]{2}\\d+', patternMessage: 'Enter a reference like AB123', errorName: 'the reference' },
  { name: 'notes', label: 'Notes', type: 'textarea', maxLength: 10 },
  { name: 'when', label: 'When did it happen?', type: 'date', required: true, notInFuture: true, errorName: 'the date' },
  { name: 'kind', label: 'Kind', type: 'radios', required: true, options: [{ value: 'a', text: 'A' }, { value: 'b', text: 'B' }] },
  { name: 'kindDetail', label: 'Tell us about B', type: 'text', required: true, showWhen: { field: 'kind', equals: ['b'] }, errorName: 'about B' },
  { name: 'urgent', label: 'Is it urgent?', type: 'yesno' },
  { name: 'address', label: 'Address', type: 'address', required: true },
  { name: 'phone', label: 'Phone', type: 'phone' },
  { name: 'email', label: 'Email', type: 'email' },
  { name: 'count', label: 'How many?', type: 'number', min: 1, max: 5, errorName: 'the number' },
  { name: 'colour', label: 'Colour', type: 'select', options: [{ value: 'red', text: 'Red' }, { value: 'blue', text: 'Blue' }] },
] });

const valid = {
  reference: 'AB123', 'when-day': '3', 'when-month': '4', 'when-year': '2025', kind: 'a',
  'address-uprn': '000100012345678', 'address-line1': '1 High Street', 'address-postcode': 'l1 8jq',
};
const today = '2026-01-15';

describe('checking answers against a form definition', () => {
  it('accepts valid answers and returns them in their standard forms', () => {
    const checked = checkAnswers(form, { ...valid, phone: '0151 496 0000', email: ' Ann@Example.org ', count: '3', colour: 'blue', urgent: 'no' }, today);
    assert.ok(checked.ok, JSON.stringify(checked));
    assert.deepEqual(checked.answers, {
      reference: 'AB123', when: '2025-04-03', kind: 'a', urgent: 'no', address: { uprn: '100012345678', line1: '1 High Street', postcode: 'L1 8JQ' },
      phone: '+441514960000', email: 'Ann@example.org', count: 3, colour: 'blue',
    });
  });

  const cases: Array<{ name: string; change: Record<string, string>; field: string; message: RegExp }> = [
    { name: 'asks for a required text answer', change: { reference: '  ' }, field: 'reference', message: /^Enter the reference$/ },
    { name: 'refuses text over its maximum length', change: { reference: 'AB1234567' }, field: 'reference', message: /8 characters or fewer/ },
    { name: 'refuses text not matching its pattern, with the definition’s message', change: { reference: 'ab12' }, field: 'reference', message: /^Enter a reference like AB123$/ },
    { name: 'refuses a textarea over its maximum length', change: { notes: 'x'.repeat(11) }, field: 'notes', message: /10 characters or fewer/ },
    { name: 'refuses a date that is not real', change: { 'when-day': '31', 'when-month': '2' }, field: 'when', message: /real date/ },
    { name: 'says which part of a date is missing', change: { 'when-month': '' }, field: 'when', message: /must include a month/ },
    { name: 'refuses a date in the future when it must not be', change: { 'when-year': '2027' }, field: 'when', message: /today or in the past/ },
    { name: 'refuses a choice that is not an option', change: { kind: 'c' }, field: 'kind', message: /^Select an answer to ‘Kind’$/ },
    { name: 'asks the revealed question when its answer is given', change: { kind: 'b' }, field: 'kindDetail', message: /^Enter about B$/ },
    { name: 'refuses a postcode that is not real', change: { 'address-postcode': 'XX' }, field: 'address', message: /real UK postcode/ },
    { name: 'refuses a UPRN that is not one', change: { 'address-uprn': '12ab' }, field: 'address', message: /UPRN/ },
    { name: 'refuses a phone number that is not a UK one', change: { phone: '12' }, field: 'phone', message: /UK phone number/ },
    { name: 'refuses an email address without an @', change: { email: 'ann.example.org' }, field: 'email', message: /email address/ },
    { name: 'refuses a number below its minimum', change: { count: '0' }, field: 'count', message: /^The number must be 1 or more$/ },
    { name: 'refuses a number above its maximum', change: { count: '6' }, field: 'count', message: /5 or less/ },
    { name: 'refuses a fraction where a whole number is asked', change: { count: '2.5' }, field: 'count', message: /whole number/ },
    { name: 'refuses words where a number is asked', change: { count: 'two' }, field: 'count', message: /must be a number/ },
  ];
  for (const { name, change, field, message } of cases) {
    it(name, () => {
      const checked = checkAnswers(form, { ...valid, ...change }, today);
      assert.equal(checked.ok, false);
      if (checked.ok) return;
      assert.equal(checked.errors.length, 1, JSON.stringify(checked.errors));
      assert.equal(checked.errors[0]?.field, field);
      assert.match(checked.errors[0]?.text ?? '', message);
    });
  }

  it('drops an answer to a question that was not asked', () => {
    const checked = checkAnswers(form, { ...valid, kindDetail: 'sent anyway' }, today);
    assert.ok(checked.ok);
    assert.equal(checked.answers.kindDetail, undefined);
  });

  it('links each error to the first input of its field', () => {
    const checked = checkAnswers(form, {}, today);
    assert.ok(!checked.ok);
    assert.deepEqual(checked.errors.map((error) => error.href), ['#answer-reference', '#answer-when-day', '#answer-kind', '#answer-address-line1']);
  });

  it('ignores values that are not strings, as a form never sends them', () => {
    const checked = checkAnswers(form, { ...valid, reference: ['AB1', 'AB2'] as unknown as string }, today);
    assert.ok(!checked.ok);
  });
});

describe('form definitions', () => {
  const problems = (fields: unknown[]) => {
    const outcome = parseFormDefinition(JSON.stringify({ fields }));
    return outcome.ok ? [] : outcome.problems;
  };
  const radios = { name: 'kind', label: 'Kind', type: 'radios', options: [{ value: 'a', text: 'A' }, { value: 'b', text: 'B' }] };

  it('refuses JSON that does not parse', () => assert.match(String(parseFormDefinition('{').ok === false && (parseFormDefinition('{') as { problems: string[] }).problems[0]), /not valid JSON/));
  it('refuses two fields with one name', () => assert.match(problems([radios, radios]).join(), /Two fields are named kind/));
  it('refuses an unknown field type', () => assert.ok(problems([{ name: 'x', label: 'X', type: 'signature' }]).length > 0));
  it('refuses a condition on a later or missing field', () => assert.match(problems([{ name: 'x', label: 'X', type: 'text', showWhen: { field: 'kind', equals: ['a'] } }, radios]).join(), /no earlier field/));
  it('refuses a condition on a value the choice does not offer', () => assert.match(problems([radios, { name: 'x', label: 'X', type: 'text', showWhen: { field: 'kind', equals: ['z'] } }]).join(), /not one of its options/));
  it('refuses a condition on a question that is not a choice', () => assert.match(problems([{ name: 'y', label: 'Y', type: 'text' }, { name: 'x', label: 'X', type: 'text', showWhen: { field: 'y', equals: ['a'] } }]).join(), /not a choice/));
  it('refuses a condition nested in another', () => assert.match(problems([radios, { ...radios, name: 'inner', showWhen: { field: 'kind', equals: ['a'] } }, { name: 'x', label: 'X', type: 'text', showWhen: { field: 'inner', equals: ['a'] } }]).join(), /one level only/));
  it('refuses a pattern that is not a regular expression', () => assert.match(problems([{ name: 'x', label: 'X', type: 'text', pattern: '(' }]).join(), /not a valid regular expression/));
  it('refuses fields it does not know', () => assert.ok(problems([{ name: 'x', label: 'X', type: 'text', onclick: 'alert(1)' }]).length > 0));
});

describe('the starter catalogue', () => {
  it('is a valid catalogue file of at least 25 services, each code and LGSL number once', () => {
    const parsed = catalogueFileSchema.parse({ services: starterCatalogue });
    assert.ok(parsed.services.length >= 25);
    assert.equal(new Set(parsed.services.map((service) => service.code)).size, parsed.services.length);
    const numbers = parsed.services.flatMap((service) => (service.lgsl === null ? [] : [service.lgsl]));
    assert.equal(new Set(numbers).size, numbers.length);
  });
});

describe('routing', () => {
  const service = { teamCode: 'waste', routing: [{ team: 'north', postcodeDistricts: ['L1', 'L2'] }, { team: 'hazards', field: 'hazardous', equals: ['yes'] }] };
  it('routes by the postcode district of the address answer', () => assert.equal(routeRequest(service, { address: { uprn: null, line1: '1 A St', postcode: 'L2 8JQ' } }).teamCode, 'north'));
  it('routes by a given postcode before any answer', () => assert.equal(routeRequest(service, {}, 'l1 8jq').teamCode, 'north'));
  it('does not take L12 for L1', () => assert.equal(routeRequest(service, {}, 'L12 8JQ').teamCode, 'waste'));
  it('routes by an answer', () => assert.deepEqual(routeRequest(service, { hazardous: 'yes' }), { teamCode: 'hazards', reason: 'Rule 2: hazardous is yes' }));
  it('falls back to the service’s own team', () => assert.equal(routeRequest(service, { hazardous: 'no' }).teamCode, 'waste'));
});
