import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { closeTestDatabase, freshServices, tempDir, testActor, writeFile } from '../test-support.ts';
import { parseMapping } from './mapping.ts';

after(closeTestDatabase);

const header = 'source_id,given_name,family_name,dob,postcode,address_line1,uprn,ni_number,phone';
const councilTax = [
  header,
  'CT1,John,Smith,1970-02-03,L1 8JQ,1 High Street,380000000001,AB123456C,07700 900001',
  'CT2,Mary,Smith,1972-05-06,L1 8JQ,1 High Street,380000000001,,',
  'CT3,Ahmed,Khan,1985-11-30,L17 2AB,4 Park Road,380000000002,JC654321A,',
].join('\n');

describe('importing an extract', () => {
  it('stores each row and ties it to a new person with a golden record', async () => {
    const services = await freshServices();
    const dir = tempDir();
    const run = await services.imports.importFile({ systemCode: 'council_tax', filePath: writeFile(dir, 'ct.csv', councilTax), actor: testActor });
    assert.equal(run.status, 'completed');
    assert.deepEqual([run.counts.read, run.counts.new, run.counts.rejected, run.counts.personsCreated], [3, 3, 0, 3]);
    const stats = await services.people.stats();
    assert.deepEqual([stats.persons, stats.sourceRecords, stats.links, stats.properties], [3, 3, 3, 2]);
    const { hits } = await services.people.search(testActor, { q: 'Ahmed Khan' });
    const khan = await services.people.getResident(testActor, hits[0]?.reference ?? '');
    assert.equal(khan.person.fields.niNumber, 'JC654321A');
    assert.equal(khan.provenance.niNumber?.system, 'council_tax');
  });

  it('links a record from another system by NI number, and another by name, date of birth and postcode', async () => {
    const services = await freshServices();
    const dir = tempDir();
    await services.imports.importFile({ systemCode: 'council_tax', filePath: writeFile(dir, 'ct.csv', councilTax), actor: testActor });
    const benefits = [header, 'HB9,Ahmad,Khan,1985-11-30,L8 1AA,,,JC 65 43 21 A,', 'HB10,MARY,SMITH,06/05/1972,l18jq,,,,'].join('\n');
    const run = await services.imports.importFile({ systemCode: 'housing_benefit', filePath: writeFile(dir, 'hb.csv', benefits), actor: testActor });
    assert.equal(run.counts.personsCreated, 0);
    const stats = await services.people.stats();
    assert.deepEqual([stats.persons, stats.sourceRecords], [3, 5]);
    const khan = await services.people.getResident(testActor, (await services.people.search(testActor, { q: 'JC654321A' })).hits[0]?.reference ?? '');
    assert.deepEqual(khan.systems.map((system) => system.code).sort(), ['council_tax', 'housing_benefit']);
  });

  it('changes nothing when the same file is imported twice', async () => {
    const services = await freshServices();
    const file = writeFile(tempDir(), 'ct.csv', councilTax);
    await services.imports.importFile({ systemCode: 'council_tax', filePath: file, actor: testActor });
    services.clock.advance(86_400_000);
    const second = await services.imports.importFile({ systemCode: 'council_tax', filePath: file, actor: testActor });
    assert.deepEqual([second.counts.new, second.counts.changed, second.counts.unchanged, second.counts.personsCreated], [0, 0, 3, 0]);
    const versions = await services.db.selectFrom('source_record_version').selectAll().execute();
    assert.equal(versions.length, 0);
    assert.equal((await services.people.stats()).links, 3);
  });

  it('keeps the earlier version of a changed row and updates the golden record', async () => {
    const services = await freshServices();
    const dir = tempDir();
    await services.imports.importFile({ systemCode: 'council_tax', filePath: writeFile(dir, 'ct.csv', councilTax), actor: testActor });
    services.clock.advance(86_400_000);
    const moved = councilTax.replace('CT3,Ahmed,Khan,1985-11-30,L17 2AB,4 Park Road,380000000002', 'CT3,Ahmed,Khan,1985-11-30,L8 1AA,9 New Street,380000000009');
    const run = await services.imports.importFile({ systemCode: 'council_tax', filePath: writeFile(dir, 'ct2.csv', moved), actor: testActor });
    assert.deepEqual([run.counts.changed, run.counts.unchanged], [1, 2]);
    const versions = await services.db.selectFrom('source_record_version').select(['version', 'standardised']).execute();
    assert.equal(versions.length, 1);
    assert.equal((versions[0]?.standardised as Record<string, string>).postcode, 'L17 2AB');
    const khan = await services.people.getResident(testActor, (await services.people.search(testActor, { q: 'JC654321A' })).hits[0]?.reference ?? '');
    assert.equal(khan.person.fields.postcode, 'L8 1AA');
    assert.deepEqual(khan.addresses.map((address) => [address.uprn, address.isCurrent]).sort(), [['380000000002', false], ['380000000009', true]]);
  });

  it('marks records missing from a full extract as ended, and never deletes them', async () => {
    const services = await freshServices();
    const dir = tempDir();
    await services.imports.importFile({ systemCode: 'council_tax', filePath: writeFile(dir, 'ct.csv', councilTax), actor: testActor });
    const shorter = councilTax.split('\n').slice(0, 3).join('\n');
    const run = await services.imports.importFile({ systemCode: 'council_tax', filePath: writeFile(dir, 'ct2.csv', shorter), full: true, actor: testActor });
    assert.equal(run.counts.ended, 1);
    const records = await services.db.selectFrom('source_record').select(['source_id', 'ended_at']).orderBy('source_id').execute();
    assert.deepEqual(records.map((record) => [record.source_id, record.ended_at !== null]), [['CT1', false], ['CT2', false], ['CT3', true]]);
  });

  it('sends bad rows to the rejects file with line number, reason and original line, and imports the rest', async () => {
    const services = await freshServices();
    const dir = tempDir();
    const file = writeFile(dir, 'bad.csv', [
      header,
      'B1,Ann,Lee,31/02/1975,L1 8JQ,,,,',
      ',No,Id,1970-01-01,,,,,',
      'B3,Bob,Ray,1970-01-01,NOT A POSTCODE,,,,',
      'B4,Too,Few',
      'B5,Cat,Doe,1980-01-01,L1 8JQ,,,,',
      'B5,Cat,Doe,1980-01-01,L1 8JQ,,,,',
      'B7,,,1980-01-01,L1 8JQ,,,,',
    ].join('\n'));
    const run = await services.imports.importFile({ systemCode: 'leisure', filePath: file, actor: testActor });
    assert.deepEqual([run.counts.read, run.counts.new, run.counts.rejected], [7, 1, 6]);
    const rejects = fs.readFileSync(`${file}.rejects.csv`, 'utf8').trim().split('\n');
    assert.equal(rejects[0], 'line,reason,original_line');
    assert.equal(rejects.length, 7);
    assert.match(rejects[1] ?? '', /^2,.*31\/02\/1975.*,"B1,Ann,Lee/);
    assert.match(rejects[2] ?? '', /^3,the row has no source_id,/);
    assert.equal(rejects[4], '5,the row has 3 values where the header has 9 columns,"B4,Too,Few"');
    assert.match(rejects[5] ?? '', /^7,source_id B5 appears more than once in this file \(first on line 6\)/);
    assert.match(rejects[6] ?? '', /^8,the row has no name,/);
  });

  it('rejects a source_id repeated in a later batch, also while batches are written side by side', async () => {
    const services = await freshServices();
    const lines = [header];
    const letters = (n: number) => n.toString(26).split('').map((digit) => String.fromCharCode(97 + parseInt(digit, 26))).join('');
    for (let index = 1; index <= 12_000; index++) lines.push(`R${index},Given${letters(index)},Family${letters(index % 97)},1980-01-01,L1 8JQ,,,,`);
    lines.push('R10,Again,Repeated,1980-01-01,L1 8JQ,,,,');
    lines.splice(5_002, 0, 'R4999,Again,Repeated,1980-01-01,L1 8JQ,,,,');
    const file = writeFile(tempDir(), 'big.csv', lines.join('\n'));
    const run = await services.imports.importFile({ systemCode: 'leisure', filePath: file, actor: testActor });
    assert.deepEqual([run.counts.read, run.counts.new, run.counts.rejected], [12_002, 12_000, 2]);
    const rejects = fs.readFileSync(`${file}.rejects.csv`, 'utf8').trim().split('\n').slice(1);
    assert.deepEqual(rejects.map((line) => line.split(',')[1]), ['source_id R4999 appears more than once in this file (first on line 5000)', 'source_id R10 appears more than once in this file']);
    const again = await services.db.selectFrom('source_record').select('given_name').where('source_id', 'in', ['R10', 'R4999']).execute();
    assert.deepEqual(again.map((row) => row.given_name).sort(), [`Given${letters(10)}`, `Given${letters(4999)}`].sort());
  });

  it('refuses a file with no source_id column before writing anything', async () => {
    const services = await freshServices();
    const file = writeFile(tempDir(), 'x.csv', 'name,dob\nJohn,1970-01-01\n');
    await assert.rejects(services.imports.importFile({ systemCode: 'leisure', filePath: file, actor: testActor }), /no source_id column/);
    assert.equal((await services.imports.listRuns()).length, 0);
  });

  it('refuses a file whose first line is data, a binary file and an empty file', async () => {
    const services = await freshServices();
    const dir = tempDir();
    await assert.rejects(services.imports.importFile({ systemCode: 'leisure', filePath: writeFile(dir, 'a.csv', 'X1,John,1970-01-01,L1 8JQ\n'), actor: testActor }), /looks like data/);
    await assert.rejects(services.imports.importFile({ systemCode: 'leisure', filePath: writeFile(dir, 'b.xlsx', Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 8, 0])), actor: testActor }), /not a text file/);
    await assert.rejects(services.imports.importFile({ systemCode: 'leisure', filePath: writeFile(dir, 'c.csv', ''), actor: testActor }), /empty/);
    assert.equal((await services.imports.listRuns()).length, 0);
  });

  it('reads another extract through a mapping file, including a date held in three columns', async () => {
    const services = await freshServices();
    const file = writeFile(tempDir(), 'rl.csv', 'record_id,fname_c1,lname_c1,by,bm,bd\n7,CARSTEN,MEIER,1949,7,22\n');
    const mapping = parseMapping({ columns: { source_id: 'record_id', given_name: 'fname_c1', family_name: 'lname_c1', dob: { year: 'by', month: 'bm', day: 'bd' } } });
    const run = await services.imports.importFile({ systemCode: 'rldata', filePath: file, mapping, actor: testActor });
    assert.equal(run.counts.new, 1);
    const person = await services.db.selectFrom('person').select(['given_name', 'family_name', 'dob']).executeTakeFirstOrThrow();
    assert.deepEqual(person, { given_name: 'Carsten', family_name: 'Meier', dob: '1949-07-22' });
  });

  it('reads a Windows-1252 file', async () => {
    const services = await freshServices();
    const bytes = Buffer.from('source_id,given_name,family_name\nW1,Ren\xe9e,Ang\xe8le\n', 'latin1');
    const run = await services.imports.importFile({ systemCode: 'libraries', filePath: writeFile(tempDir(), 'w.csv', bytes), actor: testActor });
    assert.equal(run.counts.new, 1);
    const person = await services.db.selectFrom('person').select(['given_name', 'family_name']).executeTakeFirstOrThrow();
    assert.deepEqual(person, { given_name: 'Renée', family_name: 'Angèle' });
  });
});
