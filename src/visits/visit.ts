import { z } from 'zod';
import type { ContactOutcome } from '../db/schema.ts';

// The walk-in queue: a ticket per visitor, called out by an adviser at a desk, then seen (and logged as a
// face-to-face contact) or gone before being seen.

export type VisitStatus = 'waiting' | 'called' | 'seen' | 'left';

export type Visit = {
  id: number;
  location: string;
  ticket: string;
  personId: number | null;
  personReference: string | null;
  visitorName: string;
  serviceId: number | null;
  serviceName: string | null;
  appointmentId: number | null;
  status: VisitStatus;
  arrivedAt: Date;
  calledAt: Date | null;
  calledBy: number | null;
  calledByName: string | null;
  desk: string | null;
  finishedAt: Date | null;
  contactId: number | null;
  issuedBy: string;
};

/** Walk-ins draw A tickets; booked visitors who have checked in draw P tickets and are called first. */
export const walkInPrefix = 'A';
export const appointmentPrefix = 'P';
export type TicketPrefix = typeof walkInPrefix | typeof appointmentPrefix;

/** A001, A002, … A999, then A1000: read out and shown on the screen. */
export function ticketFor(prefix: TicketPrefix, number: number): string {
  return `${prefix}${String(number).padStart(3, '0')}`;
}

/** How the visit ended, as the adviser records it on the contact. */
export const visitOutcomes = ['resolved', 'case_raised', 'referred', 'callback', 'information', 'no_action'] as const satisfies readonly ContactOutcome[];
export type VisitOutcome = (typeof visitOutcomes)[number];
export const visitOutcomeLabels: Record<VisitOutcome, string> = {
  resolved: 'Resolved', case_raised: 'Case raised', referred: 'Referred to another team or organisation', callback: 'Callback arranged',
  information: 'Information given', no_action: 'No action needed',
};

export const deskSchema = z.string().trim().min(1, 'Enter the desk you are at, like Desk 2').max(40, 'A desk name is at most 40 characters');

export const finishSchema = z.object({
  outcome: z.enum(visitOutcomes, 'Select how the visit ended'),
  resolvedFirstTime: z.boolean('Select whether the visitor’s need was resolved at this visit'),
  summary: z.string().trim().max(5000, 'A summary is at most 5,000 characters').default(''),
});
/** As a form gives it: checked by finishSchema inside the service. */
export type FinishInput = { outcome: string; resolvedFirstTime: boolean | undefined; summary?: string };

export const ticketSchema = z.object({
  location: z.string().trim().min(1).max(100),
  visitorName: z.string().trim().max(200, 'A name is at most 200 characters').default(''),
  personReference: z.string().trim().max(20).default(''),
  serviceCode: z.string().trim().max(63).default(''),
});
export type TicketInput = z.input<typeof ticketSchema>;

const minute = 60_000;

/** Whole minutes a visitor waited: until called, or until now while still waiting. */
export function waitMinutes(visit: Pick<Visit, 'arrivedAt' | 'calledAt' | 'finishedAt' | 'status'>, now: Date): number {
  const end = visit.calledAt ?? (visit.status === 'left' ? visit.finishedAt : null) ?? now;
  return Math.max(0, Math.floor((end.getTime() - visit.arrivedAt.getTime()) / minute));
}

/** The target a council's customer charter usually sets for being seen at a One Stop Shop. */
export const seenWithinMinutes = 15;

export type DayFigures = {
  visitors: number;
  waiting: number;
  averageWaitMinutes: number | null;
  longestWaitMinutes: number | null;
  seenWithinTargetPercent: number | null;
  leftWithoutBeingSeen: number;
  appointments: { booked: number; kept: number; noShow: number; cancelled: number };
};

/**
 * The day's figures. Waits count those who have been called (the time they actually waited); the share seen within
 * the target is of those called. Appointments kept are those whose visitor checked in.
 */
export function dayFigures(visits: readonly Pick<Visit, 'arrivedAt' | 'calledAt' | 'finishedAt' | 'status'>[], appointmentStatuses: readonly string[]): DayFigures {
  const waits = visits.filter((visit) => visit.calledAt !== null).map((visit) => waitMinutes(visit, visit.calledAt ?? visit.arrivedAt));
  const total = waits.reduce((sum, wait) => sum + wait, 0);
  const count = (status: string) => appointmentStatuses.filter((candidate) => candidate === status).length;
  return {
    visitors: visits.length,
    waiting: visits.filter((visit) => visit.status === 'waiting').length,
    averageWaitMinutes: waits.length === 0 ? null : Math.round(total / waits.length),
    longestWaitMinutes: waits.length === 0 ? null : Math.max(...waits),
    seenWithinTargetPercent: waits.length === 0 ? null : Math.round((100 * waits.filter((wait) => wait <= seenWithinMinutes).length) / waits.length),
    leftWithoutBeingSeen: visits.filter((visit) => visit.status === 'left').length,
    appointments: {
      booked: appointmentStatuses.filter((status) => status !== 'cancelled').length,
      kept: count('arrived') + count('done'), noShow: count('no_show'), cancelled: count('cancelled'),
    },
  };
}
