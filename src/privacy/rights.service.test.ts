import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { insertContact } from '../contacts/contact.repository.ts';
import { withTransaction } from '../db/transaction.ts';
import { closeTestDatabase, testActor, writeFile } from '../test-support.ts';
import { header, privacyCouncil, staffMember } from './privacy.test-support.ts';

after(closeTestDatabase);

describe('rectification', () => {
  it('corrects a golden field with a reason, keeps the earlier value in the history, and audits which field', async () => {
    const { services, edith } = await privacyCouncil();
    const worker = await staffMember(services, 'worker@council.gov.uk', 'service_team');
    await services.privacy.rectify(worker, edith, { field: 'dob', value: '03/04/1938', reason: 'Birth certificate seen at the library' });
    const view = await services.people.getResident(testActor, edith);
    assert.equal(view.person.fields.dob, '1938-04-03');
    const [history] = await services.privacy.rectificationsOf(worker, view.person.id);
    assert.deepEqual({ ...history, id: 0, rectifiedAt: null }, {
      id: 0, field: 'dob', earlierValue: '1938-04-02', correctedValue: '1938-04-03', reason: 'Birth certificate seen at the library',
      rectifiedBy: `user:${worker.userId}`, rectifiedByName: 'worker', rectifiedAt: null,
    });
    const entry = (await services.audit.forPerson(view.person.id)).find((item) => item.action === 'privacy.rectify');
    assert.deepEqual(entry?.details, { field: 'dob' });
    assert.doesNotMatch(JSON.stringify(entry), /1938/);
  });

  it('keeps the correction in force when the source sends the old value again', async () => {
    const { services, edith, dir } = await privacyCouncil();
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    await services.privacy.rectify(dpo, edith, { field: 'familyName', value: 'Walshe', reason: 'Resident says the council has always misspelt it' });
    await services.imports.importFile({ systemCode: 'council_tax', actor: testActor, filePath: writeFile(dir, 'ct2.csv', [header,
      'CT1,Edith,Walsh,1938-04-02,L1 8JQ,1 High Street,380000000001,AB123456C,07700 900111,'].join('\n')) });
    const view = await services.people.getResident(testActor, edith);
    assert.equal(view.person.fields.familyName, 'Walshe');
    assert.equal(view.person.fields.fullName, 'Edith Walshe');
    assert.equal(view.person.fields.phone, '+447700900111', 'other fields still follow the sources');
    assert.equal((await services.people.search(testActor, { q: 'Edith Walshe' })).hits[0]?.reference, edith);
  });

  it('refuses a value it cannot read, and roles that may not correct', async () => {
    const { services, edith } = await privacyCouncil();
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    const agent = await staffMember(services, 'agent@council.gov.uk', 'agent');
    await assert.rejects(services.privacy.rectify(dpo, edith, { field: 'postcode', value: 'NOT A POSTCODE', reason: 'Moved house last year' }), /cannot be used/);
    await assert.rejects(services.privacy.rectify(agent, edith, { field: 'town', value: 'Liverpool', reason: 'Resident says so' }), /cannot correct records/);
  });
});

