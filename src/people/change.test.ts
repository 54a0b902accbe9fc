import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planClusters, stateAfterMoves } from './change.ts';

describe('planning a relink', () => {
  it('keeps a person with the cluster that holds most of its records and gives the rest a new person', () => {
    const current = new Map([[1, 10], [2, 10], [3, 10], [4, 10], [5, 10]]);
    const plan = planClusters(current, [[1, 2], [3, 4, 5]]);
    assert.deepEqual(plan.get(3), { kind: 'person', personId: 10 });
    assert.deepEqual(plan.get(1), { kind: 'new', label: 0 });
  });

  it('joins two persons under the one with more records', () => {
    const current = new Map([[1, 10], [2, 20], [3, 20]]);
    const plan = planClusters(current, [[1, 2, 3]]);
    assert.deepEqual([...new Set(plan.values())], [{ kind: 'person', personId: 20 }]);
  });

  it('breaks a tie in favour of the older person', () => {
    const current = new Map([[1, 30], [2, 20]]);
    assert.deepEqual(planClusters(current, [[1, 2]]).get(1), { kind: 'person', personId: 20 });
  });

  it('leaves unchanged clusters with their persons', () => {
    const current = new Map([[1, 10], [2, 10], [3, 20]]);
    const plan = planClusters(current, [[1, 2], [3]]);
    assert.deepEqual([plan.get(1), plan.get(3)], [{ kind: 'person', personId: 10 }, { kind: 'person', personId: 20 }]);
  });

  it('gives records that had no person a person of their cluster', () => {
    const current = new Map<number, number | null>([[1, 10], [2, null], [3, null]]);
    const plan = planClusters(current, [[1, 2], [3]]);
    assert.deepEqual([plan.get(2), plan.get(3)], [{ kind: 'person', personId: 10 }, { kind: 'new', label: 1 }]);
  });
});

describe('a person after its records move', () => {
  it('stays active while it keeps a record', () => {
    assert.deepEqual(stateAfterMoves(1, 2, new Map([[2, 1]])), { status: 'active', redirectTo: null });
  });
  it('redirects to the person most of its records went to', () => {
    assert.deepEqual(stateAfterMoves(1, 0, new Map([[2, 1], [3, 4]])), { status: 'merged', redirectTo: 3 });
  });
  it('is empty when it had nothing', () => {
    assert.deepEqual(stateAfterMoves(1, 0, new Map()), { status: 'empty', redirectTo: null });
  });
});
