import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { blockingRules, buildBlocks } from './blocking.ts';
import { fieldCount } from './fields.ts';
import { findCandidates } from './candidates.ts';
import { clusterRecords, joinsInOrder, type ClusterInput } from './cluster.ts';
import { createConflictTest, mustLinkPairs, type LinkConstraints } from './constraints.ts';
import { buildFrequencyTables } from './frequencies.ts';
import type { Model, Thresholds } from './model.ts';
import { prepareRecords, type LinkInput, type Prepared } from './prepare.ts';
import { bandPairs, createScorer, isReviewOnly, useModelNameCounts, weighPairs, type Scorer } from './score.ts';
import { chooseThresholds, chooseUpperForClusters } from './thresholds.ts';
import { trainModel } from './train.ts';
import { LinkagePool } from './worker-pool.ts';

// linkRecords: prepare, block, compare, train (unless given a model), score, set thresholds, cluster.

export type LinkProgress = (stage: string, done: number, total: number) => void;
export type LinkOptions = {
  model?: Model;
  workers?: number;
  onProgress?: LinkProgress;
  uSamples?: number;
  /** Staff decisions, as pairs of indexes into the records: never one person, and one person. */
  constraints?: LinkConstraints;
};

export type LinkedPairs = {
  a: Int32Array;
  b: Int32Array;
  weight: Float32Array;
  probability: Float32Array;
  /** 0 no link, 1 clerical review, 2 automatic link. */
  band: Uint8Array;
  /** Comparison vectors, fieldCount bytes per pair (fields.ts). */
  levels: Uint8Array;
};

export type LinkStats = {
  records: number;
  candidatePairs: number;
  pairsPerRule: Record<string, number>;
  automaticLinks: number;
  reviewPairs: number;
  clusters: number;
  refusedJoins: number;
  /** Records that fitted two persons who cannot be one, left on their own for review. */
  ambiguousRecords: number;
  workers: number;
  seconds: Record<string, number>;
};

export type LinkResult = { model: Model; clusters: Int32Array; pairs: LinkedPairs; stats: LinkStats };

/** Below this many records, starting worker threads costs more than it saves. */
const workerThreshold = 40_000;

function workerCount(records: number, asked: number | undefined): number {
  if (asked !== undefined) return Math.max(0, Math.floor(asked));
  return records >= workerThreshold ? Math.min(2, availableParallelism()) : 0;
}

/** Thresholds from the model's own probabilities: the lower from the pairs, the upper from the joins clustering would make. */
function thresholdsFor(weights: Float32Array, clusterInput: ClusterInput, levels: Uint8Array): Thresholds {
  const thresholds = chooseThresholds(weights);
  const followable = (pair: number) => !isReviewOnly(levels, pair * fieldCount);
  const byClusters = chooseUpperForClusters(joinsInOrder(clusterInput, 0, followable), thresholds.targetPrecision);
  if (byClusters === null) return thresholds;
  return { ...thresholds, ...byClusters, lower: Math.min(thresholds.lower, byClusters.upper) };
}

/** Links records into persons. Returns the model (learnt here unless given), a cluster per record, and the scored pairs. */
export async function linkRecords(records: ReadonlyArray<LinkInput>, options: LinkOptions = {}): Promise<LinkResult> {
  return (await runLinkage(records, options)).result;
}

/** linkRecords, also returning the prepared records and the scorer, for explanations. */
export async function runLinkage(records: ReadonlyArray<LinkInput>, options: LinkOptions = {}): Promise<{ result: LinkResult; prepared: Prepared; scorer: Scorer }> {
  const seconds: Record<string, number> = {};
  let started = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    seconds[stage] = Math.round(now - started) / 1000;
    started = now;
  };
  const workers = workerCount(records.length, options.workers);
  const pool = workers > 0 ? new LinkagePool(workers) : null;
  try {
    options.onProgress?.('prepare', 0, records.length);
    const prepared = prepareRecords(records, { shared: pool !== null });
    if (options.model) useModelNameCounts(options.model, prepared.records, prepared.text);
    const tables = buildFrequencyTables(prepared.records, prepared.text);
    lap('prepare');
    options.onProgress?.('block', 0, records.length);
    const blocks = buildBlocks(prepared.records, prepared.text.names.texts, { shared: pool !== null });
    await pool?.setup(prepared.records, blocks);
    lap('block');
    const candidates = await findCandidates(prepared.records, blocks, pool, {
      uSamples: options.uSamples, onProgress: (done, total) => options.onProgress?.('compare', done, total),
    });
    lap('compare');
    options.onProgress?.('train', 0, 1);
    const pairs = candidates.pairs;
    const model = options.model ?? trainModel({
      recordCount: records.length, patterns: candidates.patterns, random: candidates.random,
      uSamples: candidates.uSamples, tables,
    });
    lap('train');
    options.onProgress?.('score', 0, pairs.count);
    const scorer = createScorer(model, prepared.records, prepared.text);
    const weights = weighPairs(scorer, pairs.a, pairs.b, pairs.levels, pairs.count);
    const clusterInput: ClusterInput = {
      count: records.length, a: pairs.a, b: pairs.b, weight: weights, band: new Uint8Array(0),
      conflicts: createConflictTest(prepared.records, scorer.weights, options.constraints),
      mustLink: mustLinkPairs(options.constraints, records.length),
    };
    if (!options.model) model.thresholds = thresholdsFor(weights, clusterInput, pairs.levels);
    const scored = bandPairs(weights, model, pairs.levels);
    lap('score');
    options.onProgress?.('cluster', 0, 1);
    const clustered = clusterRecords({ ...clusterInput, band: scored.band });
    // An automatic link the clustering did not follow is for staff to look at.
    for (let pair = 0; pair < scored.band.length; pair++) {
      if (scored.band[pair] === 2 && clustered.clusters[pairs.a[pair] ?? 0] !== clustered.clusters[pairs.b[pair] ?? 0]) scored.band[pair] = 1;
    }
    lap('cluster');
    let automaticLinks = 0;
    let reviewPairs = 0;
    scored.band.forEach((band) => { if (band === 2) automaticLinks++; else if (band === 1) reviewPairs++; });
    let clusterCount = 0;
    clustered.clusters.forEach((cluster) => { clusterCount = Math.max(clusterCount, cluster + 1); });
    const pairsPerRule: Record<string, number> = {};
    blockingRules.forEach((rule, index) => { pairsPerRule[rule.name] = pairs.perRule[index] ?? 0; });
    const stats: LinkStats = {
      records: records.length, candidatePairs: pairs.count, pairsPerRule, automaticLinks, reviewPairs, clusters: clusterCount,
      refusedJoins: clustered.refused, ambiguousRecords: clustered.ambiguous, workers, seconds,
    };
    const result: LinkResult = { model, clusters: clustered.clusters, pairs: { a: pairs.a, b: pairs.b, ...scored, levels: pairs.levels }, stats };
    return { result, prepared, scorer };
  } finally {
    await pool?.close();
  }
}
