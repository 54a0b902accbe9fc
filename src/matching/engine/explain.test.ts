import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainPair, scoreCandidates } from './explain.ts';
import { linkRecords } from './link.ts';
import { person } from './test-records.ts';

// A small population to learn a model from: people with two records each, one record spelt another way.
const given = ['Robert', 'Margaret', 'James', 'Aisha', 'Piotr', 'Elizabeth', 'Kwame', 'Siobhan', 'Thomas', 'Mei'];
const family = ['Holmes', 'Okafor', 'Nowak', 'Khan', 'Brennan', 'Wong', 'Taylor', 'Evans', 'Quinn', 'Rimmer'];
const records = given.flatMap((first, i) => family.map((last, j) => {
  const dob = `19${50 + ((i * 7 + j * 3) % 45)}-0${1 + ((i + j) % 9)}-1${(i * j) % 10}`;
  const base = { givenName: first, familyName: last, dob, addressLine1: `${i + 1} ${last} Street`, postcode: `L${i + 1} ${j}AB` };
  return [person(base, 'council_tax', `ct-${i}-${j}`), person({ ...base, familyName: (i + j) % 4 === 0 ? `${last}e` : last, postcode: null }, 'libraries', `lib-${i}-${j}`)];
})).flat();

describe('explainPair', async () => {
  const { model } = await linkRecords(records);
  const bob = person({ givenName: 'Bob', familyName: 'Holmes', dob: '1980-03-02', postcode: 'L1 0AB' });
  const robert = person({ givenName: 'Robert', familyName: 'Holmes', dob: '1980-02-03', postcode: 'L1 0AB' });
  const explanation = explainPair(model, bob, robert);

  it('says in words what each field showed and its weight', () => {
    const dob = explanation.fields.find((evidence) => evidence.field === 'dob');
    assert.match(dob?.text ?? '', /^Date of birth: day and month swapped \([+−±]\d+\.\d\)$/);
    const given = explanation.fields.find((evidence) => evidence.field === 'given');
    assert.match(given?.text ?? '', /^Given name: the same name in another form/);
  });
  it('adds the prior and the field weights up to the total', () => {
    const sum = explanation.prior + explanation.fields.reduce((total, evidence) => total + evidence.weight, 0);
    assert.ok(Math.abs(sum - explanation.totalWeight) < 1e-6);
  });
  it('gives a probability and a band that follow from the total', () => {
    assert.ok(Math.abs(explanation.probability - 1 / (1 + 2 ** -explanation.totalWeight)) < 1e-9);
    assert.ok(['link', 'review', 'no link'].includes(explanation.band));
  });
  it('is plain data that survives JSON', () => assert.deepEqual(JSON.parse(JSON.stringify(explanation)), explanation));
  it('says a field missing on one record gives no weight', () => {
    assert.equal(explanation.fields.find((evidence) => evidence.field === 'email')?.text, 'Email: not on both records (no weight)');
  });

  it('ranks candidates for one record, strongest first', () => {
    const ranked = scoreCandidates(model, robert, [person({ givenName: 'Mei', familyName: 'Wong' }), bob, person({ givenName: 'Robert', familyName: 'Holmes', dob: '1955-07-19' })]);
    assert.equal(ranked[0]?.index, 1);
    assert.ok((ranked[0]?.weight ?? 0) > (ranked[2]?.weight ?? 0));
  });
});
