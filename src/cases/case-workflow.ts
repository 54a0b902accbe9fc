import { z } from 'zod';
import { addDays, isWorkingDay, type CivilDate } from '../catalogue/bank-holidays.ts';
import { londonWallTime } from '../catalogue/sla.ts';
import type { CaseStatus } from '../db/schema.ts';
import { caseStatuses, finishedStatuses } from './case.ts';

// The pure rules of working a case: which status may follow which, what must be said when, when a case is at risk
// of missing its SLA, and how long it has been open in working days.

/** Where a case may go from each status. Closed is final; a resolved case is closed or reopened (to in progress). */
export const transitions: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['in_progress', 'waiting', 'resolved', 'cancelled'],
  in_progress: ['waiting', 'resolved', 'cancelled'],
  waiting: ['in_progress', 'resolved', 'cancelled'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  cancelled: [],
};

export function canMove(from: CaseStatus, to: CaseStatus): boolean {
  return transitions[from].includes(to);
}

/** Resolving or cancelling a case says why: the resident is told, and the back office keeps it. */
export function needsReason(to: CaseStatus): boolean {
  return to === 'resolved' || to === 'cancelled';
}

export function isFinished(status: CaseStatus): boolean {
  return finishedStatuses.includes(status);
}

/** The share of a case's SLA after which it is at risk, and the escalation alert goes out. */
export const escalateAtShare = 0.8;

/**
 * When a case becomes at risk: 80% of the time between opening and due, as elapsed time. (The SLA counts working
 * time, so over a weekend this comes a little early; the SQL job uses the same sum, so page and alert agree.)
 */
export function escalatesAt(openedAt: Date, dueAt: Date): Date {
  return new Date(openedAt.getTime() + (dueAt.getTime() - openedAt.getTime()) * escalateAtShare);
}

export type Urgency = 'overdue' | 'at_risk' | 'on_time' | 'finished';

export function urgencyOf(item: { status: CaseStatus; openedAt: Date; dueAt: Date }, now: Date): Urgency {
  if (isFinished(item.status)) return 'finished';
  if (item.dueAt.getTime() <= now.getTime()) return 'overdue';
  if (escalatesAt(item.openedAt, item.dueAt).getTime() <= now.getTime()) return 'at_risk';
  return 'on_time';
}

/** Whole working days from the London day a case was opened to today (the day it was opened counts as 0). */
export function workingDaysBetween(from: CivilDate, to: CivilDate): number {
  let days = 0;
  for (let cursor = from; cursor < to;) {
    cursor = addDays(cursor, 1);
    if (isWorkingDay(cursor)) days += 1;
  }
  return days;
}

export const ageingBuckets = ['0-1', '2-5', '6-10', 'over-10'] as const;
export type AgeingBucket = (typeof ageingBuckets)[number];
export const ageingLabels: Record<AgeingBucket, string> = { '0-1': '0 to 1 working days', '2-5': '2 to 5 working days', '6-10': '6 to 10 working days', 'over-10': 'More than 10 working days' };

export function ageingBucketOf(workingDays: number): AgeingBucket {
  if (workingDays <= 1) return '0-1';
  if (workingDays <= 5) return '2-5';
  if (workingDays <= 10) return '6-10';
  return 'over-10';
}

export function londonDay(instant: Date): CivilDate {
  return londonWallTime(instant).day;
}

// What the doors send, parsed once here.
export const statusChangeSchema = z.object({
  status: z.enum(caseStatuses, { error: 'Choose a new status' }),
  reason: z.string().trim().max(5000, 'The reason must be 5,000 characters or fewer').default(''),
  /** The case's updated_at as the person saw it: a change made meanwhile by someone else is a conflict. */
  expectedUpdatedAt: z.string().max(40).optional(),
});
export type StatusChange = z.input<typeof statusChangeSchema>;

export const noteSchema = z.object({
  text: z.string().trim().min(1, 'Enter a note').max(5000, 'The note must be 5,000 characters or fewer'),
});

export const caseFilterSchema = z.object({
  team: z.string().trim().max(63).optional(),
  assignee: z.union([z.number().int().positive(), z.literal('none')]).optional(),
  status: z.enum([...caseStatuses, 'active']).optional(),
  due: z.enum(['overdue', 'soon']).optional(),
  personId: z.number().int().positive().optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
});
export type CaseFilter = z.input<typeof caseFilterSchema>;
