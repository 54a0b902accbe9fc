import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closeTestDatabase, freshServices, testActor } from '../test-support.ts';
import { importDemoCouncil, personOfRecords, truthByRecord } from './identity.test-support.ts';

after(closeTestDatabase);

/** Pairs of records the same person holds, by the truth and by OneStop. */
function pairCounts(persons: ReadonlyMap<number, number>, truth: ReadonlyMap<number, string>) {
  const groups = new Map<number, number[]>();
  for (const [record, person] of persons) groups.set(person, [...(groups.get(person) ?? []), record]);
  let predicted = 0;
  let correct = 0;
  for (const records of groups.values()) {
    for (let i = 0; i < records.length; i++) for (let j = i + 1; j < records.length; j++) {
      predicted++;
      if (truth.get(records[i] ?? 0) === truth.get(records[j] ?? 0)) correct++;
    }
  }
  const byResident = new Map<string, number>();
  for (const resident of truth.values()) byResident.set(resident, (byResident.get(resident) ?? 0) + 1);
  const actual = [...byResident.values()].reduce((sum, n) => sum + (n * (n - 1)) / 2, 0);
  return { precision: predicted === 0 ? 1 : correct / predicted, recall: actual === 0 ? 1 : correct / actual };
}

describe('relinking the council', () => {
  it('learns a model, joins records the deterministic rules missed, and keeps references stable', async () => {
    const services = await freshServices();
    const truthFile = await importDemoCouncil(services, 600);
    const truth = await truthByRecord(services, truthFile);
    const before = await personOfRecords(services);
    const deterministic = pairCounts(before, truth);
    const summary = await services.relink.relink(testActor);
    const afterRelink = await personOfRecords(services);
    const probabilistic = pairCounts(afterRelink, truth);
    assert.equal(summary.modelVersion, 1);
    assert.ok(probabilistic.recall > deterministic.recall + 0.2, `recall ${deterministic.recall.toFixed(3)} → ${probabilistic.recall.toFixed(3)}`);
    assert.ok(probabilistic.precision >= 0.97, `precision ${probabilistic.precision.toFixed(3)}`);
    // Each surviving person kept its id; persons emptied by the relink redirect to where their records went.
    const merged = await services.db.selectFrom('person').select(['id', 'redirect_to']).where('status', '=', 'merged').execute();
    assert.ok(merged.length > 0);
    for (const person of merged) assert.ok(person.redirect_to !== null && [...afterRelink.values()].includes(person.redirect_to));
    const changes = await services.db.selectFrom('person_change').select(['kind', 'actor']).execute();
    assert.ok(changes.length > 0 && changes.every((change) => change.kind === 'relink' && change.actor === 'system:test'));
  });

  it('changes nothing when run again on the same records', async () => {
    const services = await freshServices();
    await importDemoCouncil(services, 300);
    await services.relink.relink(testActor);
    const first = await personOfRecords(services);
    const again = await services.relink.relink(testActor);
    assert.equal(again.movedRecords, 0);
    assert.deepEqual(await personOfRecords(services), first);
    assert.equal(again.modelVersion, 2);
  });

  it('queues the unsure pairs for review, once each', async () => {
    const services = await freshServices();
    await importDemoCouncil(services, 300);
    const summary = await services.relink.relink(testActor);
    const counts = await services.reviews.counts();
    assert.equal(counts.open, summary.reviewsQueued);
    await services.relink.relink(testActor);
    assert.equal((await services.reviews.counts()).open, counts.open);
  });
});
