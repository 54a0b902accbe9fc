import { z } from 'zod';
import { addDays, isWorkingDay, type CivilDate } from './bank-holidays.ts';

// Service level agreements: how long the council gives itself to deal with a request, counted in working time over
// the England and Wales bank holiday calendar, in London time (so the clocks changing moves nothing).

export const slaUnits = ['working_days', 'working_hours'] as const;
export type SlaUnit = (typeof slaUnits)[number];

export const slaSchema = z.object({
  amount: z.number().int('An SLA is a whole number of working days or hours').min(1, 'An SLA is at least 1').max(1000, 'An SLA is at most 1,000'),
  unit: z.enum(slaUnits),
});
export type Sla = z.infer<typeof slaSchema>;

/** The working day, 09:00 to 17:00 London time, Monday to Friday except bank holidays. */
export const officeHours = { opensAt: 9 * 60, closesAt: 17 * 60 } as const;

const minute = 60_000;

/**
 * When a request received at `start` falls due.
 * - Working days: the day it arrives is not counted (whatever the hour); it is due at close of business on the
 *   nth working day after it. So a request made on a Saturday with a one-day SLA is due at 17:00 on Monday.
 * - Working hours: the clock runs only in office hours. A request made outside them starts at the next opening; one
 *   whose time runs out exactly at closing is due at closing, not at the next opening.
 */
export function dueAt(start: Date, sla: Sla): Date {
  const parsed = slaSchema.parse(sla);
  const { day, minuteOfDay } = londonWallTime(start);
  if (parsed.unit === 'working_days') {
    let cursor = day;
    for (let left = parsed.amount; left > 0;) {
      cursor = addDays(cursor, 1);
      if (isWorkingDay(cursor)) left -= 1;
    }
    return fromLondon(cursor, officeHours.closesAt);
  }
  let cursor = day;
  let at = minuteOfDay;
  if (!isWorkingDay(cursor) || at >= officeHours.closesAt) [cursor, at] = [nextWorkingDay(cursor), officeHours.opensAt];
  else if (at < officeHours.opensAt) at = officeHours.opensAt;
  let left = parsed.amount * 60;
  for (;;) {
    const available = officeHours.closesAt - at;
    if (left <= available) return fromLondon(cursor, at + left);
    left -= available;
    [cursor, at] = [nextWorkingDay(cursor), officeHours.opensAt];
  }
}

/** "5 working days", "4 working hours". */
export function describeSla(sla: Sla): string {
  const noun = sla.unit === 'working_days' ? 'working day' : 'working hour';
  return `${sla.amount} ${noun}${sla.amount === 1 ? '' : 's'}`;
}

function nextWorkingDay(day: CivilDate): CivilDate {
  let next = addDays(day, 1);
  while (!isWorkingDay(next)) next = addDays(next, 1);
  return next;
}

const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** The London calendar day of an instant, and the minutes since its midnight (with fractions for seconds). */
export function londonWallTime(instant: Date): { day: CivilDate; minuteOfDay: number } {
  const parts = Object.fromEntries(londonFormat.formatToParts(instant).map((part) => [part.type, part.value]));
  const seconds = Number(parts.second) + instant.getUTCMilliseconds() / 1000;
  return { day: `${parts.year}-${parts.month}-${parts.day}`, minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute) + seconds / 60 };
}

/** The instant at a London wall time: minutes after midnight on the day. */
export function fromLondon(day: CivilDate, minuteOfDay: number): Date {
  const asUtc = Date.parse(`${day}T00:00:00Z`) + Math.round(minuteOfDay * minute);
  // London is UTC or UTC+1: try the offset at the guess, then again at the result, which settles it either side of
  // a change. Office hours never fall in the hour the clocks skip or repeat (01:00 to 02:00).
  let instant = asUtc - offsetAt(new Date(asUtc));
  instant = asUtc - offsetAt(new Date(instant));
  return new Date(instant);
}

function offsetAt(instant: Date): number {
  const { day, minuteOfDay } = londonWallTime(instant);
  return Date.parse(`${day}T00:00:00Z`) + Math.round(minuteOfDay * minute) - instant.getTime();
}
