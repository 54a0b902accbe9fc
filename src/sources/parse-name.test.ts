import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NameFormat } from './source-record.ts';
import { parseName, type NameInput, type PersonName } from './parse-name.ts';

function person(title: string | null, givenName: string | null, middleName: string | null, familyName: string | null): PersonName {
  const fullName = [givenName, middleName, familyName].filter((part) => part !== null).join(' ');
  return { title, givenName, middleName, familyName, fullName: fullName === '' ? null : fullName };
}

describe('parseName', () => {
  const accepted: Array<{ name: string; input: NameInput; format?: NameFormat; expected: PersonName }> = [
    { name: 'uses the parts when the extract has them', input: { title: 'Mr', given: 'John', middle: 'Paul', family: 'Smith' }, expected: person('Mr', 'John', 'Paul', 'Smith') },
    { name: 'prefers the parts to the full name', input: { given: 'John', family: 'Smith', full: 'J Smith' }, expected: person(null, 'John', null, 'Smith') },
    { name: 'fills the full name from a family name alone', input: { family: 'Smith' }, expected: person(null, null, null, 'Smith') },
    { name: 'fills the full name from a given name alone', input: { given: 'John' }, expected: person(null, 'John', null, null) },
    { name: 'reads "Mr John Smith" with a title', input: { full: 'Mr John Smith' }, expected: person('Mr', 'John', null, 'Smith') },
    { name: 'reads "John Smith" as given then family', input: { full: 'John Smith' }, expected: person(null, 'John', null, 'Smith') },
    { name: 'reads "John Paul Smith" with a middle name', input: { full: 'John Paul Smith' }, expected: person(null, 'John', 'Paul', 'Smith') },
    { name: 'reads "SMITH, John" as family name first', input: { full: 'SMITH, John' }, expected: person(null, 'John', null, 'Smith') },
    { name: 'reads "SMITH, John Paul" with a middle name', input: { full: 'SMITH, John Paul' }, expected: person(null, 'John', 'Paul', 'Smith') },
    { name: 'reads a title after the comma', input: { full: 'Smith, Mrs Jane' }, expected: person('Mrs', 'Jane', null, 'Smith') },
    { name: 'reads a title at the end in brackets', input: { full: 'Smith, John (Mr)' }, expected: person('Mr', 'John', null, 'Smith') },
    { name: 'reads "Smith John" as family first when told family_given', input: { full: 'Smith John' }, format: 'family_given', expected: person(null, 'John', null, 'Smith') },
    { name: 'reads "Smith John" as given first otherwise', input: { full: 'Smith John' }, expected: person(null, 'Smith', null, 'John') },
    { name: 'keeps particles with a family name given first', input: { full: 'van der Berg Ludwig' }, format: 'family_given', expected: person(null, 'Ludwig', null, 'van der Berg') },
    { name: 'keeps particles with the family name', input: { full: 'Ludwig van der Berg' }, expected: person(null, 'Ludwig', null, 'van der Berg') },
    { name: 'reads one word as a family name', input: { full: 'Smith' }, expected: person(null, null, null, 'Smith') },
    { name: 'reads "Mr Smith" as a title and family name', input: { full: 'Mr Smith' }, expected: person('Mr', null, null, 'Smith') },
    { name: 'takes the title column over a title in the full name', input: { title: 'Dr', full: 'Mr John Smith' }, expected: person('Dr', 'John', null, 'Smith') },
    { name: 'recognises a title with a dot', input: { full: 'Dr. Jane Doe' }, expected: person('Dr', 'Jane', null, 'Doe') },
    { name: 'recognises a title in capitals', input: { full: 'MRS JANE DOE' }, expected: person('Mrs', 'Jane', null, 'Doe') },
    { name: 'writes a title column its usual way', input: { title: 'MISS.', family: 'Doe' }, expected: person('Miss', null, null, 'Doe') },
    { name: 'keeps an unlisted title from the title column', input: { title: 'CLLR', family: 'Doe' }, expected: person('Cllr', null, null, 'Doe') },
    { name: 'keeps several titles together', input: { full: 'Prof Sir John Smith' }, expected: person('Prof Sir', 'John', null, 'Smith') },
    { name: 'capitalises names in capitals', input: { given: 'JOHN', family: 'SMITH' }, expected: person(null, 'John', null, 'Smith') },
    { name: 'capitalises names in lower case', input: { full: 'mary o\'brien' }, expected: person(null, 'Mary', null, "O'Brien") },
    { name: 'capitalises Mc names', input: { family: 'mcdonald' }, expected: person(null, null, null, 'McDonald') },
    { name: 'capitalises listed Mac names', input: { family: 'MACDONALD' }, expected: person(null, null, null, 'MacDonald') },
    { name: 'does not capitalise after Mac in Machin', input: { family: 'MACHIN' }, expected: person(null, null, null, 'Machin') },
    { name: 'capitalises double-barrelled names', input: { family: 'smith-jones' }, expected: person(null, null, null, 'Smith-Jones') },
    { name: 'keeps mixed case as given', input: { given: 'DeShawn', family: 'van der Berg' }, expected: person(null, 'DeShawn', null, 'van der Berg') },
    { name: 'capitalises each part on its own', input: { full: 'John SMITH' }, expected: person(null, 'John', null, 'Smith') },
    { name: 'turns curly apostrophes straight', input: { family: 'O’Neill' }, expected: person(null, null, null, "O'Neill") },
    { name: 'drops stray punctuation', input: { given: 'John.', family: '"Smith"' }, expected: person(null, 'John', null, 'Smith') },
    { name: 'splits initials written with dots', input: { full: 'J.P. Smith' }, expected: person(null, 'J', 'P', 'Smith') },
    { name: 'joins a spaced hyphen', input: { family: 'Smith - Jones' }, expected: person(null, null, null, 'Smith-Jones') },
    { name: 'trims and collapses spaces', input: { full: '  John   Smith ' }, expected: person(null, 'John', null, 'Smith') },
    { name: 'keeps accented letters', input: { full: 'Zoë Brontë' }, expected: person(null, 'Zoë', null, 'Brontë') },
  ];
  for (const { name, input, format, expected } of accepted) {
    it(name, () => assert.deepEqual(parseName(input, format ?? 'auto'), { ok: true, value: expected }));
  }

  const titles: Array<[string, string]> = [
    ['Mr', 'Mr'], ['Mrs', 'Mrs'], ['Ms', 'Ms'], ['Miss', 'Miss'], ['Mx', 'Mx'], ['Dr', 'Dr'], ['Prof', 'Prof'],
    ['Rev', 'Rev'], ['Revd.', 'Rev'], ['Sir', 'Sir'], ['Dame', 'Dame'], ['Lady', 'Lady'], ['Lord', 'Lord'], ['Master', 'Master'],
  ];
  for (const [written, title] of titles) {
    it(`splits the title "${written}" off a full name`, () => {
      assert.deepEqual(parseName({ full: `${written} Sam Smith` }, 'auto'), { ok: true, value: person(title, 'Sam', null, 'Smith') });
    });
  }

  const blank: Array<{ name: string; input: NameInput }> = [
    { name: 'reads no parts as no name', input: {} },
    { name: 'reads blank parts as no name', input: { given: ' ', family: '', full: '  ' } },
    { name: 'reads punctuation alone as no name', input: { family: '.' } },
  ];
  for (const { name, input } of blank) {
    it(name, () => assert.deepEqual(parseName(input, 'auto'), { ok: true, value: null }));
  }

  it('keeps a title that comes without a name', () => {
    assert.deepEqual(parseName({ title: 'Mrs' }, 'auto'), { ok: true, value: person('Mrs', null, null, null) });
  });

  const refused: Array<{ name: string; input: NameInput; reason: string }> = [
    { name: 'refuses a family name with a digit', input: { family: 'Sm1th' }, reason: 'family name "Sm1th" contains a digit' },
    { name: 'refuses a given name with a digit', input: { given: 'J0hn', family: 'Smith' }, reason: 'given name "J0hn" contains a digit' },
    { name: 'refuses a middle name with a digit', input: { middle: '2', family: 'Smith' }, reason: 'middle name "2" contains a digit' },
    { name: 'refuses a full name with a digit', input: { full: 'John Smith 2' }, reason: 'name "John Smith 2" contains a digit' },
    { name: 'refuses a title with a digit', input: { title: 'Mr1', family: 'Smith' }, reason: 'title "Mr1" contains a digit' },
    { name: 'refuses a full name of two people', input: { full: 'Mr & Mrs Smith' }, reason: 'name "Mr & Mrs Smith" names more than one person' },
  ];
  for (const { name, input, reason } of refused) {
    it(name, () => assert.deepEqual(parseName(input, 'auto'), { ok: false, reason }));
  }
});
