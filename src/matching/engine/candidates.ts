import type { Blocks } from './blocking.ts';
import { fieldCount } from './fields.ts';
import { comparePairsOfBlocks, type PairBatch } from './pairs.ts';
import { PatternCounter, type PatternCounts } from './patterns.ts';
import type { PreparedRecords } from './prepare.ts';
import { sampleRandomPairs, type RandomSample } from './u-probabilities.ts';
import type { LinkagePool } from './worker-pool.ts';

// Candidate pairs compared, their distinct patterns counted, and random pairs sampled for u: across the
// worker pool when there is one (the main thread samples while the workers compare), else in this thread.

export type Candidates = { pairs: PairBatch; patterns: PatternCounts; random: RandomSample; uSamples: number };

export const defaultUSamples = 1_000_000;
const chunksPerWorker = 8;
const samplingSeed = 20_240_611;

/** Splits the blocks into ranges of about equal work. */
export function blockRanges(blocks: Blocks, parts: number): Array<[number, number]> {
  let total = 0;
  blocks.blockCost.forEach((cost) => { total += cost; });
  const target = Math.max(1, total / parts);
  const ranges: Array<[number, number]> = [];
  let from = 0;
  let sum = 0;
  const count = blocks.blockCost.length;
  for (let block = 0; block < count; block++) {
    sum += blocks.blockCost[block] ?? 0;
    if (sum >= target || block === count - 1) {
      ranges.push([from, block + 1]);
      from = block + 1;
      sum = 0;
    }
  }
  return ranges;
}

export function concatenate(batches: readonly PairBatch[], ruleCount: number): PairBatch {
  let count = 0;
  for (const batch of batches) count += batch.count;
  const a = new Int32Array(count);
  const b = new Int32Array(count);
  const levels = new Uint8Array(count * fieldCount);
  const perRule = new Float64Array(ruleCount);
  let at = 0;
  for (const batch of batches) {
    a.set(batch.a.subarray(0, batch.count), at);
    b.set(batch.b.subarray(0, batch.count), at);
    levels.set(batch.levels.subarray(0, batch.count * fieldCount), at * fieldCount);
    batch.perRule.forEach((value, rule) => { perRule[rule] = (perRule[rule] ?? 0) + value; });
    at += batch.count;
  }
  return { count, a, b, levels, perRule };
}

export async function findCandidates(
  records: PreparedRecords, blocks: Blocks, pool: LinkagePool | null,
  options: { uSamples?: number; onProgress?: (done: number, total: number) => void },
): Promise<Candidates> {
  const uSamples = options.uSamples ?? defaultUSamples;
  const ruleCount = blocks.keys.length;
  if (pool === null) {
    const pairs = comparePairsOfBlocks(records, blocks, 0, blocks.blockCost.length);
    options.onProgress?.(1, 1);
    const counter = new PatternCounter();
    counter.addLevels(pairs.levels, pairs.count);
    return { pairs, patterns: counter.result(), random: sampleRandomPairs(records, uSamples, samplingSeed), uSamples };
  }
  const ranges = blockRanges(blocks, pool.size * chunksPerWorker);
  let done = 0;
  const results = ranges.map(([from, to]) => pool.comparePairs(from, to).then((result) => {
    options.onProgress?.(++done, ranges.length);
    return result;
  }));
  // The main thread would otherwise wait: it samples the random pairs meanwhile.
  const random = sampleRandomPairs(records, uSamples, samplingSeed);
  const finished = await Promise.all(results);
  const counter = new PatternCounter();
  for (const result of finished) counter.addAll(result.patterns);
  return { pairs: concatenate(finished.map((result) => result.batch), ruleCount), patterns: counter.result(), random, uSamples };
}
