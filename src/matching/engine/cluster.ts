// Clustering: connected components over the automatic links, strongest link first, guarded so that one
// link cannot chain two groups of records together when the other pairs between them say otherwise
// (a father and son of one name at one address, each with several records, joined through records that
// lack a date of birth). Before two groups of which one has more than one record are joined, every scored
// pair between them is weighed: they are joined only when the pairs' evidence, added up in log2 odds,
// favours one person.

export type ClusterInput = {
  count: number;
  a: Int32Array;
  b: Int32Array;
  weight: Float32Array;
  /** Per pair: 2 for an automatic link. */
  band: Uint8Array;
};

export type ClusterResult = { clusters: Int32Array; joins: number; refused: number };

type Adjacency = { offsets: Int32Array; neighbours: Int32Array; weights: Float32Array };

/** Pairs between records that both have an automatic link, as adjacency lists. */
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

class Groups {
  readonly parent: Int32Array;
  readonly size: Int32Array;
  /** Members as linked lists: next member, and each root's last member. */
  readonly next: Int32Array;
  readonly last: Int32Array;

  constructor(count: number) {
    this.parent = Int32Array.from({ length: count }, (_, i) => i);
    this.size = new Int32Array(count).fill(1);
    this.next = new Int32Array(count).fill(-1);
    this.last = Int32Array.from({ length: count }, (_, i) => i);
  }

  find(node: number): number {
    let root = node;
    while (this.parent[root] !== root) root = this.parent[root] ?? root;
    let walk = node;
    while (walk !== root) {
      const up = this.parent[walk] ?? root;
      this.parent[walk] = root;
      walk = up;
    }
    return root;
  }

  join(rootA: number, rootB: number): void {
    const [big, small] = (this.size[rootA] ?? 0) >= (this.size[rootB] ?? 0) ? [rootA, rootB] : [rootB, rootA];
    this.parent[small] = big;
    this.size[big] = (this.size[big] ?? 0) + (this.size[small] ?? 0);
    this.next[this.last[big] ?? big] = small;
    this.last[big] = this.last[small] ?? small;
  }
}

type Evidence = { total: number; weakest: number };

/** The summed log2 odds of every scored pair between two groups, and the weakest pair. */
function crossEvidence(groups: Groups, adjacency: Adjacency, rootA: number, rootB: number): Evidence {
  const [small, other] = (groups.size[rootA] ?? 0) <= (groups.size[rootB] ?? 0) ? [rootA, rootB] : [rootB, rootA];
  const evidence: Evidence = { total: 0, weakest: Infinity };
  for (let member = small; member >= 0; member = groups.next[member] ?? -1) {
    const end = adjacency.offsets[member + 1] ?? 0;
    for (let k = adjacency.offsets[member] ?? 0; k < end; k++) {
      if (groups.find(adjacency.neighbours[k] ?? 0) !== other) continue;
      const weight = adjacency.weights[k] ?? 0;
      evidence.total += weight;
      if (weight < evidence.weakest) evidence.weakest = weight;
    }
  }
  return evidence;
}

function refuses(evidence: Evidence): boolean {
  return evidence.total <= 0;
}

export function clusterRecords(input: ClusterInput, options: { guard?: boolean } = {}): ClusterResult {
  const guard = options.guard ?? true;
  const links: number[] = [];
  const involved = new Uint8Array(input.count);
  input.band.forEach((band, p) => {
    if (band !== 2) return;
    links.push(p);
    involved[input.a[p] ?? 0] = 1;
    involved[input.b[p] ?? 0] = 1;
  });
  links.sort((x, y) => (input.weight[y] ?? 0) - (input.weight[x] ?? 0));
  const adjacency = guard ? adjacencyOf(input, involved) : null;
  const groups = new Groups(input.count);
  let joins = 0;
  let refused = 0;
  for (const p of links) {
    const rootA = groups.find(input.a[p] ?? 0);
    const rootB = groups.find(input.b[p] ?? 0);
    if (rootA === rootB) continue;
    const grouped = (groups.size[rootA] ?? 0) > 1 || (groups.size[rootB] ?? 0) > 1;
    if (adjacency && grouped && refuses(crossEvidence(groups, adjacency, rootA, rootB))) { refused++; continue; }
    groups.join(rootA, rootB);
    joins++;
  }
  return { clusters: labelClusters(groups, input.count), joins, refused };
}

/** Numbers clusters 0, 1, 2… in order of their first record, so the same input gives the same labels. */
function labelClusters(groups: Groups, count: number): Int32Array {
  const label = new Int32Array(count).fill(-1);
  const clusters = new Int32Array(count);
  let next = 0;
  for (let i = 0; i < count; i++) {
    const root = groups.find(i);
    if (label[root] === -1) label[root] = next++;
    clusters[i] = label[root] ?? 0;
  }
  return clusters;
}
