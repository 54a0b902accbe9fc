import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateCouncil, type Resident } from './council.ts';
import { isValidNiNumber } from './identity.ts';
import { addressLines } from './addresses.ts';
import { ageOn } from './dates.ts';

const council = generateCouncil({ residents: 6000, seed: 7 });
const byHousehold = new Map<string, Resident[]>();
for (const resident of council.residents) byHousehold.set(resident.householdId, [...(byHousehold.get(resident.householdId) ?? []), resident]);
const withCase = (hardCase: Resident['hardCase']): Resident[] => council.residents.filter((resident) => resident.hardCase === hardCase);
// Polish family names agree with sex (Kowalski, Kowalska); compare them in one form.
const familyRoot = (name: string): string => name.replace(/ska$/, 'ski').replace(/cka$/, 'cki').replace(/dzka$/, 'dzki');
const fullName = (resident: Resident): string => `${resident.givenName} ${resident.familyName}`;

describe('generateCouncil', () => {
  it('gives the same council for the same seed and a different one for another seed', () => {
    assert.deepEqual(generateCouncil({ residents: 500, seed: 3 }), generateCouncil({ residents: 500, seed: 3 }));
    assert.notDeepEqual(generateCouncil({ residents: 500, seed: 3 }), generateCouncil({ residents: 500, seed: 4 }));
  });

  it('has exactly the residents asked for, each once, in a household at a known property', () => {
    assert.equal(council.residents.length, 6000);
    assert.equal(new Set(council.residents.map((resident) => resident.id)).size, 6000);
    const uprns = new Set(council.properties.map((property) => property.uprn));
    for (const household of council.households) {
      assert.ok(uprns.has(household.uprn));
      assert.deepEqual(household.residentIds, (byHousehold.get(household.id) ?? []).map((resident) => resident.id));
    }
  });

  it('gives every property a unique twelve-digit UPRN starting 38000 and a Liverpool-shaped postcode', () => {
    assert.equal(new Set(council.properties.map((property) => property.uprn)).size, council.properties.length);
    for (const property of council.properties) {
      assert.match(property.uprn, /^38000\d{7}$/);
      assert.match(property.postcode, /^L([1-9]|[12]\d|3[0-8]) \d[ABD-HJLNP-UW-Z]{2}$/);
    }
  });

  it('writes flats as "Flat 2, 14 Smithdown Road"', () => {
    const flat = council.properties.find((property) => property.subBuilding && property.buildingNumber);
    assert.ok(flat);
    assert.match(addressLines(flat).line1, /^Flat [0-9A-D]+, \d+ [A-Z][a-z]+ [A-Z][a-z]+$/);
  });

  it('puts at least one adult at the head of every household', () => {
    for (const residents of byHousehold.values()) assert.ok(ageOn(residents[0]?.dob ?? '') >= 18);
  });

  it('has a realistic spread of ages', () => {
    const ages = council.residents.map((resident) => ageOn(resident.dob));
    const share = (test: (age: number) => boolean): number => ages.filter(test).length / ages.length;
    assert.ok(ages.every((age) => age >= 0 && age <= 105));
    assert.ok(share((age) => age < 18) > 0.15 && share((age) => age < 18) < 0.3);
    assert.ok(share((age) => age >= 65) > 0.1 && share((age) => age >= 65) < 0.25);
  });

  it('issues unique NI numbers of HMRC shape from age 16, and none to children', () => {
    const numbers = council.residents.flatMap((resident) => resident.niNumber ?? []);
    assert.equal(new Set(numbers).size, numbers.length);
    for (const resident of council.residents) {
      if (ageOn(resident.dob) >= 16) assert.ok(resident.niNumber && isValidNiNumber(resident.niNumber), resident.niNumber ?? 'none');
      else assert.equal(resident.niNumber, null);
      if (ageOn(resident.dob) < 16) assert.equal(resident.email, null);
    }
  });

  it('gives people their own phone numbers, starting in the Ofcom drama range', () => {
    const phones = council.residents.flatMap((resident) => resident.phone ?? []);
    assert.equal(new Set(phones).size, phones.length);
    assert.ok(phones.slice(0, 1000).every((phone) => /^07700 900\d{3}$/.test(phone)));
    assert.ok(phones.every((phone) => /^07\d{3} \d{6}$/.test(phone)));
  });

  it('gives people their own email addresses, namesakes included', () => {
    const emails = council.residents.flatMap((resident) => resident.email ?? []);
    assert.ok(emails.length > council.residents.length * 0.3);
    assert.equal(new Set(emails).size, emails.length);
  });

  it('gives twins the same date of birth, family name and address', () => {
    const twins = withCase('twin');
    assert.ok(twins.length >= 4);
    for (const twin of twins) {
      const sibling = twins.find((other) => other !== twin && other.householdId === twin.householdId && other.dob === twin.dob);
      assert.ok(sibling, `${fullName(twin)} has no twin`);
      assert.equal(familyRoot(sibling.familyName), familyRoot(twin.familyName));
      assert.equal(sibling.uprn, twin.uprn);
      assert.notEqual(sibling.givenName, twin.givenName);
    }
  });

  it('gives a father and son the same full name and address but different dates of birth', () => {
    const pairs = withCase('father_son');
    assert.ok(pairs.length >= 4);
    for (const person of pairs) {
      const other = pairs.find((candidate) => candidate !== person && candidate.householdId === person.householdId);
      assert.ok(other, `${fullName(person)} has no namesake father or son`);
      assert.equal(fullName(other), fullName(person));
      assert.equal(other.uprn, person.uprn);
      assert.notEqual(other.dob, person.dob);
      assert.equal((person.suffix ?? other.suffix), 'Jr');
    }
  });

  it('keeps the maiden name of women whose family name changed on marriage', () => {
    const married = withCase('married');
    assert.ok(married.length >= 4);
    for (const woman of married) {
      assert.equal(woman.sex, 'female');
      assert.ok(woman.maidenName && woman.maidenName !== woman.familyName);
    }
  });

  it('gives namesakes the same name and date of birth at different addresses', () => {
    const namesakes = withCase('namesake');
    assert.ok(namesakes.length >= 4);
    for (const person of namesakes) {
      const other = namesakes.find((candidate) => candidate !== person && fullName(candidate) === fullName(person) && candidate.dob === person.dob);
      assert.ok(other, `${fullName(person)} has no namesake`);
      assert.notEqual(other.uprn, person.uprn);
    }
  });

  it('gives people who moved within the borough a previous address that ended before they moved in', () => {
    const movers = council.residents.filter((resident) => resident.previousAddress);
    assert.ok(movers.length > council.residents.length * 0.05);
    for (const mover of movers) {
      assert.notEqual(mover.previousAddress?.property.uprn, mover.uprn);
      assert.ok((mover.previousAddress?.to ?? '') < mover.addressFrom);
    }
  });
});
