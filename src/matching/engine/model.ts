import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { fieldCount, fieldSpecs, levelStride, type FieldName } from './fields.ts';
import { frequencyFields, type FrequencyField, type FrequencyTables } from './frequencies.ts';
import type { LevelProbabilities } from './em.ts';

// The learnt parameters, saved as versioned JSON so a council's model can be kept, compared and reused
// (for live matching, or to link the next extract without training again).

export const modelVersion = 2;

export type ModelLevel = { level: number; description: string; m: number; u: number; weight: number };
export type ModelField = { name: FieldName; label: string; levels: ModelLevel[] };

export type Thresholds = {
  /** Pairs at or above this total weight are linked without review. */
  upper: number;
  /** Pairs below this are not linked; between the two they go to clerical review. */
  lower: number;
  targetPrecision: number;
  targetRecall: number;
  /** The model's own estimate of the precision of automatic links. */
  estimatedPrecision: number;
  /** The model's own estimate of the share of true pairs at or above the lower threshold. */
  estimatedRecall: number;
};

export type Model = {
  version: number;
  engine: 'onestop-fellegi-sunter';
  trainedAt: string;
  recordCount: number;
  /** Candidate pairs the model was trained on. */
  pairCount: number;
  /** λ, the chance two records picked at random are the same person, and its log2 odds. */
  prior: { lambda: number; weight: number };
  fields: ModelField[];
  /** How common each value is, for term-frequency adjustments: the commonest values of each kind with their counts. */
  frequencies: FrequencyTables;
  thresholds: Thresholds;
  training: { iterations: number; converged: boolean; expectedMatches: number; uSamples: number; blockingRules: string[] };
};

/** Builds a model's fields from learnt m and u (flat, field * levelStride + level). */
export function modelFields(m: LevelProbabilities, u: LevelProbabilities): ModelField[] {
  return fieldSpecs.map((spec, f) => ({
    name: spec.name,
    label: spec.label,
    levels: spec.levels.map((description, index) => {
      const level = index + 1;
      const mValue = m[f * levelStride + level] ?? 0;
      const uValue = u[f * levelStride + level] ?? 0;
      return { level, description, m: mValue, u: uValue, weight: Math.log2(mValue / uValue) };
    }),
  }));
}

/** The weight of every field's levels, flat: weights[field * levelStride + level]; 0 for "no value". */
export function weightTable(model: Model): Float64Array {
  const weights = new Float64Array(fieldCount * levelStride);
  model.fields.forEach((modelField, f) => {
    for (const level of modelField.levels) weights[f * levelStride + level.level] = level.weight;
  });
  return weights;
}

/** The probability that a pair with this total weight (log2 odds, prior included) is one person. */
export function probabilityOf(weight: number): number {
  return 1 / (1 + Math.exp(-weight * Math.LN2));
}

const frequencyTableSchema = z.object({
  total: z.number(), distinct: z.number(), agreement: z.number(), squaredFrequency: z.number(), tailCount: z.number(),
  top: z.array(z.tuple([z.string(), z.number()])),
});

const modelSchema = z.object({
  version: z.literal(modelVersion),
  engine: z.literal('onestop-fellegi-sunter'),
  trainedAt: z.string(),
  recordCount: z.number(),
  pairCount: z.number(),
  prior: z.object({ lambda: z.number(), weight: z.number() }),
  fields: z.array(z.object({
    name: z.enum(fieldSpecs.map((spec) => spec.name) as [FieldName, ...FieldName[]]),
    label: z.string(),
    levels: z.array(z.object({ level: z.number().int(), description: z.string(), m: z.number(), u: z.number(), weight: z.number() })),
  })),
  frequencies: z.object(Object.fromEntries(frequencyFields.map((name) => [name, frequencyTableSchema])) as Record<FrequencyField, typeof frequencyTableSchema>),
  thresholds: z.object({
    upper: z.number(), lower: z.number(), targetPrecision: z.number(), targetRecall: z.number(),
    estimatedPrecision: z.number(), estimatedRecall: z.number(),
  }),
  training: z.object({
    iterations: z.number(), converged: z.boolean(), expectedMatches: z.number(), uSamples: z.number(), blockingRules: z.array(z.string()),
  }),
});

/** Checks a model read from anywhere: its version, and that its fields are the ones this engine compares. */
export function parseModel(input: unknown): Model {
  const result = modelSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`The model is not one this engine can use${issue ? ` (${issue.path.join('.')}: ${issue.message})` : ''}.`);
  }
  const model = result.data;
  const names = model.fields.map((modelField) => modelField.name).join(',');
  if (names !== fieldSpecs.map((spec) => spec.name).join(',')) throw new Error('The model compares other fields than this engine does: train it again.');
  return model;
}

export async function saveModel(model: Model, path: string): Promise<void> {
  await writeFile(path, `${JSON.stringify(model)}\n`);
}

export async function loadModel(path: string): Promise<Model> {
  return parseModel(JSON.parse(await readFile(path, 'utf8')) as unknown);
}
