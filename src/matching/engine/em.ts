import { fieldCount, fieldRadix, levelStride, levelsOfPattern } from './fields.ts';
import type { PatternCounts } from './patterns.ts';

// Expectation–maximisation for the Fellegi–Sunter model (Winkler 1988), over distinct comparison patterns
// with their counts. u (how often each level occurs between records of different people) is held; m (how
// often it occurs between records of one person) and λ (the share of pairs that are one person) are
// learnt; so is u for the fields marked learntU (fields.ts), which only have values among candidate pairs. Over all candidate pairs, pairs never compared count as non-matches, so λ is the share of all
// n(n-1)/2 pairs and a candidate pair's posterior is its posterior among all pairs. train.ts runs it.

/** Per-level probabilities, flat: value[field * levelStride + level], level from 1. */
export type LevelProbabilities = Float64Array;

/** Distinct patterns decoded into levels (fieldCount bytes each) with their pair counts. */
export type DecodedPatterns = { levels: Uint8Array; counts: Float64Array; size: number };

export type EmOptions = { maxIterations?: number; tolerance?: number; learnU?: readonly number[] };

/** The smallest probability a level is given, so no weight is infinite. */
export const probabilityFloor = 1e-7;

export type EmResult = {
  m: LevelProbabilities;
  /** u as given, with the fields in learnU learnt. */
  u: LevelProbabilities;
  lambda: number; iterations: number; converged: boolean; expectedMatches: number;
  /** Per field, the expected number of matching pairs with a value on both records: how much the field's m rests on. */
  support: Float64Array;
};

/** A starting m: most matches agree exactly, few are "different", the rest spread between. */
export function defaultM(): LevelProbabilities {
  const m = new Float64Array(fieldCount * levelStride);
  for (let f = 0; f < fieldCount; f++) {
    const levels = (fieldRadix[f] ?? 2) - 1;
    const between = levels > 2 ? 0.12 / (levels - 2) : 0;
    for (let level = 1; level <= levels; level++) {
      m[f * levelStride + level] = level === 1 ? 0.85 : level === levels ? 0.03 : between;
    }
    normalise(m, f);
  }
  return m;
}

export function normalise(values: LevelProbabilities, f: number): void {
  const levels = (fieldRadix[f] ?? 2) - 1;
  let total = 0;
  for (let level = 1; level <= levels; level++) {
    const value = Math.max(values[f * levelStride + level] ?? 0, probabilityFloor);
    values[f * levelStride + level] = value;
    total += value;
  }
  for (let level = 1; level <= levels; level++) values[f * levelStride + level] = (values[f * levelStride + level] ?? 0) / total;
}

export function decodePatterns(patterns: PatternCounts): DecodedPatterns {
  const levels = new Uint8Array(patterns.codes.length * fieldCount);
  const one = new Uint8Array(fieldCount);
  patterns.codes.forEach((code, index) => levels.set(levelsOfPattern(code, one), index * fieldCount));
  return { levels, counts: patterns.counts, size: patterns.codes.length };
}

function logRatios(m: LevelProbabilities, u: LevelProbabilities): Float64Array {
  const ratios = new Float64Array(m.length);
  for (let i = 0; i < m.length; i++) ratios[i] = Math.log(Math.max(m[i] ?? 0, probabilityFloor) / Math.max(u[i] ?? 0, probabilityFloor));
  return ratios;
}

/**
 * Learns m and λ over the given patterns, u held fixed. totalPairs is the number of pairs the patterns stand
 * for (all n(n-1)/2 pairs when they are all the candidates: pairs never compared count as non-matches).
 */
