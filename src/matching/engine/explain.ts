import { comparePair } from './compare.ts';
import { fieldCount, fieldSpecs, type FieldName } from './fields.ts';
import { probabilityOf, type Model } from './model.ts';
import { prepareRecords, type LinkInput, type Prepared } from './prepare.ts';
import { bandNames, bandOf, createScorer, fieldWeights, useModelNameCounts, weighPair, type Scorer } from './score.ts';

// Explanations: for a pair, the level each field reached and its weight, the prior, the total and the
// probability, with a sentence per field a member of staff can read. Plain objects, ready for JSON.

export type FieldEvidence = {
  field: FieldName;
  label: string;
  /** 0 when either record has no value. */
  level: number;
  description: string;
  /** The field's weight in log2 odds, term-frequency adjustment included. */
  weight: number;
  /** The part of the weight owed to how rare the shared value is. */
  frequencyAdjustment: number;
  text: string;
};

export type Explanation = {
  prior: number;
  fields: FieldEvidence[];
  totalWeight: number;
  probability: number;
  band: (typeof bandNames)[number];
  summary: string;
};

export type RankedCandidate = { index: number; weight: number; probability: number; band: Explanation['band']; explanation: Explanation };

function signed(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${Math.abs(rounded).toFixed(1)}`;
}

function fieldText(label: string, level: number, description: string, weight: number, adjustment: number): string {
  if (level === 0) return `${label}: not on both records (no weight)`;
  const rarity = Math.abs(adjustment) >= 0.5 ? `, ${adjustment > 0 ? 'a rare' : 'a common'} value (${signed(adjustment)} of it)` : '';
  return `${label}: ${description}${rarity} (${signed(weight)})`;
}

/** Explains the pair (a, b) of prepared records with a scorer. */
export function explainPrepared(scorer: Scorer, prepared: Prepared, a: number, b: number): Explanation {
  const levels = new Uint8Array(fieldCount);
  comparePair(prepared.records, Math.min(a, b), Math.max(a, b), levels, 0);
  const low = Math.min(a, b);
  const high = Math.max(a, b);
  const weights = new Float64Array(fieldCount);
  const adjustments = new Float64Array(fieldCount);
  fieldWeights(scorer, low, high, levels, 0, weights, adjustments);
  const fields = fieldSpecs.map((spec, f): FieldEvidence => {
    const level = levels[f] ?? 0;
    const description = level === 0 ? 'not on both records' : spec.levels[level - 1] ?? '';
    const weight = weights[f] ?? 0;
    const adjustment = adjustments[f] ?? 0;
    return {
      field: spec.name, label: spec.label, level, description, weight, frequencyAdjustment: adjustment,
      text: fieldText(spec.label, level, description, weight, adjustment),
    };
  });
  const totalWeight = weighPair(scorer, low, high, levels, 0);
  const probability = probabilityOf(totalWeight);
  const band = bandNames[bandOf(totalWeight, scorer.model, levels)];
  const summary = `Total ${signed(totalWeight)} after a starting point of ${signed(scorer.prior)} for two records picked at random: `
    + `${(probability * 100).toPrecision(3)}% likely to be one person (${band}).`;
  return { prior: scorer.prior, fields, totalWeight, probability, band, summary };
}

function scorerFor(model: Model, records: ReadonlyArray<LinkInput>): { scorer: Scorer; prepared: Prepared } {
  const prepared = prepareRecords(records);
  useModelNameCounts(model, prepared.records, prepared.text);
  return { prepared, scorer: createScorer(model, prepared.records, prepared.text) };
}

/** Explains why a model would or would not link two records. */
export function explainPair(model: Model, a: LinkInput, b: LinkInput): Explanation {
  const { scorer, prepared } = scorerFor(model, [a, b]);
  return explainPrepared(scorer, prepared, 0, 1);
}

/**
 * Scores one record against candidate records (say, those a database found through the blocking keys),
 * strongest first: for live matching at the moment of contact.
 */
export function scoreCandidates(model: Model, record: LinkInput, candidates: ReadonlyArray<LinkInput>): RankedCandidate[] {
  const { scorer, prepared } = scorerFor(model, [record, ...candidates]);
  return candidates
    .map((_, index): RankedCandidate => {
      const explanation = explainPrepared(scorer, prepared, 0, index + 1);
      return { index, weight: explanation.totalWeight, probability: explanation.probability, band: explanation.band, explanation };
    })
    .sort((x, y) => y.weight - x.weight);
}
