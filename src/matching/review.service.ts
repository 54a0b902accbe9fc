import { authorize } from '../access/policy.ts';
import { auditActorOf, type AuditRecorder } from '../audit/audit.ts';
import { actorLabel, type AnyActor } from '../access/staff.ts';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { Conflict, NotFound } from '../errors.ts';
import type { MergeService } from '../people/merge.service.ts';
import type { ReviewSuggestion } from './linker.ts';
import * as repository from './review.repository.ts';

export type ReviewService = ReturnType<typeof createReviewService>;

export type ReviewView = repository.ReviewItem & { record: repository.ReviewRecord; candidate: repository.ReviewRecord | undefined };

// The clerical review queue: pairs scored between the two thresholds, for staff to decide. A decision is kept and
// respected: "not the same person" is never undone by a later automatic run.
export function createReviewService({ db, merges, clock, audit }: { db: Db; merges: MergeService; clock: Clock; audit: AuditRecorder }) {
  const decided = (tx: Tx, by: AnyActor, item: repository.ReviewItem, decision: string, reason: string | null) => audit.record(tx, {
    ...auditActorOf(by), action: 'review.decide', personId: item.candidatePersonId, subject: `review:${item.id}`, reason,
    details: { reviewId: item.id, decision, sourceRecordId: item.sourceRecordId },
  });

  async function withRecords(items: readonly repository.ReviewItem[]): Promise<ReviewView[]> {
    const records = await repository.recordsById(db, items.flatMap((item) => [item.sourceRecordId, ...(item.candidateRecordId ? [item.candidateRecordId] : [])]));
    return items.flatMap((item) => {
      const record = records.get(item.sourceRecordId);
      return record ? [{ ...item, record, candidate: item.candidateRecordId ? records.get(item.candidateRecordId) : undefined }] : [];
    });
  }

  async function getReview(id: number): Promise<ReviewView> {
    const item = await repository.findReview(db, id);
    const [view] = item ? await withRecords([item]) : [];
    if (!view) throw new NotFound(`There is no review ${id}.`);
    return view;
  }

  async function openItem(tx: Tx, id: number): Promise<repository.ReviewItem> {
    const item = await repository.findReview(tx, id);
    if (!item) throw new NotFound(`There is no review ${id}.`);
    if (item.status !== 'open' && item.status !== 'skipped') throw new Conflict('This pair has already been decided.');
    return item;
  }

  /** The two are one person: the record joins the candidate, and its other suggestions are settled. */
  async function link(by: AnyActor, id: number): Promise<void> {
    authorize(by, 'review.decide');
    const actor = actorLabel(by);
    const item = await withTransaction(db, (tx) => openItem(tx, id));
    await merges.moveRecords(by, [item.sourceRecordId], item.candidatePersonId, `Review ${id}: the same person`);
    await withTransaction(db, async (tx) => {
      await repository.decideReview(tx, id, 'linked', actor, clock.now());
      await decided(tx, by, item, 'linked', null);
      await repository.resolveOthers(tx, item.sourceRecordId, id, actor, clock.now());
    });
  }

  /** They are different people, for good: recorded against every record the candidate holds. */
  async function notSame(by: AnyActor, id: number, reason: string | null = null): Promise<void> {
    authorize(by, 'review.decide');
    await withTransaction(db, async (tx) => {
      const item = await openItem(tx, id);
      await merges.recordDifferent(tx, by, [item.sourceRecordId], item.candidatePersonId, reason ?? `Review ${id}: not the same person`);
      await repository.decideReview(tx, id, 'not_same', actorLabel(by), clock.now());
      await decided(tx, by, item, 'not_same', reason);
    });
  }

  async function skip(by: AnyActor, id: number): Promise<void> {
    authorize(by, 'review.decide');
    await withTransaction(db, async (tx) => {
      const item = await openItem(tx, id);
      await repository.decideReview(tx, id, 'skipped', actorLabel(by), clock.now());
      await decided(tx, by, item, 'skipped', null);
    });
  }

  return {
    recordSuggestions: (tx: Tx, suggestions: ReadonlyArray<ReviewSuggestion & { recordId: number }>) => repository.insertSuggestions(tx, suggestions, clock.now()),
    queue: async (status: 'open' | 'skipped', limit = 50, offset = 0) => withRecords(await repository.listReviews(db, [status], limit, offset)),
    counts: () => repository.countReviews(db),
    forPerson: async (personId: number) => withRecords(await repository.reviewsForPerson(db, personId)),
    getReview,
    link,
    notSame,
    skip,
  };
}
