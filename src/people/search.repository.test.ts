import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closeTestDatabase, freshServices, tempDir, testActor, writeFile } from '../test-support.ts';
import type { SearchHit } from './search.repository.ts';

after(closeTestDatabase);

const header = 'source_id,given_name,family_name,dob,postcode,address_line1,uprn,ni_number,phone,email';
// Council tax is trusted most, so John Smith's golden address is the new one it holds, not the old one housing benefit sent.
const councilTax = [
  header,
  'CTX-1001,John,Smith,1985-03-27,L1 8JQ,1 High Street,100012345678,AB123456C,07700 900123,John.Smith@example.org',
  'CTX-1002,Mary,Smith,1972-05-06,L1 8JQ,1 High Street,100012345678,,,',
  'CTX-1003,Ahmed,Khan,1990-11-30,L1 8JQ,3 High Street,100012345680,,,',
  'CTX-1004,Peter,Smith,1960-01-15,M1 1AE,8 Mill Lane,100012345690,,,',
  'CTX-1005,Joan,Smithers,1948-09-09,M1 1AE,10 Mill Lane,100012345691,,,',
  'CTX-1006,Wendy,Okafor,1979-04-04,L17 2AB,4 Park Road,100012345700,,,',
].join('\n');
const housingBenefit = [header, 'HB-20417,John,Smith,27/03/1985,L8 1AA,9 Old Road,,AB 12 34 56 C,,'].join('\n');
const namesakes = [
  header,
  ...[1951, 1962, 1973, 1984, 1995].map((year, index) => `LIB-${index + 1},Mohammed,Ali,${year}-06-01,B${index + 1} 1AA,,,,,`),
  'LIB-9,Mohammed,Alli,1966-02-02,B9 9ZZ,,,,,',
].join('\n');

type Services = Awaited<ReturnType<typeof freshServices>>;

