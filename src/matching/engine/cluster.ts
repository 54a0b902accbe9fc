import type { Conflict, ConflictTest } from './constraints.ts';
import { Groups } from './groups.ts';

// Clustering: connected components over the automatic links, strongest link first, with staff decisions
// and cannot-link evidence respected.
// - Pairs staff linked are joined first; pairs staff separated are never in one cluster.
// - Two groups are not joined when any record of one cannot be the same person as any record of the other
//   (constraints.ts: a decisive disagreement on date of birth, say), nor when the scored pairs between them,
//   added up in log2 odds, favour two people. So a father and a son of one name at one address are not
//   chained together through electoral-register rows that carry no date of birth.
// - A record that fits two groups which cannot be joined (the register row of "John Smith" at an address
//   where a father and a son of that name live) belongs to neither with any confidence: it is taken out of
//   both and left on its own, for review, rather than put with whichever group its link happened to reach
//   first. It counts as fitting the other group when its best link there is within ambiguityBits of its
//   best link in its own group: the odds that it is in the wrong one are then above 1 in 2^ambiguityBits.

export type ClusterInput = {
  count: number;
  a: Int32Array;
  b: Int32Array;
  weight: Float32Array;
  /** Per pair: 2 for an automatic link. */
  band: Uint8Array;
  /** Whether two records can be one person (constraints.ts); without it only the scores count. */
  conflicts?: ConflictTest;
  /** Pairs staff linked: joined whatever the scores, unless staff also said they are different people. */
  mustLink?: ReadonlyArray<readonly [number, number]>;
};

export type ClusterOptions = {
  /** Weigh the scored pairs between two groups before joining them (default true). */
  guard?: boolean;
  /** See above; 10 bits is about the odds of the 99.9 % precision the automatic links are chosen for. */
  ambiguityBits?: number;
};

export type ClusterResult = {
  clusters: Int32Array;
  joins: number;
  /** Automatic links not followed because the groups at their ends could not be one person. */
  refused: number;
  /** Records that fitted two groups which cannot be one person, left on their own. */
  ambiguous: number;
};

type Adjacency = { offsets: Int32Array; neighbours: Int32Array; weights: Float32Array };

/** Scored pairs between records that are both involved (in an automatic link or a staff link), as adjacency lists. */
function adjacencyOf(input: ClusterInput, involved: Uint8Array): Adjacency {
  const offsets = new Int32Array(input.count + 1);
  const pairCount = input.a.length;
  for (let p = 0; p < pairCount; p++) {
    const a = input.a[p] ?? 0;
    const b = input.b[p] ?? 0;
    if (involved[a] === 1 && involved[b] === 1) {
      offsets[a + 1] = (offsets[a + 1] ?? 0) + 1;
      offsets[b + 1] = (offsets[b + 1] ?? 0) + 1;
    }
  }
  for (let i = 0; i < input.count; i++) offsets[i + 1] = (offsets[i + 1] ?? 0) + (offsets[i] ?? 0);
  const fill = offsets.slice(0, input.count);
  const neighbours = new Int32Array(offsets[input.count] ?? 0);
  const weights = new Float32Array(neighbours.length);
  for (let p = 0; p < pairCount; p++) {
    const a = input.a[p] ?? 0;
    const b = input.b[p] ?? 0;
    if (involved[a] !== 1 || involved[b] !== 1) continue;
    const weight = input.weight[p] ?? 0;
    const atA = fill[a] ?? 0;
    const atB = fill[b] ?? 0;
    neighbours[atA] = b;
    weights[atA] = weight;
    neighbours[atB] = a;
    weights[atB] = weight;
    fill[a] = atA + 1;
    fill[b] = atB + 1;
  }
  return { offsets, neighbours, weights };
}

/** Above this many record pairs between two groups, only the scored pairs and staff decisions are checked. */
const crossLimit = 4096;

class Clusterer {
  readonly groups: Groups;

