import { ageingBucketOf, ageingBuckets, londonDay, workingDaysBetween, type AgeingBucket } from './case-workflow.ts';
import type { TeamFigures } from './case.repository.ts';

// The team leader's view of the queues: for each team, its unfinished cases by how many working days they have been
// open, and how many are at risk, breached or with no one.

export type TeamQueue = {
  team: { code: string; name: string } | null;
  open: number;
  ageing: Record<AgeingBucket, number>;
  atRisk: number;
  breached: number;
  unassigned: number;
};

export function queueOverview(figures: readonly TeamFigures[], teams: ReadonlyArray<{ id: number; code: string; name: string }>, now: Date): TeamQueue[] {
  const today = londonDay(now);
  const byTeam = new Map<number | null, TeamQueue>();
  for (const team of teams) byTeam.set(team.id, emptyQueue({ code: team.code, name: team.name }));
  for (const row of figures) {
    let queue = byTeam.get(row.teamId);
    if (!queue) {
      queue = emptyQueue(null);
      byTeam.set(row.teamId, queue);
    }
    queue.open += row.cases;
    queue.ageing[ageingBucketOf(workingDaysBetween(row.openedDay, today))] += row.cases;
    queue.atRisk += row.atRisk;
    queue.breached += row.breached;
    queue.unassigned += row.unassigned;
  }
  // Teams with work first, then by name; cases routed to no team last, where someone must pick them up.
  return [...byTeam.values()].sort((a, b) => (a.team === null ? 1 : 0) - (b.team === null ? 1 : 0) || Number(b.open > 0) - Number(a.open > 0) || (a.team?.name ?? '').localeCompare(b.team?.name ?? ''));
}

function emptyQueue(team: TeamQueue['team']): TeamQueue {
  return { team, open: 0, ageing: Object.fromEntries(ageingBuckets.map((bucket) => [bucket, 0])) as Record<AgeingBucket, number>, atRisk: 0, breached: 0, unassigned: 0 };
}
