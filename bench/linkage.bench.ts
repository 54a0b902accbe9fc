import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clusterRecords } from '../src/matching/engine/cluster.ts';
import { linkRecords } from '../src/matching/engine/link.ts';
import { loadCouncilDataset, loadPublicDataset, publicDatasetNames, type Dataset } from './linkage-datasets.ts';
import { blockingRecall, entityIds, keptApart, pairwiseScores } from './linkage-metrics.ts';
import { runScaleBenchmark } from './linkage-scale.ts';
import { round } from './bench-support.ts';

// npm run bench:linkage [dataset…]: links every dataset with the default configuration (the same code path,
// learnt from the data in hand, no tuning per dataset) and prints pairwise precision, recall and F1 at the
// engine's own automatic-link threshold, blocking recall and records per second, as JSON.
// Datasets: the public ones in ../shared/data/linkage, council (a synthetic council of 20,000 residents,
// seed 7), council_heldout (seed 8) and scale (1,000,000 records end to end through linkFile).

const councilResidents = Number(process.env.BENCH_COUNCIL_RESIDENTS ?? 20_000);
const log = (message: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

async function loadDataset(name: string): Promise<Dataset> {
  if (name === 'council') return loadCouncilDataset(councilResidents, 7, path.join(os.tmpdir(), `onestop-linkage-council-${councilResidents}-7`));
  if (name === 'council_heldout') return loadCouncilDataset(councilResidents, 8, path.join(os.tmpdir(), `onestop-linkage-council-${councilResidents}-8`));
  return loadPublicDataset(name);
}

async function benchmark(name: string): Promise<Record<string, unknown>> {
  const dataset = await loadDataset(name);
  log(`${name}: ${dataset.records.length} records`);
  const started = performance.now();
  const result = await linkRecords(dataset.records);
  const seconds = (performance.now() - started) / 1000;
  const entities = entityIds(dataset.truth);
  const scores = pairwiseScores(result.clusters, entities);
  const { model, stats, pairs } = result;
  // For comparison only: the same clustering with every pair more likely one person than two linked (p >= 0.5).
  const evenOdds = clusterRecords({ count: dataset.records.length, a: pairs.a, b: pairs.b, weight: pairs.weight, band: Uint8Array.from(pairs.weight, (weight) => (weight >= 0 ? 2 : 0)) });
  const atEvenOdds = pairwiseScores(evenOdds.clusters, entities);
  return {
    dataset: name,
    records: dataset.records.length,
    precision: round(scores.precision, 4),
    recall: round(scores.recall, 4),
    f1: round(scores.f1, 4),
    blockingRecall: round(blockingRecall(result.pairs.a, result.pairs.b, entities, scores.truePairs), 4),
    atEvenOdds: { precision: round(atEvenOdds.precision, 4), recall: round(atEvenOdds.recall, 4), f1: round(atEvenOdds.f1, 4) },
    recordsPerSecond: Math.round(dataset.records.length / seconds),
    seconds: round(seconds, 2),
    truePairs: scores.truePairs,
    predictedPairs: scores.predictedPairs,
    candidatePairs: stats.candidatePairs,
    automaticLinks: stats.automaticLinks,
    reviewPairs: stats.reviewPairs,
    refusedJoins: stats.refusedJoins,
    thresholds: { upper: round(model.thresholds.upper), lower: round(model.thresholds.lower), estimatedPrecision: round(model.thresholds.estimatedPrecision, 5) },
    prior: round(model.prior.weight),
    emIterations: model.training.iterations,
    unreadableValues: dataset.unreadable,
    excludedRows: dataset.excluded,
    ...(dataset.hardCases.length > 0 ? { hardCasesMerged: keptApart(result.clusters, dataset.hardCases) } : {}),
    stageSeconds: stats.seconds,
  };
}

const asked = process.argv.slice(2);
const names = asked.length > 0 ? asked : [...publicDatasetNames, 'council', 'council_heldout', 'scale'];
const results: Array<Record<string, unknown>> = [];
for (const name of names) {
  results.push(name === 'scale' ? await runScaleBenchmark(log) : await benchmark(name));
  log(JSON.stringify(results[results.length - 1]));
}
process.stdout.write(`${JSON.stringify({ machine: { cpus: os.availableParallelism(), node: process.version }, results }, null, 2)}\n`);