  constructor(private readonly input: ClusterInput, private readonly adjacency: Adjacency, private readonly guard: boolean) {
    this.groups = new Groups(input.count);
  }

  /** True when some record of one group cannot be one person with some record of the other (conflict ≥ refuseAt). */
  conflictBetween(rootA: number, rootB: number, refuseAt: Conflict): boolean {
    const test = this.input.conflicts;
    if (!test) return false;
    const { groups } = this;
    const [small, other] = groups.sizeOf(rootA) <= groups.sizeOf(rootB) ? [rootA, rootB] : [rootB, rootA];
    const whole = groups.sizeOf(small) * groups.sizeOf(other) <= crossLimit;
    for (let x = small; x >= 0; x = groups.next[x] ?? -1) {
      if (whole) {
        for (let y = other; y >= 0; y = groups.next[y] ?? -1) if (test.between(x, y) >= refuseAt) return true;
        continue;
      }
      for (const y of test.staffPartners(x)) if (groups.find(y) === other) return true;
      const end = this.adjacency.offsets[x + 1] ?? 0;
      for (let k = this.adjacency.offsets[x] ?? 0; k < end; k++) {
        const y = this.adjacency.neighbours[k] ?? 0;
        if (groups.find(y) === other && test.between(x, y) >= refuseAt) return true;
      }
    }
    return false;
  }

  /** The summed log2 odds of the scored pairs between two groups is not in favour of one person. */
  evidenceAgainst(rootA: number, rootB: number): boolean {
    const { groups, adjacency } = this;
    const [small, other] = groups.sizeOf(rootA) <= groups.sizeOf(rootB) ? [rootA, rootB] : [rootB, rootA];
    let total = 0;
    for (let member = small; member >= 0; member = groups.next[member] ?? -1) {
      const end = adjacency.offsets[member + 1] ?? 0;
      for (let k = adjacency.offsets[member] ?? 0; k < end; k++) {
        if (groups.find(adjacency.neighbours[k] ?? 0) === other) total += adjacency.weights[k] ?? 0;
      }
    }
    return total <= 0;
  }

  /** Joins staff-linked pairs, then follows the links strongest first; returns the links refused. */
  run(links: readonly number[], skip: Uint8Array, onJoin?: (link: number, pairs: number) => void): { joins: number; refused: number[] } {
    const { groups, input } = this;
    let joins = 0;
    for (const [x, y] of input.mustLink ?? []) {
      const rootX = groups.find(x);
      const rootY = groups.find(y);
      if (rootX === rootY || this.conflictBetween(rootX, rootY, 2)) continue;
      groups.join(rootX, rootY);
      joins++;
    }
    const refused: number[] = [];
    for (const p of links) {
      const a = input.a[p] ?? 0;
      const b = input.b[p] ?? 0;
      if (skip[a] === 1 || skip[b] === 1) continue;
      const rootA = groups.find(a);
      const rootB = groups.find(b);
      if (rootA === rootB) continue;
      const grouped = groups.sizeOf(rootA) > 1 || groups.sizeOf(rootB) > 1;
      if (this.conflictBetween(rootA, rootB, 1) || (this.guard && grouped && this.evidenceAgainst(rootA, rootB))) {
        refused.push(p);
        continue;
      }
      onJoin?.(p, groups.sizeOf(rootA) * groups.sizeOf(rootB));
      groups.join(rootA, rootB);
      joins++;
    }
    return { joins, refused };
  }

  /** The strongest scored pair between record x and the group with root `root`; -Infinity for none. */
  bestLink(x: number, root: number): number {
    let best = -Infinity;
    const end = this.adjacency.offsets[x + 1] ?? 0;
    for (let k = this.adjacency.offsets[x] ?? 0; k < end; k++) {
      const weight = this.adjacency.weights[k] ?? 0;
      if (weight > best && this.groups.find(this.adjacency.neighbours[k] ?? 0) === root) best = weight;
    }
    return best;
  }

