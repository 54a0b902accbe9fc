import type { Thresholds } from './model.ts';
import { probabilityOf } from './model.ts';

// Thresholds from the model's own probabilities, never from ground truth. Among the candidate pairs, the
// expected number of true pairs above a weight is the sum of their probabilities. The upper threshold is
// the lowest weight at which the expected precision of everything above it is still at least the target
// and the pair itself is more likely one person than two; the lower threshold is the highest weight below
// which we expect to lose no more than (1 - targetRecall) of the true pairs, but never so low that staff are
// asked about a pair less likely than one in ten to be one person: in the demo council, two thirds of the
// pairs the recall target alone would queue were below that, thousands of reviews that almost all end "not
// the same person". estimatedRecall says what the floor costs.

export const defaultTargets = { precision: 0.999, recall: 0.999 } as const;
const lowestReviewProbability = 0.1;
/** The weight at which a pair is one person with probability lowestReviewProbability. */
const lowestReviewWeight = Math.log2(lowestReviewProbability / (1 - lowestReviewProbability));

/** Weights counted in bins of 1/binsPerBit of a bit: thresholds fall on bin edges, without sorting every pair. */
const binsPerBit = 100;

type Histogram = { lowest: number; counts: Float64Array; expected: Float64Array };

function histogramOf(weights: Float32Array): Histogram {
  let lowest = Infinity;
  let highest = -Infinity;
  for (const weight of weights) {
    if (weight < lowest) lowest = weight;
    if (weight > highest) highest = weight;
  }
  lowest = Math.floor(lowest * binsPerBit);
  const size = weights.length === 0 ? 0 : Math.floor(highest * binsPerBit) - lowest + 1;
  const counts = new Float64Array(size);
  const expected = new Float64Array(size);
  for (const weight of weights) {
    const bin = Math.floor(weight * binsPerBit) - lowest;
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  // Each bin's pairs taken at the bin's middle weight: a hundredth of a bit moves a probability very little.
  counts.forEach((count, bin) => { expected[bin] = count * probabilityOf((lowest + bin + 0.5) / binsPerBit); });
  return { lowest, counts, expected };
}

export function chooseThresholds(weights: Float32Array, targets: { precision: number; recall: number } = defaultTargets): Thresholds {
  const { lowest, counts, expected } = histogramOf(weights);
  const edge = (bin: number) => (lowest + bin) / binsPerBit;
  let expectedTotal = 0;
  expected.forEach((value) => { expectedTotal += value; });
  // From the top: pairs in bin i and above.
  let linked = 0;
  let linkedMatches = 0;
  let upperBin = counts.length;
  let precisionAtUpper = 1;
  for (let bin = counts.length - 1; bin >= 0 && edge(bin) >= 0; bin--) {
    linked += counts[bin] ?? 0;
    linkedMatches += expected[bin] ?? 0;
    // A threshold sits at the lowest weight it links, not in an empty stretch below it.
    if ((counts[bin] ?? 0) === 0) continue;
    const precision = linkedMatches / linked;
    if (precision >= targets.precision) { upperBin = bin; precisionAtUpper = precision; }
  }
  const upper = upperBin < counts.length ? edge(upperBin) : Math.max(0, edge(counts.length)) + 1e-3;
  // From the bottom: pairs below bin i.
  let missed = 0;
  let lowerBin = 0;
  const allowed = (1 - targets.recall) * expectedTotal;
  for (let bin = 0; bin < counts.length && edge(bin + 1) <= upper; bin++) {
    const count = counts[bin] ?? 0;
    if (count > 0 && (missed + (expected[bin] ?? 0) > allowed || (expected[bin] ?? 0) / count >= lowestReviewProbability)) break;
    missed += expected[bin] ?? 0;
    lowerBin = bin + 1;
  }
  for (; lowerBin < counts.length && edge(lowerBin) < lowestReviewWeight && edge(lowerBin + 1) <= upper; lowerBin++) missed += expected[lowerBin] ?? 0;
  const lower = Math.min(upper, edge(lowerBin));
  return {
    upper, lower, targetPrecision: targets.precision, targetRecall: targets.recall,
    estimatedPrecision: precisionAtUpper, estimatedRecall: expectedTotal > 0 ? 1 - missed / expectedTotal : 1,
  };
}

/**
 * The upper threshold from what clustering would deliver rather than from the links alone. Each join puts
 * |A|·|B| pairs of records into one person, all of them wrong if the join is: so the expected precision of
 * the pairs put together above a threshold is Σ p·|A||B| / Σ |A||B| over its joins, p the probability of the
 * link that made each. A weak link that joins two groups of three counts nine times, as it would in a review
 * of the persons made. Returns the lowest join weight at which that is still the target (never below even
 * odds), or null when no join is made.
 */
export function chooseUpperForClusters(joins: { weight: Float64Array; pairs: Float64Array }, target: number): { upper: number; estimatedPrecision: number } | null {
  const count = joins.weight.length;
  if (count === 0) return null;
  let pairs = 0;
  let expected = 0;
  let upper = (joins.weight[0] ?? 0) + 1e-3;
  let estimatedPrecision = 1;
  for (let j = 0; j < count; j++) {
    const weight = joins.weight[j] ?? 0;
    if (weight < 0) break;
    pairs += joins.pairs[j] ?? 0;
    expected += (joins.pairs[j] ?? 0) * probabilityOf(weight);
    // A threshold sits between distinct weights: joins at one weight are made together.
    if (j + 1 < count && (joins.weight[j + 1] ?? 0) === weight) continue;
    const precision = expected / pairs;
    if (precision >= target) { upper = weight; estimatedPrecision = precision; }
  }
  return { upper, estimatedPrecision };
}
