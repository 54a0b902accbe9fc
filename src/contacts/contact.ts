import { z } from 'zod';
import type { AvoidableReason, ContactChannel, ContactOutcome } from '../db/schema.ts';
import { formatPhone } from '../sources/parse-phone.ts';

// The contact ledger: every contact with the council once, whatever the channel, with why it happened, how it ended,
// whether it was resolved there and then, and whether it need not have happened (failure demand).

export const contactChannels = ['phone_in', 'phone_out', 'face_to_face', 'web', 'email', 'sms', 'letter'] as const satisfies readonly ContactChannel[];
export const contactOutcomes = ['resolved', 'case_raised', 'referred', 'callback', 'information', 'no_action', 'abandoned'] as const satisfies readonly ContactOutcome[];
export const avoidableReasons = ['progress_chasing', 'repeat_contact', 'not_done_right', 'unclear_information', 'other'] as const satisfies readonly AvoidableReason[];

export const channelLabels: Record<ContactChannel, string> = {
  phone_in: 'Phone call in', phone_out: 'Phone call out', face_to_face: 'Face to face', web: 'Web', email: 'Email', sms: 'Text message', letter: 'Letter',
};
export const outcomeLabels: Record<ContactOutcome, string> = {
  resolved: 'Resolved', case_raised: 'Case raised', referred: 'Referred elsewhere', callback: 'Call back arranged',
  information: 'Information given', no_action: 'No action needed', abandoned: 'Abandoned',
};
export const avoidableLabels: Record<AvoidableReason, string> = {
  progress_chasing: 'Chasing progress', repeat_contact: 'Repeat contact', not_done_right: 'Not done right the first time',
  unclear_information: 'Unclear information from the council', other: 'Other',
};

/** How a contact ended. Avoidable contacts say why (failure demand), and only they do. */
export const wrapUpSchema = z.object({
  outcome: z.enum(contactOutcomes, 'Select the outcome of the contact').optional(),
  resolvedFirstContact: z.boolean('Select whether the contact was resolved at first contact'),
  avoidable: z.boolean('Select whether the contact could have been avoided'),
  avoidableReason: z.enum(avoidableReasons, 'Select why the contact could have been avoided').nullish(),
  summary: z.string().trim().max(5000, 'The summary must be 5000 characters or fewer').default(''),
}).superRefine((value, context) => {
  if (value.avoidable && !value.avoidableReason) context.addIssue({ code: 'custom', path: ['avoidableReason'], message: 'Select why the contact could have been avoided' });
});
export type WrapUp = z.input<typeof wrapUpSchema>;

/** What an outcome defaults to: a contact that raised cases ends with "case raised" unless the agent says otherwise. */
export function defaultOutcome(chosen: ContactOutcome | undefined, casesRaised: number): ContactOutcome | undefined {
  return chosen ?? (casesRaised > 0 ? 'case_raised' : undefined);
}

/** A case to raise from a contact: the service's code or LGSL number and its form's answers. */
export type CaseToRaise = { service: string; answers: Record<string, unknown> };

export type ContactSummary = {
  id: number;
  personId: number | null;
  personReference: string | null;
  personName: string | null;
  channel: ContactChannel;
  status: 'open' | 'wrapped';
  startedAt: Date;
  endedAt: Date | null;
  staffUserId: number | null;
  staffName: string | null;
  callerNumber: string | null;
  callId: string | null;
  outcome: ContactOutcome | null;
  resolvedFirstContact: boolean | null;
  avoidable: boolean | null;
  avoidableReason: AvoidableReason | null;
  summary: string;
  reasons: Array<{ code: string; name: string }>;
  cases: Array<{ reference: string; serviceName: string; status: string; dueAt: Date }>;
};

export type TimelineEntry =
  | { kind: 'contact'; at: Date; contact: ContactSummary }
  | { kind: 'case'; at: Date; case: { id: number; reference: string; serviceCode: string; serviceName: string; status: string; dueAt: Date; closedAt: Date | null; contactId: number | null } };

export type TimelinePage = { entries: TimelineEntry[]; next: string | null };

/** A keyset cursor: the last entry's time, kind and id. Opaque to callers. */
export type TimelineCursor = { at: Date; kind: 'contact' | 'case'; id: number };

export function encodeCursor(entry: TimelineEntry): string {
  const id = entry.kind === 'contact' ? entry.contact.id : entry.case.id;
  return Buffer.from(`${entry.at.toISOString()}|${entry.kind}|${id}`).toString('base64url');
}

export function decodeCursor(text: string | undefined): TimelineCursor | undefined {
  if (!text) return undefined;
  const [at, kind, id] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const time = new Date(at ?? '');
  if (Number.isNaN(time.getTime()) || (kind !== 'contact' && kind !== 'case') || !/^\d{1,18}$/.test(id ?? '')) return undefined;
  return { at: time, kind, id: Number(id) };
}

/** Newest first; at one instant contacts come before cases, then the higher id first. */
export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  const byTime = b.at.getTime() - a.at.getTime();
  if (byTime !== 0) return byTime;
  if (a.kind !== b.kind) return a.kind === 'contact' ? -1 : 1;
  const idOf = (entry: TimelineEntry) => (entry.kind === 'contact' ? entry.contact.id : entry.case.id);
  return idOf(b) - idOf(a);
}

/** A caller's number shown the way people read it: +447700900123 as 07700 900123. */
export function displayPhone(number: string | null): string {
  return number ? formatPhone(number) : 'an unknown number';
}