export function expectationMaximisation(
  patterns: DecodedPatterns, fixedU: LevelProbabilities, totalPairs: number, initialM: LevelProbabilities, initialLambda: number, options: EmOptions = {},
): EmResult {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-6;
  const learnU = options.learnU ?? [];
  let m: LevelProbabilities = Float64Array.from(initialM);
  let u: LevelProbabilities = Float64Array.from(fixedU);
  let lambda = initialLambda;
  let iterations = 0;
  let converged = false;
  let expectedMatches = 0;
  let support = new Float64Array(fieldCount);
  while (iterations < maxIterations && !converged) {
    iterations++;
    const step = expectationStep(patterns, m, u, lambda);
    expectedMatches = step.expectedMatches;
    support = step.support;
    const next = maximisationStep(step.sums, m);
    const nextU = learnU.length > 0 ? learntU(step.nonMatchSums, u, learnU) : u;
    let change = 0;
    for (let i = 0; i < m.length; i++) change = Math.max(change, Math.abs((next[i] ?? 0) - (m[i] ?? 0)), Math.abs((nextU[i] ?? 0) - (u[i] ?? 0)));
    const nextLambda = Math.min(0.5, Math.max(expectedMatches, 1e-3) / totalPairs);
    change = Math.max(change, Math.abs(Math.log(nextLambda / lambda)) * 1e-3);
    m = next;
    u = nextU;
    lambda = nextLambda;
    converged = change < tolerance;
  }
  return { m, u, lambda, iterations, converged, expectedMatches, support };
}

/** u of the learnt fields from the pairs' expected non-matches, half a pair added to each level as for m. */
function learntU(nonMatchSums: Float64Array, u: LevelProbabilities, fields: readonly number[]): LevelProbabilities {
  const next = Float64Array.from(u);
  for (const f of fields) {
    for (let level = 1; level < levelStride; level++) next[f * levelStride + level] = (nonMatchSums[f * levelStride + level] ?? 0) + 0.5;
    normalise(next, f);
  }
  return next;
}

function expectationStep(patterns: DecodedPatterns, m: LevelProbabilities, u: LevelProbabilities, lambda: number) {
  const ratios = logRatios(m, u);
  const priorLogOdds = Math.log(lambda / (1 - lambda));
  const sums = new Float64Array(m.length);
  const nonMatchSums = new Float64Array(m.length);
  const support = new Float64Array(fieldCount);
  let expectedMatches = 0;
  for (let k = 0; k < patterns.size; k++) {
    let logit = priorLogOdds;
    for (let f = 0; f < fieldCount; f++) {
      const level = patterns.levels[k * fieldCount + f] ?? 0;
      if (level > 0) logit += ratios[f * levelStride + level] ?? 0;
    }
    const count = patterns.counts[k] ?? 0;
    const weight = count / (1 + Math.exp(-logit));
    expectedMatches += weight;
    for (let f = 0; f < fieldCount; f++) {
      const level = patterns.levels[k * fieldCount + f] ?? 0;
      if (level === 0) continue;
      sums[f * levelStride + level] = (sums[f * levelStride + level] ?? 0) + weight;
      nonMatchSums[f * levelStride + level] = (nonMatchSums[f * levelStride + level] ?? 0) + count - weight;
      support[f] = (support[f] ?? 0) + weight;
    }
  }
  return { sums, nonMatchSums, support, expectedMatches };
}

function maximisationStep(sums: Float64Array, m: LevelProbabilities): LevelProbabilities {
  const next = Float64Array.from(m);
  for (let f = 0; f < fieldCount; f++) {
    // Half a pair per level, as for u: a level no match showed is rare, not impossible.
    for (let level = 1; level < levelStride; level++) next[f * levelStride + level] = (sums[f * levelStride + level] ?? 0) + 0.5;
    normalise(next, f);
  }
  return next;
}

/** Each pattern's chance of being one person under m, u and λ, all fields counted. */
export function posteriors(patterns: DecodedPatterns, m: LevelProbabilities, u: LevelProbabilities, lambda: number): Float64Array {
  const ratios = logRatios(m, u);
  const priorLogOdds = Math.log(lambda / (1 - lambda));
  const result = new Float64Array(patterns.size);
  for (let k = 0; k < patterns.size; k++) {
    let logit = priorLogOdds;
    for (let f = 0; f < fieldCount; f++) {
      const level = patterns.levels[k * fieldCount + f] ?? 0;
      if (level > 0) logit += ratios[f * levelStride + level] ?? 0;
    }
    result[k] = 1 / (1 + Math.exp(-logit));
  }
  return result;
}
