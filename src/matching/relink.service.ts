import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { applyScope, withScope } from '../access/scope.ts';
import { actorLabel, type AnyActor, type SystemActor } from '../access/staff.ts';
import { authorize } from '../access/policy.ts';
import { auditActorOf, type AuditRecorder } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { planClusters, type Target } from '../people/change.ts';
import type { ChangeService } from '../people/change.service.ts';
import { explainPair } from './engine/explain.ts';
import { linkRecords, type LinkResult } from './engine/link.ts';
import { enqueue, latestJob, setProgress } from '../jobs/job.repository.ts';
import { saveCurrentModel } from './model.repository.ts';
import * as repository from './relink.repository.ts';

export type RelinkService = ReturnType<typeof createRelinkService>;
export type RelinkProgress = (stage: string, done: number, total: number) => void;

export type RelinkSummary = {
  records: number;
  clusters: number;
  movedRecords: number;
  changes: number;
  reviewsQueued: number;
  modelVersion: number;
  seconds: Record<string, number>;
};

const pageSize = 50_000;
const systemActor: SystemActor = { kind: 'system', name: 'relink', door: 'job' };
/** Records moved per change (and transaction): whole clusters, so a new person's records arrive together. */
const chunkSize = 2_000;

// Re-links the whole council with the probabilistic engine: learns a model from the council's own records, clusters
// them, moves records between persons with stable references, and queues the unsure pairs for staff to review.
export function createRelinkService({ db, changes, clock, audit }: { db: Db; changes: ChangeService; clock: Clock; audit: AuditRecorder }) {
  async function relink(by: AnyActor, onProgress: RelinkProgress = () => undefined): Promise<RelinkSummary> {
    authorize(by, 'relink.run');
    const actor = actorLabel(by);
    const seconds: Record<string, number> = {};
    let started = performance.now();
    const lap = (stage: string) => { seconds[stage] = Math.round(performance.now() - started) / 1000; started = performance.now(); };
    const held: repository.HeldRecord[] = [];
    for (let after = 0; ;) {
      const page = await withScope(db, systemActor, (tx) => repository.loadRecordsPage(tx, after, pageSize));
      held.push(...page);
      onProgress('load', held.length, held.length);
      if (page.length < pageSize) break;
      after = page[page.length - 1]?.id ?? after;
    }
    lap('load');
    const indexOf = new Map(held.map((record, index) => [record.id, index]));
    const decisions = await repository.loadDecisions(db);
    // What staff decided (separating records, or answering a review) binds the clustering: kept apart, or together.
    const constraints = {
      cannotLink: decisions.filter((d) => d.decision === 'different').flatMap((d) => pairOf(indexOf, d.a, d.b)),
      mustLink: decisions.filter((d) => d.decision === 'same').flatMap((d) => pairOf(indexOf, d.a, d.b)),
    };
    const result = await linkRecords(held.map((record) => record.input), { onProgress, constraints });
    lap('link');
    const modelVersion = await saveCurrentModel(db, result.model);
    const { movedRecords, changeCount } = await applyClusters(actor, held, result, modelVersion, onProgress);
    lap('apply');
    const reviewsQueued = await queueReviewPairs(held, result, modelVersion, new Set(decisions.filter((d) => d.decision === 'different').map((d) => `${d.a}:${d.b}`)));
    lap('review');
    const summary = { records: held.length, clusters: new Set(result.clusters).size, movedRecords, changes: changeCount, reviewsQueued, modelVersion, seconds };
    // Each move is a change with its own history (person_change); the trail keeps the run and its counts.
    await audit.record(db, { ...auditActorOf(by), action: 'person.relink', subject: `model:${modelVersion}`, details: { records: summary.records, movedRecords, changes: changeCount, reviewsQueued, modelVersion } });
    onProgress('done', 1, 1);
    return summary;
  }

  async function applyClusters(actor: string, held: readonly repository.HeldRecord[], result: LinkResult, modelVersion: number, onProgress: RelinkProgress) {
    const members = new Map<number, number[]>();
    result.clusters.forEach((cluster, index) => {
      const list = members.get(cluster);
      if (list) list.push(index);
      else members.set(cluster, [index]);
    });
    const clusters = [...members.values()].map((indexes) => indexes.map((index) => held[index]?.id ?? 0));
    const targets = planClusters(new Map(held.map((record) => [record.id, record.personId])), clusters);
    const current = new Map(held.map((record) => [record.id, record.personId]));
    const moving = clusters.filter((records) => records.some((id) => { const target = targets.get(id); return target?.kind === 'new' || target?.personId !== current.get(id); }));
    const best = bestLinks(held, result);
    let movedRecords = 0;
    let changeCount = 0;
    for (let start = 0; start < moving.length;) {
      const chunk = new Map<number, Target>();
      while (start < moving.length && chunk.size < chunkSize) {
        for (const id of moving[start] ?? []) {
          const target = targets.get(id);
          if (target) chunk.set(id, target);
        }
        start++;
      }
      const change = await withTransaction(db, async (tx) => {
        await applyScope(tx, { kind: 'all' });
        await sql`select pg_advisory_xact_lock(hashtext('onestop.link'))`.execute(tx);
        return changes.applyMoves(tx, {
          kind: 'relink', actor, reason: `Relinked with model version ${modelVersion}`, targets: chunk,
          attributes: (id) => ({ method: 'probabilistic', score: best.get(id)?.probability ?? null, evidence: { modelVersion, ...(best.get(id) ?? {}) } }),
        });
      });
      if (change) { movedRecords += change.moves.length; changeCount++; }
      onProgress('apply', start, moving.length);
    }
    return { movedRecords, changeCount };
  }

  async function queueReviewPairs(held: readonly repository.HeldRecord[], result: LinkResult, modelVersion: number, different: ReadonlySet<string>): Promise<number> {
    const { pairs, clusters, model } = result;
    const wanted: Array<{ a: number; b: number; weight: number; probability: number }> = [];
    for (let index = 0; index < pairs.a.length; index++) {
      const a = pairs.a[index] ?? 0;
      const b = pairs.b[index] ?? 0;
      if (pairs.band[index] !== 1 || clusters[a] === clusters[b]) continue;
      const [idA, idB] = [held[a]?.id ?? 0, held[b]?.id ?? 0];
      if (different.has(idA < idB ? `${idA}:${idB}` : `${idB}:${idA}`)) continue;
      wanted.push({ a, b, weight: pairs.weight[index] ?? 0, probability: pairs.probability[index] ?? 0 });
    }
    const persons = await repository.currentPersonOf(db, wanted.map((pair) => held[pair.a]?.id ?? 0));
    const reviews = wanted.flatMap((pair) => {
      const candidate = held[pair.a];
      const record = held[pair.b];
      const candidatePersonId = candidate ? persons.get(candidate.id) : undefined;
      if (!candidate || !record || candidatePersonId === undefined) return [];
      return [{
        sourceRecordId: record.id, candidatePersonId, candidateRecordId: candidate.id, weight: pair.weight, probability: pair.probability,
        evidence: explainPair(model, candidate.input, record.input), modelVersion,
      }];
    });
    return withTransaction(db, (tx) => repository.queueReviews(tx, reviews, clock.now()));
  }

  /** Queues a relink for the job worker, unless one is already waiting or running. */
  async function queueRelink(by: AnyActor): Promise<number> {
    authorize(by, 'relink.run');
    const actor = actorLabel(by);
    return withTransaction(db, async (tx) => {
      await sql`select pg_advisory_xact_lock(hashtext('onestop.relink.queue'))`.execute(tx);
      const pending = await tx.selectFrom('job').select('id').where('kind', '=', relinkJobKind).where('status', 'in', ['queued', 'running']).executeTakeFirst();
      return pending?.id ?? enqueue(tx, relinkJobKind, { actor }, clock.now());
    });
  }

  /** The job's half: runs the relink and keeps its progress where the pages can show it. */
  async function runRelinkJob(jobId: number, payload: Record<string, unknown>): Promise<RelinkSummary> {
    const actor: SystemActor = { kind: 'system', name: typeof payload.actor === 'string' ? `relink-for-${payload.actor.replace(/[^\w.@-]/g, '-')}` : 'relink', door: 'job' };
    let last = 0;
    // Progress writes go one after another, and the summary waits for them: a late write of "done" without the
    // summary once landed after it and the page lost the figures.
    let written: Promise<void> = Promise.resolve();
    const summary = await relink(actor, (stage, done, total) => {
      const now = Date.now();
      if (now - last < 1000 && done < total) return;
      last = now;
      written = written.then(() => setProgress(db, jobId, { stage, done, total })).catch(() => undefined);
    });
    await written;
    await setProgress(db, jobId, { stage: 'done', done: 1, total: 1, summary });
    return summary;
  }

  return { relink, queueRelink, runRelinkJob, latest: () => latestJob(db, relinkJobKind) };
}

export const relinkJobKind = 'relink.run';

function pairOf(indexOf: ReadonlyMap<number, number>, a: number, b: number): Array<[number, number]> {
  const left = indexOf.get(a);
  const right = indexOf.get(b);
  return left === undefined || right === undefined ? [] : [[left, right]];
}

/** For each record, the strongest automatic link to another record of its cluster: the evidence its link keeps. */
function bestLinks(held: readonly repository.HeldRecord[], result: LinkResult): Map<number, { withSourceRecordId: number; weight: number; probability: number }> {
  const best = new Map<number, { withSourceRecordId: number; weight: number; probability: number }>();
  const { pairs, clusters } = result;
  for (let index = 0; index < pairs.a.length; index++) {
    const a = pairs.a[index] ?? 0;
    const b = pairs.b[index] ?? 0;
    if (clusters[a] !== clusters[b]) continue;
    const weight = pairs.weight[index] ?? 0;
    const probability = pairs.probability[index] ?? 0;
    for (const [self, other] of [[a, b], [b, a]] as const) {
      const id = held[self]?.id ?? 0;
      if ((best.get(id)?.weight ?? -Infinity) < weight) best.set(id, { withSourceRecordId: held[other]?.id ?? 0, weight, probability });
    }
  }
  return best;
}
