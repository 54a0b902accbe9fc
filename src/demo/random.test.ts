import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Random, Scatter, WeightedPicker } from './random.ts';

describe('Random', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    const draw = (seed: number, stream: number): number[] => {
      const random = new Random(seed, stream);
      return Array.from({ length: 20 }, () => random.uint32());
    };
    assert.deepEqual(draw(1, 0), draw(1, 0));
    assert.notDeepEqual(draw(1, 0), draw(2, 0));
    assert.notDeepEqual(draw(1, 0), draw(1, 1));
  });

  it('keeps integers within the bounds asked for, both included', () => {
    const random = new Random(5);
    const seen = new Set(Array.from({ length: 2000 }, () => random.int(3, 7)));
    assert.deepEqual([...seen].sort(), [3, 4, 5, 6, 7]);
  });

  it('draws roughly normal numbers around the mean', () => {
    const random = new Random(6);
    const draws = Array.from({ length: 10_000 }, () => random.normal(10, 2));
    const mean = draws.reduce((total, draw) => total + draw, 0) / draws.length;
    const deviation = Math.sqrt(draws.reduce((total, draw) => total + (draw - mean) ** 2, 0) / draws.length);
    assert.ok(Math.abs(mean - 10) < 0.1 && Math.abs(deviation - 2) < 0.1, `mean ${mean}, deviation ${deviation}`);
  });
});

describe('WeightedPicker', () => {
  it('picks items in proportion to their weights and never one weighted zero', () => {
    const picker = new WeightedPicker([['common', 9], ['rare', 1], ['never', 0]] as const);
    const random = new Random(11);
    const picks = Array.from({ length: 10_000 }, () => picker.pick(random));
    const rare = picks.filter((pick) => pick === 'rare').length;
    assert.ok(rare > 800 && rare < 1200, `rare picked ${rare} times`);
    assert.ok(!picks.includes('never'));
  });
});

describe('Scatter', () => {
  it('maps counters to distinct values within its range', () => {
    const scatter = new Scatter(10_000, new Random(2));
    const values = Array.from({ length: 10_000 }, (_, index) => scatter.at(index));
    assert.equal(new Set(values).size, 10_000);
    assert.ok(values.every((value) => value >= 0 && value < 10_000));
  });

  it('stays exact for ranges too large to multiply directly', () => {
    const size = 301 * 1_000_000;
    const scatter = new Scatter(size, new Random(3));
    const values = Array.from({ length: 50_000 }, (_, index) => scatter.at(index * 6007));
    assert.equal(new Set(values).size, values.length);
    assert.ok(values.every((value) => Number.isInteger(value) && value >= 0 && value < size));
  });
});