describe('erasure and legal holds', () => {
  it('refuses to erase a resident under a legal hold, with a clear message, and erases once it is released', async () => {
    const { services, edith } = await privacyCouncil();
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    const hold = await services.privacy.placeHold(dpo, edith, 'Claim against the council, solicitor letter 14 March');
    await assert.rejects(services.privacy.erase(dpo, edith, 'Article 17(1)(a): no longer needed, request of 2 May'), /is under a legal hold, so nothing about them can be erased/);
    assert.equal((await services.people.getResident(testActor, edith)).person.fields.familyName, 'Walsh', 'nothing was erased');
    await services.privacy.releaseHold(dpo, hold.id);
    const outcome = await services.privacy.erase(dpo, edith, 'Article 17(1)(a): no longer needed, request of 2 May');
    assert.equal(outcome.sourceRecords, 2);
  });

  it('anonymises the resident and their records, keeps the rows for counts, and the trail keeps ids only', async () => {
    const { services, edith, albert } = await privacyCouncil();
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    const before = await services.people.stats();
    const personId = (await services.people.getResident(testActor, edith)).person.id;
    await services.privacy.recordPreference(dpo, personId, { channel: 'email', purpose: 'marketing', granted: 'yes', source: 'phone' });
    await services.privacy.rectify(dpo, edith, { field: 'town', value: 'Liverpool', reason: 'Resident told us on the phone' });
    await services.privacy.erase(dpo, edith, 'Article 17(1)(a): no longer needed, request of 2 May');

    const after = await services.people.stats();
    assert.equal(after.sourceRecords, before.sourceRecords);
    const person = await services.db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
    assert.deepEqual([person.given_name, person.family_name, person.full_name, person.dob, person.ni_number, person.postcode, person.search_name], [null, null, null, null, null, null, '']);
    assert.ok(person.erased_at);
    const records = await services.database.asOwner((owner) => sql<{ source_id: string; raw: Record<string, string>; given_name: string | null; ni_number: string | null }>`
      select r.source_id, r.raw, r.given_name, r.ni_number from source_record r join person_link l on l.source_record_id = r.id where l.person_id = ${personId}`.execute(owner));
    assert.equal(records.rows.length, 2);
    for (const record of records.rows) {
      assert.match(record.source_id, /^erased-\d+$/);
      assert.ok(Object.values(record.raw).every((value) => value === ''), 'raw values blanked');
      assert.ok('given_name' in record.raw, 'the row keeps its columns');
      assert.equal(record.given_name, null);
    }
    const names = await services.db.selectFrom('person_name').select('search_name').execute();
    assert.ok(!names.some((row) => row.search_name.includes('edith')), 'the name search looked through is gone');
    assert.ok(!(await services.people.search(testActor, { q: 'Edith Walsh' })).hits.some((hit) => hit.reference === edith));
    assert.equal((await services.people.search(testActor, { q: 'AB123456C' })).hits.length, 0);
    const [rectification] = await services.privacy.rectificationsOf(dpo, personId);
    assert.deepEqual([rectification?.earlierValue, rectification?.correctedValue], [null, null]);
    assert.equal(await services.privacy.mayContact(personId, 'email', 'marketing'), false);
    const trail = JSON.stringify(await services.audit.forPerson(personId));
    assert.doesNotMatch(trail, /Edith|Walsh|AB123456C|1938|L1 8JQ|High Street/);
    assert.equal((await services.people.getResident(testActor, albert)).person.fields.familyName, 'Walsh', 'her husband is untouched');
  });

  it('blanks what contacts, cases and visits say about the resident, and keeps the rows for the figures', async () => {
    const { services, edith, albert } = await privacyCouncil();
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    await services.catalogue.loadStarter(testActor);
    const ids = {
      edith: (await services.people.getResident(testActor, edith)).person.id,
      albert: (await services.people.getResident(testActor, albert)).person.id,
    };
    const noise = { noiseType: 'music', 'started-day': '1', 'started-month': '11', 'started-year': '2026', pattern: 'Edith Walsh hears it every night after 11pm at 1 High Street', spokenToNeighbour: 'no' };
    for (const personId of [ids.edith, ids.albert]) {
      await withTransaction(services.db, async (tx) => {
        const contactId = await insertContact(tx, { person_id: personId, channel: 'phone_in', started_at: new Date(), recorded_by: 'user:1', caller_number: '07700900555', status: 'wrapped', outcome: 'case_raised', summary: 'Edith Walsh rang about her neighbour' });
        const [opened] = await services.caseOpener.open(tx, testActor, [{ service: 'noise-complaint', answers: noise, personId, contactId }]);
        await tx.insertInto('case_event').values({ case_id: opened?.id ?? 0, kind: 'note', actor: 'user:1', actor_name: 'Ann', at: new Date(), details: JSON.stringify({ text: 'Edith says it is the flat above' }) }).execute();
        await tx.insertInto('appointment').values({ location: 'Town Hall', person_id: personId, visitor_name: 'Edith Walsh', phone: '07700900555', starts_at: new Date('2026-12-01T10:00:00Z'), ends_at: new Date('2026-12-01T10:30:00Z'), booked_by: 'user:1', booked_at: new Date() }).execute();
      });
    }
    const outcome = await services.privacy.erase(dpo, edith, 'Article 17(1)(a): no longer needed, request of 2 May');
    assert.deepEqual([outcome.contacts, outcome.cases, outcome.caseEvents, outcome.appointments], [1, 1, 1, 1]);
    const held = async (personId: number) => JSON.stringify(await services.database.asOwner(async (owner) => ({
      contacts: await owner.selectFrom('contact').selectAll().where('person_id', '=', personId).execute(),
      cases: await owner.selectFrom('service_case').selectAll().where('person_id', '=', personId).execute(),
      events: await owner.selectFrom('case_event').innerJoin('service_case', 'service_case.id', 'case_event.case_id').select(['case_event.kind', 'case_event.details']).where('service_case.person_id', '=', personId).execute(),
      appointments: await owner.selectFrom('appointment').selectAll().where('person_id', '=', personId).execute(),
    })));
    const erased = await held(ids.edith);
    assert.doesNotMatch(erased, /Edith|Walsh|07700900555|High Street|flat above|11pm/);
    assert.match(erased, /"channel":"phone_in"/, 'the contact is still counted, by channel');
    assert.match(erased, /noise-complaint|"service_id"/, 'the case is still counted, by service');
    assert.match(await held(ids.albert), /flat above/, 'her husband\'s case is untouched');
  });

  it('is refused to roles other than the data protection officer, and for a resident already erased', async () => {
    const { services, edith } = await privacyCouncil();
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    const leader = await staffMember(services, 'leader@council.gov.uk', 'team_leader');
    await assert.rejects(services.privacy.erase(leader, edith, 'Article 17(1)(a): no longer needed'), /cannot erase or anonymise residents/);
    await assert.rejects(services.privacy.placeHold(leader, edith, 'Complaint to the Ombudsman pending'), /cannot manage retention and legal holds/);
    await services.privacy.erase(dpo, edith, 'Article 17(1)(a): no longer needed');
    await assert.rejects(services.privacy.erase(dpo, edith, 'Article 17(1)(a): no longer needed'), /has been erased/);
  });
});
