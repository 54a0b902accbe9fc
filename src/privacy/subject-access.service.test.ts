import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closeTestDatabase, testActor, writeFile } from '../test-support.ts';
import { header, privacyCouncil, staffMember } from './privacy.test-support.ts';

after(closeTestDatabase);

describe('subject access', () => {
  it('gives the data protection officer every record, restricted ones too, saying which restricted service each came from', async () => {
    const { services, edith } = await privacyCouncil();
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    const bundle = await services.privacy.exportBundle(dpo, edith, 'json');
    assert.equal(bundle.resident.reference, edith);
    assert.equal(bundle.resident.fields.niNumber, 'AB123456C');
    const bySystem = Object.fromEntries(bundle.sourceRecords.map((record) => [record.system.code, record]));
    assert.deepEqual(Object.keys(bySystem).sort(), ['adult_social_care', 'council_tax']);
    assert.deepEqual(bySystem.adult_social_care?.restrictedService, { teamName: 'Adult Social Care' });
    assert.equal(bySystem.council_tax?.restrictedService, null);
    assert.equal(bySystem.adult_social_care?.raw.phone, '07700 900555');
    assert.equal(bySystem.council_tax?.fields.dob, '1938-04-02');
    assert.deepEqual([bundle.contacts, bundle.cases, bundle.notes], [[], [], []]);
    assert.ok(bundle.linkHistory.length >= 2);
  });

  it('keeps every earlier version of a record, whole', async () => {
    const { services, edith, dir } = await privacyCouncil();
    await services.imports.importFile({ systemCode: 'council_tax', actor: testActor, filePath: writeFile(dir, 'ct2.csv', [header,
      'CT1,Edith,Walsh,1938-04-02,L1 8JQ,1 High Street,380000000001,AB123456C,07700 900111,'].join('\n')) });
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    const bundle = await services.privacy.exportBundle(dpo, edith, 'json');
    const councilTax = bundle.sourceRecords.find((record) => record.system.code === 'council_tax');
    assert.equal(councilTax?.version, 2);
    assert.equal(councilTax?.versions.length, 1);
    assert.equal(councilTax?.versions[0]?.raw.notes, 'Joint account with [another person]');
    assert.equal(councilTax?.raw.phone, '07700 900111');
  });

  it('leaves out household members and blanks other residents named in the records', async () => {
    const { services, edith } = await privacyCouncil();
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    const bundle = await services.privacy.exportBundle(dpo, edith, 'json');
    const text = JSON.stringify(bundle);
    assert.doesNotMatch(text, /Albert|CE654321A|1936-01-09/i);
    assert.match(text, /Carer is \[another person\] \(husband\)/);
    assert.equal(bundle.redaction.householdMembersLeftOut, 1);
    assert.equal(bundle.redaction.namesRedacted, 2);
  });

  it('lists who accessed the resident, and audits the export itself', async () => {
    const { services, edith } = await privacyCouncil();
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    await services.privacy.exportBundle(dpo, edith, 'html');
    const bundle = await services.privacy.exportBundle(dpo, edith, 'json');
    const exports = bundle.accessLog.filter((entry) => entry.action === 'subject_access.export');
    assert.equal(exports.length, 2);
    assert.equal(exports[0]?.who, 'dpo');
    const person = await services.people.getResident(testActor, edith);
    const latest = (await services.audit.forPerson(person.person.id)).find((entry) => entry.action === 'subject_access.export');
    assert.equal(latest?.actor, `user:${dpo.userId}`);
    assert.deepEqual(latest?.details, { format: 'json', sourceRecords: 2, versions: 0 });
  });

  it('is refused to roles other than the data protection officer', async () => {
    const { services, edith } = await privacyCouncil();
    const worker = await staffMember(services, 'worker@council.gov.uk', 'service_team', 'adult_social_care');
    await assert.rejects(services.privacy.exportBundle(worker, edith, 'json'), /cannot produce subject access bundles/);
  });
});
