import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterRecords } from './cluster.ts';

function cluster(count: number, pairs: Array<[number, number, number]>, upper = 5) {
  return clusterRecords({
    count, a: Int32Array.from(pairs, ([a]) => a), b: Int32Array.from(pairs, ([, b]) => b),
    weight: Float32Array.from(pairs, ([, , weight]) => weight), band: Uint8Array.from(pairs, ([, , weight]) => (weight >= upper ? 2 : weight >= -8 ? 1 : 0)),
  });
}

describe('clusterRecords', () => {
  it('joins records through links into one person', () => {
    const { clusters } = cluster(4, [[0, 1, 20], [1, 2, 15], [2, 3, -20]]);
    assert.deepEqual(Array.from(clusters), [0, 0, 0, 1]);
  });
  it('refuses one weak link between two groups whose other pairs say they are two people', () => {
    // Father (0, 1) and son (2, 3), each sure of himself; one record of each without a date of birth links weakly.
    const { clusters, refused } = cluster(4, [[0, 1, 25], [2, 3, 25], [1, 2, 6], [0, 2, -20], [0, 3, -20], [1, 3, -18]]);
    assert.notEqual(clusters[0], clusters[2]);
    assert.equal(refused, 1);
  });
  it('joins two groups when the pairs between them agree', () => {
    const { clusters } = cluster(4, [[0, 1, 25], [2, 3, 25], [1, 2, 8], [0, 2, 6], [0, 3, 3], [1, 3, 7]]);
    assert.equal(clusters[0], clusters[3]);
  });
  it('labels clusters in order of their first record', () => {
    const { clusters } = cluster(3, [[1, 2, 20]]);
    assert.deepEqual(Array.from(clusters), [0, 1, 1]);
  });
});
