import { blockingRules } from './blocking-rules.ts';
import { decodePatterns, defaultM, expectationMaximisation, posteriors, type DecodedPatterns } from './em.ts';
import type { FrequencyTables } from './frequencies.ts';
import { fieldSpecs, levelStride } from './fields.ts';
import { modelFields, modelVersion, type Model } from './model.ts';
import type { PatternCounts } from './patterns.ts';
import { uFromStrata, type RandomSample } from './u-probabilities.ts';

// Training. u comes from random pairs: pairs at one place and pairs elsewhere, each stratum weighted by its
// share of all pairs (u-probabilities.ts). m and λ are learnt by expectation–maximisation over the
// distinct patterns of the candidate pairs, with u held. Then u is counted again with each random pair
// discounted by its chance of being one person (where people have many records, random pairs hold a few
// true ones), and m and λ learnt again: two rounds. Family name, address and phone are one field
// (fields.ts), so EM finds people rather than households.

export type TrainingInput = {
  recordCount: number;
  /** Distinct comparison patterns of the candidate pairs, with counts. */
  patterns: PatternCounts;
  /** Random pairs' patterns (u-probabilities.ts). */
  random: RandomSample;
  uSamples: number;
  tables: FrequencyTables;
  now?: Date;
};

const rounds = 2;
const learnU = fieldSpecs.flatMap((spec, f) => (spec.learntU ? [f] : []));

/** u counted over random pairs, with the learnt fields' u taken from the last EM. */
function withLearntU(counted: Float64Array, learnt: Float64Array): Float64Array {
  for (const f of learnU) counted.set(learnt.subarray(f * levelStride, (f + 1) * levelStride), f * levelStride);
  return counted;
}

function pairsIn(patterns: DecodedPatterns): number {
  let total = 0;
  patterns.counts.forEach((count) => { total += count; });
  return total;
}

export function trainModel(input: TrainingInput): Model {
  const totalPairs = Math.max(1, (input.recordCount * (input.recordCount - 1)) / 2);
  const all = decodePatterns(input.patterns);
  const strata = input.random.strata.map((stratum) => ({ share: stratum.share, patterns: decodePatterns(stratum.patterns), matchProbability: null as Float64Array | null }));
  let u = uFromStrata(strata);
  let m = defaultM();
  let lambda = Math.min(0.5, input.recordCount / totalPairs);
  let result = expectationMaximisation(all, u, totalPairs, m, lambda, { learnU });
  for (let round = 0; round < rounds; round++) {
    if (round > 0) result = expectationMaximisation(all, u, totalPairs, defaultM(), lambda, { learnU });
    m = result.m;
    u = result.u;
    lambda = result.lambda;
    for (const stratum of strata) stratum.matchProbability = posteriors(stratum.patterns, m, u, lambda);
    u = withLearntU(uFromStrata(strata), u);
  }
  return {
    version: modelVersion,
    engine: 'onestop-fellegi-sunter',
    trainedAt: (input.now ?? new Date()).toISOString(),
    recordCount: input.recordCount,
    pairCount: pairsIn(all),
    prior: { lambda, weight: Math.log2(lambda / (1 - lambda)) },
    fields: modelFields(m, u),
    frequencies: input.tables,
    // Set from the scored pairs once the model exists (thresholds.ts).
    thresholds: { upper: 0, lower: 0, targetPrecision: 0, targetRecall: 0, estimatedPrecision: 0, estimatedRecall: 0 },
    training: {
      iterations: result.iterations, converged: result.converged, expectedMatches: result.expectedMatches, uSamples: input.uSamples,
      blockingRules: blockingRules.map((rule) => rule.name),
    },
  };
}
