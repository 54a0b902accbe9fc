import { actionLabel, type AuditEntry } from '../../audit/audit.ts';
import { referenceFor } from '../../people/reference.ts';

// What the data protection officer's pages show: entries as rows, dates as London days, and the links between pages.

const doorNames: Record<AuditEntry['door'], string> = { web: 'Web', api: 'API', cli: 'Command line', job: 'Background job' };

export type EntryRow = {
  id: number; at: Date; actor: string; actorName: string; door: string; action: string; reason: string | null;
  subject: string | null; reference: string | null;
};

export function entryRows(entries: readonly AuditEntry[]): EntryRow[] {
  return entries.map((entry) => ({
    id: entry.id, at: entry.at, actor: entry.actor, actorName: entry.actorName, door: doorNames[entry.door] ?? entry.door,
    action: actionLabel(entry.action), reason: entry.reason, subject: entry.subject,
    reference: entry.personId === null ? null : referenceOrNull(entry.personId),
  }));
}

function referenceOrNull(personId: number): string | null {
  try {
    return referenceFor(personId);
  } catch {
    return null;
  }
}

const offsetFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'longOffset' });

/** Where a London day begins, as an instant: midnight GMT in winter, 23:00 GMT the evening before in summer. */
export function londonDayStart(isoDate: string): Date {
  const utcMidnight = new Date(`${isoDate}T00:00:00Z`);
  // At midnight GMT London is on the same day in both seasons (clocks change at 01:00 GMT), so its offset then is the day's.
  const name = offsetFormat.formatToParts(utcMidnight).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new Date(utcMidnight.getTime() - minutes * 60_000);
}

/** The day after an ISO date, for an end date that includes its whole day. */
export function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** GOV.UK pagination for a list shown newest first, keeping the search in each link. */
export function pagination(values: Record<string, string>, page: number, hasMore: boolean) {
  const href = (target: number) => `/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '')), page: String(target) }).toString()}`;
  return {
    previous: page > 1 ? { href: href(page - 1), labelText: 'Newer entries' } : undefined,
    next: hasMore ? { href: href(page + 1), labelText: 'Older entries' } : undefined,
  };
}
