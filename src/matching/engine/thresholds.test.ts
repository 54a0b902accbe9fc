import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseThresholds } from './thresholds.ts';
import { probabilityOf } from './model.ts';

describe('chooseThresholds', () => {
  it('puts the upper threshold where the expected precision of links is still 99.9%', () => {
    const weights = Float32Array.from([...Array.from({ length: 1000 }, () => 20), ...Array.from({ length: 10 }, () => 3), ...Array.from({ length: 50 }, () => -20)]);
    const thresholds = chooseThresholds(weights);
    // Ten pairs at weight 3 (p = 0.89) would bring the expected precision to 0.9989, below the target.
    assert.equal(thresholds.upper, 20);
    assert.ok(thresholds.estimatedPrecision >= 0.999);
    assert.ok(thresholds.lower <= 3);
  });
  it('never links a pair more likely two people than one', () => {
    const weights = Float32Array.from([...Array.from({ length: 100_000 }, () => 30), -0.5]);
    assert.ok(chooseThresholds(weights).upper >= 0);
  });
  it('keeps the lower threshold at or below the upper', () => {
    const thresholds = chooseThresholds(Float32Array.from([10, 12, -3, -30]));
    assert.ok(thresholds.lower <= thresholds.upper);
  });
  it('sends pairs more likely than one in ten to review rather than dropping them', () => {
    const weights = Float32Array.from([...Array.from({ length: 1000 }, () => 25), -3, -30]);
    const thresholds = chooseThresholds(weights);
    assert.ok(probabilityOf(-3) > 0.1 && thresholds.lower <= -3);
  });
  it('asks staff about no pair less likely than one in ten, even to keep the recall target', () => {
    // A thousand pairs at p = 0.06 hold 60 expected true pairs, far more than 0.1% of the total: the recall
    // target alone would queue them all.
    const weights = Float32Array.from([...Array.from({ length: 1000 }, () => 25), ...Array.from({ length: 1000 }, () => -4), -30]);
    const thresholds = chooseThresholds(weights);
    assert.ok(probabilityOf(-4) < 0.1);
    assert.ok(thresholds.lower > -4, `lower ${thresholds.lower}`);
    assert.ok(probabilityOf(thresholds.lower) <= 0.101);
    assert.ok(thresholds.estimatedRecall < 0.999, 'the recall given up is reported');
  });
});