describe('searching for residents', () => {
  let services: Services;
  let john: SearchHit;

  const names = (hits: readonly SearchHit[]) => hits.map((hit) => hit.fullName);

  before(async () => {
    services = await freshServices();
    await services.imports.registerSystem({ code: 'council_tax', name: 'Council tax', trust: 90 });
    await services.imports.registerSystem({ code: 'housing_benefit', name: 'Housing benefit', trust: 40 });
    const dir = tempDir();
    await services.imports.importFile({ systemCode: 'council_tax', filePath: writeFile(dir, 'ct.csv', councilTax), actor: testActor });
    await services.imports.importFile({ systemCode: 'housing_benefit', filePath: writeFile(dir, 'hb.csv', housingBenefit), actor: testActor });
    await services.imports.importFile({ systemCode: 'libraries', filePath: writeFile(dir, 'lib.csv', namesakes), actor: testActor });
    const found = (await services.people.search(testActor, { q: 'AB123456C' })).hits[0];
    assert.ok(found, 'John Smith is found by his NI number');
    john = found;
  });

  it('holds the extract as expected: housing benefit’s record joined John Smith, whose golden address is council tax’s', async () => {
    const stats = await services.people.stats();
    assert.deepEqual([stats.persons, stats.sourceRecords], [12, 13]);
    assert.equal(john.fullName, 'John Smith');
    assert.equal(john.postcode, 'L1 8JQ');
  });

  it('puts the person whose name was typed with mistakes first', async () => {
    const { hits, widened } = await services.people.search(testActor, { q: 'jon smyth' });
    assert.equal(hits[0]?.personId, john.personId);
    assert.equal(widened, false);
  });

  it('narrows a name to the people at the postcode given', async () => {
    const everywhere = await services.people.search(testActor, { q: 'smith' });
    assert.ok(names(everywhere.hits).includes('Peter Smith'), `found ${names(everywhere.hits).join(', ')}`);
    const atPostcode = await services.people.search(testActor, { q: 'smith L1 8JQ' });
    assert.deepEqual(names(atPostcode.hits).sort(), ['John Smith', 'Mary Smith']);
    assert.equal(atPostcode.widened, false);
  });

  it('narrows a name to the people at a postcode given as a filter', async () => {
    const { hits } = await services.people.search(testActor, { q: 'smith', postcode: 'm11ae' });
    assert.deepEqual(names(hits), ['Peter Smith', 'Joan Smithers']);
  });

  it('narrows a name to the people born on the date given', async () => {
    const { hits } = await services.people.search(testActor, { q: 'smith 27/03/1985' });
    assert.deepEqual(names(hits), ['John Smith']);
  });

  it('finds a person at an old postcode held only in a linked record, and shows the current address', async () => {
    const { hits, widened } = await services.people.search(testActor, { q: 'john smith L8 1AA' });
    assert.equal(hits[0]?.personId, john.personId);
    assert.equal(hits[0]?.postcode, 'L1 8JQ');
    assert.ok(hits[0]?.matchedOn.includes('postcode'));
    assert.equal(widened, false);
  });

  const identifiers: Array<{ name: string; q: () => string; tag: string }> = [
    { name: 'finds a person by a national phone number', q: () => '07700 900123', tag: 'phone' },
    { name: 'finds a person by a phone number in +44 form', q: () => '+44 7700 900123', tag: 'phone' },
    { name: 'finds a person by email, whatever its case', q: () => 'JOHN.SMITH@Example.ORG', tag: 'email' },
    { name: 'finds a person by NI number typed with spaces', q: () => 'ab 12 34 56 c', tag: 'ni_number' },
    { name: 'finds a person by OneStop reference', q: () => john.reference, tag: 'reference' },
    { name: 'finds a person by OneStop reference typed in lower case without the hyphen', q: () => john.reference.toLowerCase().replace('-', ''), tag: 'reference' },
    { name: 'finds a person by a source system’s own reference', q: () => 'HB-20417', tag: 'source_reference' },
    { name: 'finds a person by the reference of another system', q: () => 'CTX-1001', tag: 'source_reference' },
  ];
  for (const { name, q, tag } of identifiers) {
    it(name, async () => {
      const { hits } = await services.people.search(testActor, { q: q() });
      assert.equal(hits[0]?.personId, john.personId, `found ${names(hits).join(', ')}`);
      assert.ok(hits[0]?.matchedOn.includes(tag), `matched on ${hits[0]?.matchedOn.join(', ')}`);
    });
  }

  it('finds the people living at a UPRN', async () => {
    const { hits } = await services.people.search(testActor, { q: '100012345678' });
    assert.deepEqual(names(hits).sort(), ['John Smith', 'Mary Smith']);
    assert.ok(hits.every((hit) => hit.matchedOn.includes('uprn')));
  });

  it('finds no one by an identifier no record holds', async () => {
    for (const q of ['07700 900999', 'nobody@example.org', 'JC 65 43 21 A']) {
      assert.deepEqual((await services.people.search(testActor, { q })).hits, [], q);
    }
  });

  it('says the search was widened when no one of that name is at the postcode given, and shows matches anywhere', async () => {
    const { hits, widened } = await services.people.search(testActor, { q: 'john smith L17 2AB' });
    assert.equal(widened, true);
    assert.equal(hits[0]?.personId, john.personId);
    assert.ok(!names(hits).includes('Wendy Okafor'));
  });

  it('finds, by name alone, a person whose name is spelt one letter differently among several namesakes', async () => {
    const { hits } = await services.people.search(testActor, { q: 'mohammed ali' });
    assert.deepEqual(names(hits), ['Mohammed Ali', 'Mohammed Ali', 'Mohammed Ali', 'Mohammed Ali', 'Mohammed Ali', 'Mohammed Alli']);
    const misspelt = await services.people.search(testActor, { q: 'mohammed alli' });
    assert.equal(misspelt.hits[0]?.fullName, 'Mohammed Alli');
    assert.equal(misspelt.hits.length, 6);
  });

  it('returns nothing for an empty query', async () => {
    for (const input of [{}, { q: '' }, { q: '   ' }, { q: '', postcode: '', dob: '' }]) {
      const outcome = await services.people.search(testActor, input);
      assert.deepEqual([outcome.hits, outcome.widened], [[], false], JSON.stringify(input));
    }
  });
});
