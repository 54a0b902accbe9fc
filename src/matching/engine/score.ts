import { field, fieldCount, fieldSpecs, levelStride, phoneParts, placeParts } from './fields.ts';
import { adjustedField, countsFromTable, frequencyAdjustments, frequencyFields, frequencySource, type FrequencyField } from './frequencies.ts';
import { probabilityOf, weightTable, type Model } from './model.ts';
import type { PreparedRecords, PreparedText } from './prepare.ts';

// Scoring: a pair's total weight is the prior's log2 odds plus each field's level weight, plus, for an
// exact match on a field with a frequency table, the term-frequency adjustment of the shared value.

export type Band = 0 | 1 | 2;
/** 0: not linked; 1: clerical review; 2: linked automatically. */
export const bandNames = ['no link', 'review', 'link'] as const;

/**
 * A term-frequency adjustment: when two records hold the same value in `column`, the field's weight moves
 * by the value's adjustment; unless they also share their `unless` value (a postcode counts for nothing
 * more once the address line is shared and adjusted).
 */
type Adjustment = { fieldIndex: number; column: Int32Array; adjustments: Float32Array; unless: Int32Array | null; levels: Uint8Array };

/** A model bound to one set of prepared records: level weights and per-value frequency adjustments. */
export type Scorer = { model: Model; prior: number; weights: Float64Array; adjustments: Adjustment[] };

export function createScorer(model: Model, records: PreparedRecords, text: PreparedText): Scorer {
  const adjustments: Adjustment[] = [];
  for (const name of frequencyFields) {
    const table = model.frequencies[name];
    if (!table) continue;
    const { column, dictionary } = frequencySource(name, records, text);
    const unless = name === 'postcode' ? records.address : null;
    adjustments.push({ fieldIndex: adjustedField[name], column, adjustments: frequencyAdjustments(table, dictionary), unless, levels: adjustableLevels(name) });
  }
  return { model, prior: model.prior.weight, weights: weightTable(model), adjustments };
}

/** Uses the model's view of how common each name is (for "established spelling" levels) instead of the batch's. */
export function useModelNameCounts(model: Model, records: PreparedRecords, text: PreparedText): void {
  const given = model.frequencies.given;
  const family = model.frequencies.family;
  if (given) records.givenCount.set(countsFromTable(given, text.names));
  if (family) records.familyCount.set(countsFromTable(family, text.names));
}

/** The levels at which two records can share the value a frequency field adjusts for (1 where they can). */
function adjustableLevels(name: FrequencyField): Uint8Array {
  const levels = new Uint8Array(levelStride);
  const fieldIndex = adjustedField[name];
  const spec = fieldSpecs[fieldIndex];
  if (fieldIndex !== field.household) { levels[1] = 1; return levels; }
  spec?.levels.forEach((_, index) => {
    const level = index + 1;
    const rest = level - 1;
    const phone = rest % phoneParts.length;
    const place = Math.floor(rest / phoneParts.length) % placeParts.length;
    const family = Math.floor(rest / (phoneParts.length * placeParts.length));
    const applies = name === 'family' ? family === 0 : name === 'phone' ? phone === 0 : name === 'address' ? place === 0 : place <= 2;
    levels[level] = applies ? 1 : 0;
  });
  return levels;
}

/** The adjustment an entry gives the pair (a, b), 0 when it does not apply. */
function adjustmentOf(adjustment: Adjustment, a: number, b: number): number {
  const id = adjustment.column[a] ?? -1;
  if (id < 0 || id !== adjustment.column[b]) return 0;
  const unless = adjustment.unless;
  if (unless !== null && (unless[a] ?? -1) >= 0 && unless[a] === unless[b]) return 0;
  return adjustment.adjustments[id] ?? 0;
}

/** Total weight of the pair (a, b) from its comparison vector at levels[offset]. */
export function weighPair(scorer: Scorer, a: number, b: number, levels: Uint8Array, offset: number): number {
  let total = scorer.prior;
  for (let f = 0; f < fieldCount; f++) total += scorer.weights[f * levelStride + (levels[offset + f] ?? 0)] ?? 0;
  for (const adjustment of scorer.adjustments) {
    if (adjustment.levels[levels[offset + adjustment.fieldIndex] ?? 0] === 1) total += adjustmentOf(adjustment, a, b);
  }
  return total;
}

/**
 * Each field's weight for one pair, written into `levelWeights`, with the term-frequency part of it in
 * `adjustments`: the pieces of weighPair, for explanations.
 */
export function fieldWeights(scorer: Scorer, a: number, b: number, levels: Uint8Array, offset: number, levelWeights: Float64Array, adjustments: Float64Array): void {
  for (let f = 0; f < fieldCount; f++) {
    levelWeights[f] = scorer.weights[f * levelStride + (levels[offset + f] ?? 0)] ?? 0;
    adjustments[f] = 0;
  }
  for (const adjustment of scorer.adjustments) {
    if (adjustment.levels[levels[offset + adjustment.fieldIndex] ?? 0] !== 1) continue;
    const value = adjustmentOf(adjustment, a, b);
    adjustments[adjustment.fieldIndex] = (adjustments[adjustment.fieldIndex] ?? 0) + value;
    levelWeights[adjustment.fieldIndex] = (levelWeights[adjustment.fieldIndex] ?? 0) + value;
  }
}

/**
 * Where two people of one name are known at a place (fields.ts, namesakes), a record goes with one of them
 * only on something of one person's own: a pair there at two addresses, or at one address with nothing of the
 * kind in common, is at most for review, whatever its weight. Its weight adds up agreement on the name and the
 * place, which is exactly what the two people share, so it overstates the odds.
 */
const reviewOnlyNamesakes: readonly number[] = [3, 4];

export function isReviewOnly(levels: Uint8Array, offset: number): boolean {
  return reviewOnlyNamesakes.includes(levels[offset + field.namesakes] ?? 0);
}

/** The band of a pair of this weight; `levels` (its comparison vector at `offset`) can hold it back to review. */
export function bandOf(weight: number, model: Model, levels?: Uint8Array, offset = 0): Band {
  if (weight >= model.thresholds.upper) return levels && isReviewOnly(levels, offset) ? 1 : 2;
  return weight >= model.thresholds.lower ? 1 : 0;
}

export type ScoredPairs = { weight: Float32Array; probability: Float32Array; band: Uint8Array };

/** Weighs every pair; bands need the thresholds, so they are filled by `bandPairs`. */
export function weighPairs(scorer: Scorer, a: Int32Array, b: Int32Array, levels: Uint8Array, count: number): Float32Array {
  const weights = new Float32Array(count);
  for (let pair = 0; pair < count; pair++) weights[pair] = weighPair(scorer, a[pair] ?? 0, b[pair] ?? 0, levels, pair * fieldCount);
  return weights;
}

export function bandPairs(weights: Float32Array, model: Model, levels: Uint8Array): ScoredPairs {
  const probability = new Float32Array(weights.length);
  const band = new Uint8Array(weights.length);
  weights.forEach((weight, pair) => {
    probability[pair] = probabilityOf(weight);
    band[pair] = bandOf(weight, model, levels, pair * fieldCount);
  });
  return { weight: weights, probability, band };
}
