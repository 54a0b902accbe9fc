// Pairwise accuracy of a clustering against the truth: every two records put in one cluster is a predicted
// pair, every two records of one person a true pair (Christen, Data Matching, 2012, ch. 7).

export type PairwiseScores = {
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
};

function choose2(count: number): number {
  return (count * (count - 1)) / 2;
}

function countBy(keys: Iterable<string | number>): Map<string | number, number> {
  const counts = new Map<string | number, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Dense integer ids for the truth labels. */
export function entityIds(truth: readonly string[]): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(truth, (label) => {
    let id = ids.get(label);
    if (id === undefined) { id = ids.size; ids.set(label, id); }
    return id;
  });
}

export function pairwiseScores(clusters: Int32Array, entities: Int32Array): PairwiseScores {
  let truePairs = 0;
  for (const size of countBy(entities).values()) truePairs += choose2(size);
  let predictedPairs = 0;
  for (const size of countBy(clusters).values()) predictedPairs += choose2(size);
  const both = countBy(Array.from(clusters, (cluster, index) => cluster * 4_194_304 + (entities[index] ?? 0)));
  let correctPairs = 0;
  for (const size of both.values()) correctPairs += choose2(size);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}

/** The share of true pairs that blocking made candidates. */
export function blockingRecall(a: Int32Array, b: Int32Array, entities: Int32Array, truePairs: number): number {
  let found = 0;
  for (let pair = 0; pair < a.length; pair++) if (entities[a[pair] ?? 0] === entities[b[pair] ?? 0]) found++;
  return truePairs === 0 ? 1 : found / truePairs;
}

/** Per kind of hard case (twins, father and son…): how many pairs of people, and how many had records put together. */
export function keptApart(clusters: Int32Array, cases: ReadonlyArray<{ kind: string; first: number[]; second: number[] }>): Record<string, { people: number; mergedAtAll: number }> {
  const result: Record<string, { people: number; mergedAtAll: number }> = {};
  for (const { kind, first, second } of cases) {
    const entry = result[kind] ?? { people: 0, mergedAtAll: 0 };
    const clustersOfFirst = new Set(first.map((index) => clusters[index]));
    entry.people++;
    if (second.some((index) => clustersOfFirst.has(clusters[index]))) entry.mergedAtAll++;
    result[kind] = entry;
  }
  return result;
}
