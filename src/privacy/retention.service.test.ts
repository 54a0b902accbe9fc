import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closeTestDatabase, testActor, writeFile } from '../test-support.ts';
import { createWorker } from '../jobs/worker.ts';
import { header, privacyCouncil, staffMember } from './privacy.test-support.ts';
import { retentionJobKind } from './retention.service.ts';

after(closeTestDatabase);

// Every record in the test council was last seen at the time its import ran: 25 November 2026, 09:00 UTC.
const lastSeen = '2026-11-25T09:00:00.000Z';

describe('retention', () => {
  it('erases nothing a millisecond before the period ends, and the record at the boundary itself', async () => {
    const { services, edith } = await privacyCouncil(lastSeen);
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    await services.privacy.setRule(dpo, { systemCode: 'council_tax', years: 6 });
    services.clock.set('2032-11-25T08:59:59.999Z');
    const early = await services.privacy.run(dpo, { dryRun: false });
    assert.deepEqual(early.systems.map((system) => [system.systemCode, system.due, system.erased]), [['council_tax', 0, 0]]);
    assert.equal((await services.people.getResident(testActor, edith)).person.fields.familyName, 'Walsh');

    services.clock.set('2032-11-25T09:00:00.000Z');
    const due = await services.privacy.run(dpo, { dryRun: false });
    assert.deepEqual(due.systems.map((system) => [system.systemCode, system.due, system.erased, system.held]), [['council_tax', 2, 2, 0]]);
    // Edith is still known to adult social care, which has no rule: her golden record now comes from what is left.
    assert.equal(due.personsRefreshed, 1);
    assert.equal(due.personsErased, 1, 'Albert was known only to council tax');
    const edithNow = await services.privacy.exportBundle(dpo, edith, 'json');
    assert.deepEqual(edithNow.sourceRecords.map((record) => [record.system.code, record.erasedAt === null]), [['adult_social_care', true], ['council_tax', false]]);
  });

  it('counts but erases nothing in a dry run, and shows what each run did', async () => {
    const { services, edith } = await privacyCouncil(lastSeen);
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    await services.privacy.setRule(dpo, { systemCode: 'council_tax', years: 1 });
    services.clock.set('2030-01-01T00:00:00Z');
    const dry = await services.privacy.run(dpo, { dryRun: true });
    assert.equal(dry.systems[0]?.due, 2);
    assert.equal(dry.systems[0]?.erased, 0);
    assert.equal((await services.people.getResident(testActor, edith)).person.fields.familyName, 'Walsh');
    const [run] = await services.privacy.runs(dpo);
    assert.equal(run?.dryRun, true);
    assert.deepEqual((run?.summary.systems as Array<{ due: number }>)[0]?.due, 2);
  });

  it('skips the records of a resident under a legal hold', async () => {
    const { services, edith, albert } = await privacyCouncil(lastSeen);
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    await services.privacy.placeHold(dpo, edith, 'Ombudsman complaint 2026/123 open');
    await services.privacy.setRule(dpo, { systemCode: 'council_tax', years: 1 });
    services.clock.set('2030-01-01T00:00:00Z');
    const run = await services.privacy.run(dpo, { dryRun: false });
    assert.deepEqual([run.systems[0]?.due, run.systems[0]?.held, run.systems[0]?.erased], [2, 1, 1]);
    const bundle = await services.privacy.exportBundle(dpo, edith, 'json');
    assert.ok(bundle.sourceRecords.every((record) => record.erasedAt === null));
    assert.ok((await services.privacy.exportBundle(dpo, albert, 'json')).resident.erasedAt);
  });

  it('counts from when the system stopped holding a record under an "ended" rule', async () => {
    const { services, dir } = await privacyCouncil(lastSeen);
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    await services.privacy.setRule(dpo, { systemCode: 'council_tax', years: 2, basis: 'ended' });
    services.clock.set('2027-03-01T00:00:00Z');
    await services.imports.importFile({ systemCode: 'council_tax', full: true, actor: testActor, filePath: writeFile(dir, 'ct-full.csv', [header,
      'CT1,Edith,Walsh,1938-04-02,L1 8JQ,1 High Street,380000000001,AB123456C,,'].join('\n')) });
    services.clock.set('2029-02-28T23:59:59Z');
    assert.equal((await services.privacy.run(dpo, { dryRun: true })).systems[0]?.due, 0);
    services.clock.set('2029-03-01T00:00:00Z');
    assert.equal((await services.privacy.run(dpo, { dryRun: true })).systems[0]?.due, 1, 'Albert’s record ended on 1 March 2027');
  });

  it('runs as a nightly job from the queue, and queues the next night', async () => {
    const { services } = await privacyCouncil(lastSeen);
    const dpo = await staffMember(services, 'dpo@council.gov.uk', 'dpo');
    await services.privacy.setRule(dpo, { systemCode: 'council_tax', years: 1 });
    services.clock.set('2028-01-01T00:00:00Z');
    const jobId = await services.privacy.scheduleRetention();
    assert.equal(await services.privacy.scheduleRetention(), jobId, 'one queued run at a time');
    const log = { info: () => undefined, error: (object: object, message: string) => assert.fail(`${message} ${JSON.stringify(object)}`) };
    const worker = createWorker({ db: services.db, clock: services.clock, log, handlers: { [retentionJobKind]: () => services.privacy.runRetentionJob() } });
    assert.equal(await worker.runOnce(), false, 'not before 02:00');
    services.clock.set('2028-01-01T02:00:00Z');
    assert.equal(await worker.runOnce(), true);
    const [run] = await services.privacy.runs(dpo);
    assert.equal(run?.actor, 'system:retention');
    assert.equal((run?.summary.systems as Array<{ erased: number }>)[0]?.erased, 2);
    const next = await services.db.selectFrom('job').select(['run_after', 'status']).where('kind', '=', retentionJobKind).where('status', '=', 'queued').executeTakeFirstOrThrow();
    assert.equal(next.run_after.toISOString(), '2028-01-02T02:00:00.000Z');
  });
});
