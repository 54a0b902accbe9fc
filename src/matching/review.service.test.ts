import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Services } from '../deps.ts';
import { closeTestDatabase, freshServices, tempDir, testActor, writeFile } from '../test-support.ts';
import { importDemoCouncil, personOfRecords } from './identity.test-support.ts';

after(closeTestDatabase);

async function councilWithReviews(): Promise<Services> {
  const services = await freshServices();
  await importDemoCouncil(services, 300, 21);
  await services.relink.relink(testActor);
  return services;
}

describe('the review queue', () => {
  it('links a pair staff say is one person, and settles the record’s other suggestions', async () => {
    const services = await councilWithReviews();
    const [item] = await services.reviews.queue('open', 1);
    assert.ok(item, 'the relink left pairs to review');
    await services.reviews.link(testActor, item.id);
    const persons = await personOfRecords(services);
    assert.equal(persons.get(item.sourceRecordId), item.candidatePersonId);
    const after = await services.reviews.getReview(item.id);
    assert.equal(after.status, 'linked');
    const others = await services.db.selectFrom('match_review').select('status').where('source_record_id', '=', item.sourceRecordId).where('id', '<>', item.id).execute();
    assert.ok(others.every((other) => other.status === 'resolved'));
    await assert.rejects(services.reviews.link(testActor, item.id), /already been decided/);
  });

  it('keeps records staff separated apart when the council is relinked', async () => {
    const services = await councilWithReviews();
    const persons = await personOfRecords(services);
    const byPerson = new Map<number, number[]>();
    for (const [record, person] of persons) byPerson.set(person, [...(byPerson.get(person) ?? []), record]);
    const [personId, records] = [...byPerson.entries()].find(([, held]) => held.length >= 2) ?? [0, []];
    const separated = records[records.length - 1] ?? 0;
    await services.merges.splitRecords(testActor, personId, [separated], 'not the same person');
    await services.relink.relink(testActor);
    const after = await personOfRecords(services);
    assert.notEqual(after.get(separated), after.get(records[0] ?? 0), 'the relink joined records staff had separated');
  });

  it('skips a pair without deciding it, leaving it on the skipped list', async () => {
    const services = await councilWithReviews();
    const [item] = await services.reviews.queue('open', 1);
    assert.ok(item);
    await services.reviews.skip(testActor, item.id);
    assert.deepEqual((await services.reviews.queue('skipped', 10)).map((skipped) => skipped.id), [item.id]);
  });
});

describe('linking an import with the learnt model', () => {
  it('joins a new system’s record to the resident it is, with the evidence kept on the link', async () => {
    const services = await councilWithReviews();
    const person = await services.db.selectFrom('person').select(['id', 'given_name', 'family_name', 'dob', 'postcode', 'address_line1'])
      .where('status', '=', 'active').where('dob', 'is not', null).where('postcode', 'is not', null).where('given_name', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    const file = writeFile(tempDir(), 'housing.csv', [
      'source_id,given_name,family_name,dob,postcode,address_line1',
      `NEW1,${person.given_name},${person.family_name},${person.dob},${person.postcode},"${person.address_line1 ?? ''}"`,
    ].join('\n'));
    const run = await services.imports.importFile({ systemCode: 'housing_repairs', filePath: file, actor: testActor });
    assert.equal(run.counts.personsCreated, 0);
    const link = await services.db.selectFrom('person_link').innerJoin('source_record', 'source_record.id', 'person_link.source_record_id')
      .select(['person_link.person_id', 'person_link.method', 'person_link.evidence']).where('source_record.source_id', '=', 'NEW1').executeTakeFirstOrThrow();
    assert.deepEqual([link.person_id, link.method], [person.id, 'probabilistic']);
    assert.ok((link.evidence as { explanation?: { fields: unknown[] } }).explanation?.fields.length);
  });
});