  /** Whether record x, in a group of others, fits the group at the far end of its refused link as well. */
  fitsBoth(x: number, otherRoot: number, margin: number): boolean {
    const { groups } = this;
    const ownRoot = groups.find(x);
    if (ownRoot === otherRoot || groups.sizeOf(ownRoot) < 2) return false;
    const test = this.input.conflicts;
    if (test) {
      for (let y = otherRoot; y >= 0; y = groups.next[y] ?? -1) if (test.between(x, y) !== 0) return false;
    }
    return this.bestLink(x, otherRoot) >= this.bestLink(x, ownRoot) - margin;
  }
}

const rounds = 3;

/** The links to follow (strongest first), and the records they and staff links involve. */
function linksOf(input: ClusterInput, follows: (pair: number) => boolean): { links: number[]; involved: Uint8Array } {
  const links: number[] = [];
  const involved = new Uint8Array(input.count);
  for (let p = 0; p < input.a.length; p++) {
    if (!follows(p)) continue;
    links.push(p);
    involved[input.a[p] ?? 0] = 1;
    involved[input.b[p] ?? 0] = 1;
  }
  for (const [x, y] of input.mustLink ?? []) { involved[x] = 1; involved[y] = 1; }
  links.sort((x, y) => (input.weight[y] ?? 0) - (input.weight[x] ?? 0));
  return { links, involved };
}

/**
 * The joins clustering would make following every followable link of weight `floor` or more, strongest first: for each,
 * the weight of the link that made it and the number of record pairs it put together. Clustering at any
 * threshold above `floor` makes exactly the joins down to that threshold, so this tells what a threshold
 * would deliver (thresholds.ts).
 */
export function joinsInOrder(
  input: ClusterInput, floor: number, followable: (pair: number) => boolean, options: ClusterOptions = {},
): { weight: Float64Array; pairs: Float64Array } {
  const { links, involved } = linksOf(input, (p) => (input.weight[p] ?? -Infinity) >= floor && followable(p));
  const clusterer = new Clusterer(input, adjacencyOf(input, involved), options.guard ?? true);
  const weight: number[] = [];
  const pairs: number[] = [];
  clusterer.run(links, new Uint8Array(input.count), (p, created) => { weight.push(input.weight[p] ?? 0); pairs.push(created); });
  return { weight: Float64Array.from(weight), pairs: Float64Array.from(pairs) };
}

export function clusterRecords(input: ClusterInput, options: ClusterOptions = {}): ClusterResult {
  const guard = options.guard ?? true;
  const margin = options.ambiguityBits ?? 10;
  const { links, involved } = linksOf(input, (p) => input.band[p] === 2);
  const pinned = new Uint8Array(input.count);
  for (const [x, y] of input.mustLink ?? []) { pinned[x] = 1; pinned[y] = 1; }
  const adjacency = adjacencyOf(input, involved);
  const ambiguous = new Uint8Array(input.count);
  let ambiguousCount = 0;
  for (let round = 0; ; round++) {
    const clusterer = new Clusterer(input, adjacency, guard);
    const { joins, refused } = clusterer.run(links, ambiguous);
    const found: number[] = [];
    if (input.conflicts && round < rounds) {
      for (const p of refused) {
        const a = input.a[p] ?? 0;
        const b = input.b[p] ?? 0;
        if (pinned[a] === 0 && clusterer.fitsBoth(a, clusterer.groups.find(b), margin)) found.push(a);
        if (pinned[b] === 0 && clusterer.fitsBoth(b, clusterer.groups.find(a), margin)) found.push(b);
      }
    }
    if (found.length === 0) return { clusters: clusterer.groups.labels(), joins, refused: refused.length, ambiguous: ambiguousCount };
    for (const record of found) if (ambiguous[record] === 0) { ambiguous[record] = 1; ambiguousCount++; }
  }
}
