import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { insertContact } from '../contacts/contact.repository.ts';
import { withTransaction } from '../db/transaction.ts';
import { bundleDocument } from '../web/privacy/bundle.view.ts';
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
    assert.deepEqual([bundle.contacts, bundle.cases, bundle.appointments, bundle.visits], [[], [], [], []]);
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

  it('holds the resident\'s contacts, cases with their notes, and appointments, with others\' names blanked', async () => {
    const { services, edith } = await privacyCouncil();
    await services.catalogue.loadStarter(testActor);
    const personId = (await services.people.getResident(testActor, edith)).person.id;
    const answers = { noiseType: 'dog', 'started-day': '3', 'started-month': '11', 'started-year': '2026', pattern: 'All day; Albert Walsh noticed it first', spokenToNeighbour: 'no' };
    await withTransaction(services.db, async (tx) => {
      const contactId = await insertContact(tx, { person_id: personId, channel: 'phone_in', started_at: new Date('2026-11-20T10:00:00Z'), recorded_by: 'user:1', status: 'wrapped', outcome: 'case_raised', resolved_first_contact: false, summary: 'Rang with Albert Walsh about the dog next door' }, [(await tx.selectFrom('service').select('id').where('code', '=', 'noise-complaint').executeTakeFirstOrThrow()).id]);
      const [opened] = await services.caseOpener.open(tx, testActor, [{ service: 'noise-complaint', answers, personId, contactId }]);
      await tx.insertInto('case_event').values({ case_id: opened?.id ?? 0, kind: 'note', actor: 'user:1', actor_name: 'Ann Officer', at: new Date('2026-11-21T10:00:00Z'), details: JSON.stringify({ text: 'Visited; barking confirmed' }) }).execute();
      await tx.insertInto('appointment').values({ location: 'Town Hall One Stop Shop', person_id: personId, visitor_name: 'Edith Walsh', starts_at: new Date('2026-12-01T10:00:00Z'), ends_at: new Date('2026-12-01T10:30:00Z'), booked_by: 'user:1', booked_at: new Date() }).execute();
    });
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    const bundle = await services.privacy.exportBundle(dpo, edith, 'json');
    assert.deepEqual(bundle.contacts.map((contact) => [contact.channel, contact.reasons, contact.summary]), [['phone_in', ['Noise complaint'], 'Rang with [another person] about the dog next door']]);
    assert.equal(bundle.cases.length, 1);
    assert.equal(bundle.cases[0]?.answers.pattern, 'All day; [another person] noticed it first');
    assert.deepEqual(bundle.cases[0]?.history.map((event) => event.kind), ['opened', 'note']);
    assert.equal(bundle.appointments[0]?.location, 'Town Hall One Stop Shop');
    assert.doesNotMatch(JSON.stringify(bundle), /Albert/);
    const html = bundleDocument(bundle, 'Test Council');
    for (const text of ['Noise complaint', bundle.cases[0]?.reference ?? '?', 'Visited; barking confirmed', 'Phone call from the resident', 'Town Hall One Stop Shop']) assert.ok(html.includes(text), `the readable bundle shows ${text}`);
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
