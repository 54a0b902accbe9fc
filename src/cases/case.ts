import type { CaseStatus } from '../db/schema.ts';
import { referenceCodec } from '../people/reference.ts';

// A case: one service request for one need, raised from a contact, the API or by staff, with the SLA's due time.

export const caseStatuses = ['open', 'in_progress', 'waiting', 'resolved', 'closed', 'cancelled'] as const satisfies readonly CaseStatus[];
/** Once in one of these a case is finished: it leaves the queues and its SLA clock stops. */
export const finishedStatuses: readonly CaseStatus[] = ['resolved', 'closed', 'cancelled'];

export const caseStatusLabels: Record<CaseStatus, string> = {
  open: 'Open', in_progress: 'In progress', waiting: 'Waiting for the resident', resolved: 'Resolved', closed: 'Closed', cancelled: 'Cancelled',
};

// Case references are read out to residents like person references, with their own scrambling and an "SR" in front
// so that neither is mistaken for the other: "SR-4KD7-9QX2".
const codec = referenceCodec(0x2545f491n, 0x13579bdfn, 'case');

export function caseReferenceFor(id: number): string {
  return `SR-${codec.format(id)}`;
}

/** Reads a case reference as someone might type it, with or without the SR and the hyphens. */
export function parseCaseReference(input: string): { reference: string; id: number } | undefined {
  const parsed = codec.parse(input.trim().replace(/^sr[\s-]*/i, ''));
  return parsed ? { reference: `SR-${parsed.reference}`, id: parsed.id } : undefined;
}

/** What is asked to raise one case. */
export type CaseRequest = {
  /** The service's code or LGSL number. */
  service: string;
  /** The form's answers as submitted (field names as in the service's form definition). */
  answers: Record<string, unknown>;
  personId?: number | null;
  contactId?: number | null;
};

export type OpenedCase = {
  id: number;
  reference: string;
  serviceCode: string;
  serviceName: string;
  teamCode: string | null;
  routingReason: string;
  openedAt: Date;
  dueAt: Date;
};
