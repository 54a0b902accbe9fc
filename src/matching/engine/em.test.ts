import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePatterns, defaultM, expectationMaximisation } from './em.ts';
import { field, fieldCount, fieldRadix, levelStride } from './fields.ts';
import { PatternCounter } from './patterns.ts';
import { seededRandom } from './u-probabilities.ts';

// Pairs drawn from a known model over three fields (given, date of birth, email); EM must find m and λ again.
const known: { lambda: number; m: Record<number, number[]>; u: Record<number, number[]> } = {
  lambda: 0.02,
  m: { [field.given]: [0.9, 0.05, 0.05], [field.dob]: [0.85, 0.1, 0.05], [field.email]: [0.8, 0.15, 0.05] },
  u: { [field.given]: [0.01, 0.04, 0.95], [field.dob]: [0.001, 0.05, 0.949], [field.email]: [0.0005, 0.01, 0.9895] },
};
// Levels 1, 2 and the field's last ("different") level.
const levelsUsed = (f: number) => [1, 2, (fieldRadix[f] ?? 2) - 1];

function draw(random: () => number, weights: readonly number[]): number {
  let roll = random();
  for (let index = 0; index < weights.length; index++) {
    roll -= weights[index] ?? 0;
    if (roll <= 0) return index;
  }
  return weights.length - 1;
}

function synthetic(pairs: number) {
  const random = seededRandom(7);
  const counter = new PatternCounter();
  const levels = new Uint8Array(fieldCount);
  for (let pair = 0; pair < pairs; pair++) {
    const isMatch = random() < known.lambda;
    for (const key of Object.keys(known.m)) {
      const f = Number(key);
      const weights = (isMatch ? known.m : known.u)[f] ?? [];
      levels[f] = levelsUsed(f)[draw(random, weights)] ?? 0;
    }
    counter.addLevels(levels, 1);
  }
  return counter.result();
}

function uTable(): Float64Array {
  const u = new Float64Array(fieldCount * levelStride);
  for (let f = 0; f < fieldCount; f++) {
    const levels = (fieldRadix[f] ?? 2) - 1;
    for (let level = 1; level <= levels; level++) u[f * levelStride + level] = 1 / levels;
  }
  for (const [key, weights] of Object.entries(known.u)) {
    const f = Number(key);
    for (let level = 1; level < levelStride; level++) u[f * levelStride + level] = 0;
    levelsUsed(f).forEach((level, index) => { u[f * levelStride + level] = weights[index] ?? 0; });
  }
  return u;
}

describe('expectationMaximisation', () => {
  const pairs = 200_000;
  const result = expectationMaximisation(decodePatterns(synthetic(pairs)), uTable(), pairs, defaultM(), 0.1);
  it('finds the share of matches', () => assert.ok(Math.abs(result.lambda - known.lambda) < 0.003, `λ = ${result.lambda}`));
  for (const [key, weights] of Object.entries(known.m)) {
    const f = Number(key);
    it(`finds m of field ${f} within 0.03`, () => {
      levelsUsed(f).forEach((level, index) => {
        const found = result.m[f * levelStride + level] ?? 0;
        assert.ok(Math.abs(found - (weights[index] ?? 0)) < 0.03, `level ${level}: ${found} against ${weights[index]}`);
      });
    });
  }
  it('converges', () => assert.ok(result.converged));
});
