// Changes to who is who: moving source records between persons, and the rules that keep references stable.

export type ChangeKind = 'link' | 'merge' | 'split' | 'move' | 'relink' | 'undo';

/** One record moving: which link it left and which it joined, so the move can be undone exactly. */
export type RecordMove = {
  sourceRecordId: number;
  fromPersonId: number | null;
  fromLinkId: number | null;
  toPersonId: number;
  toLinkId: number;
};

export type PersonState = { status: 'active' | 'merged' | 'empty'; redirectTo: number | null };
export type PersonStateChange = { personId: number; before: PersonState | null; after: PersonState };

export type PersonChange = {
  id: number;
  kind: ChangeKind;
  actor: string;
  reason: string | null;
  at: Date;
  undoes: number | null;
  undoneBy: number | null;
  moves: RecordMove[];
  persons: PersonStateChange[];
};

/** Where each record should go: an existing person, or a new person shared by records with the same label. */
export type Target = { kind: 'person'; personId: number } | { kind: 'new'; label: number };

/**
 * Assigns persons to the clusters of a relink so that references stay stable: each existing person stays with
 * the cluster holding most of its records (ties to the older person), and a cluster no person stays with gets a
 * new person. Records already with their assigned person do not move.
 */
export function planClusters(
  current: ReadonlyMap<number, number | null>,
  clusters: ReadonlyArray<readonly number[]>,
): Map<number, Target> {
  const claims: Array<{ cluster: number; personId: number; count: number }> = [];
  clusters.forEach((records, cluster) => {
    const counts = new Map<number, number>();
    for (const record of records) {
      const person = current.get(record);
      if (person !== null && person !== undefined) counts.set(person, (counts.get(person) ?? 0) + 1);
    }
    for (const [personId, count] of counts) claims.push({ cluster, personId, count });
  });
  // Biggest holdings first; a person and a cluster are each taken once.
  claims.sort((a, b) => b.count - a.count || a.personId - b.personId || a.cluster - b.cluster);
  const personOfCluster = new Map<number, number>();
  const taken = new Set<number>();
  for (const claim of claims) {
    if (personOfCluster.has(claim.cluster) || taken.has(claim.personId)) continue;
    personOfCluster.set(claim.cluster, claim.personId);
    taken.add(claim.personId);
  }
  const targets = new Map<number, Target>();
  clusters.forEach((records, cluster) => {
    const personId = personOfCluster.get(cluster);
    const target: Target = personId === undefined ? { kind: 'new', label: cluster } : { kind: 'person', personId };
    for (const record of records) targets.set(record, target);
  });
  return targets;
}

/**
 * After records move, a person left with none was either merged into one other person (all its records went there:
 * it redirects) or emptied by a split.
 */
export function stateAfterMoves(personId: number, remaining: number, destinations: ReadonlyMap<number, number>): PersonState {
  if (remaining > 0) return { status: 'active', redirectTo: null };
  if (destinations.size === 0) return { status: 'empty', redirectTo: null };
  // Where most of its records went (ties to the older person) is where its reference now leads.
  const [best] = [...destinations.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return best && best[0] !== personId ? { status: 'merged', redirectTo: best[0] } : { status: 'empty', redirectTo: null };
}
