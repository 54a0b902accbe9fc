import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { linkRecords } from './link.ts';
import { loadModel, modelVersion, parseModel, saveModel } from './model.ts';
import { person } from './test-records.ts';

const records = ['Ann', 'Bill', 'Carl', 'Dee', 'Eve', 'Fay'].flatMap((given, i) => [
  person({ givenName: given, familyName: 'Lee', dob: `1970-01-0${i + 1}`, postcode: 'L1 8JQ' }, 'a', `a${i}`),
  person({ givenName: given, familyName: 'Lee', dob: `1970-01-0${i + 1}` }, 'b', `b${i}`),
]);

describe('model', async () => {
  const { model, clusters } = await linkRecords(records);
  it('carries a version, when it was trained and on how many records', () => {
    assert.equal(model.version, modelVersion);
    assert.ok(!Number.isNaN(Date.parse(model.trainedAt)));
    assert.equal(model.recordCount, records.length);
  });
  it('keeps m, u and the weight of every level of every field', () => {
    for (const field of model.fields) for (const level of field.levels) assert.ok(Math.abs(level.weight - Math.log2(level.m / level.u)) < 1e-9);
  });
  it('is saved and loaded unchanged', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'onestop-model-')), 'model.json');
    await saveModel(model, file);
    assert.deepEqual(await loadModel(file), model);
  });
  it('refuses a model of another version', () => assert.throws(() => parseModel({ ...model, version: 99 }), /not one this engine can use/));
  it('links the same records again with a saved model, without training', async () => {
    const again = await linkRecords(records, { model });
    assert.deepEqual(Array.from(again.clusters), Array.from(clusters));
  });
});
