import { z } from 'zod';
import { isBankHoliday, weekday, type CivilDate } from '../catalogue/bank-holidays.ts';
import { fromLondon, londonWallTime, officeHours } from '../catalogue/sla.ts';

// Appointments at a One Stop Shop: booked by staff in the opening hours (Monday to Friday, 9am to 5pm London time,
// not on bank holidays in England and Wales), on a quarter-hour grid, each 15 to 60 minutes long, and no more at any
// moment than the shop has desks.

export type AppointmentStatus = 'booked' | 'arrived' | 'done' | 'cancelled' | 'no_show';

export type Appointment = {
  id: number;
  location: string;
  personId: number | null;
  personReference: string | null;
  visitorName: string;
  phone: string | null;
  serviceId: number | null;
  serviceName: string | null;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  notes: string;
  bookedBy: string;
  bookedAt: Date;
  cancelledReason: string | null;
  visitId: number | null;
};

export const appointmentLengths = [15, 30, 45, 60] as const;
export type AppointmentLength = (typeof appointmentLengths)[number];
export const slotMinutes = 15;

/** Statuses that hold a desk: a cancelled appointment or a no-show frees its slot. */
export const holdingStatuses = ['booked', 'arrived', 'done'] as const satisfies readonly AppointmentStatus[];

export const bookingSchema = z.object({
  location: z.string().trim().min(1).max(100),
  personReference: z.string().trim().max(20).default(''),
  visitorName: z.string().trim().min(1, 'Enter the visitor’s name').max(200, 'A name is at most 200 characters'),
  phone: z.string().trim().max(40, 'A phone number is at most 40 characters').regex(/^[0-9+()\s-]*$/, 'Enter a phone number, like 01632 960 001 or 07700 900 982').default(''),
  serviceCode: z.string().trim().max(63).default(''),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a real date'),
  startMinute: z.number().int().min(0).max(24 * 60),
  length: z.literal(appointmentLengths, 'Select how long the appointment is'),
  notes: z.string().trim().max(2000, 'Notes are at most 2,000 characters').default(''),
});
/** As a form gives it: checked by bookingSchema inside the service. */
export type BookingInput = Omit<z.input<typeof bookingSchema>, 'length'> & { length: number };

/** "9:00am", "1:15pm", from minutes after midnight. */
export function clockTime(minuteOfDay: number): string {
  const hour = Math.floor(minuteOfDay / 60);
  const minutes = String(minuteOfDay % 60).padStart(2, '0');
  return `${hour % 12 === 0 ? 12 : hour % 12}:${minutes}${hour < 12 ? 'am' : 'pm'}`;
}

/** Why the day cannot take appointments at all, or undefined when it can. */
export function closedReason(day: CivilDate): string | undefined {
  const dow = weekday(day);
  if (dow === 0 || dow === 6) return `The One Stop Shop is closed on ${dow === 0 ? 'Sundays' : 'Saturdays'}: choose a weekday`;
  if (isBankHoliday(day)) return 'The One Stop Shop is closed on bank holidays: choose another day';
  return undefined;
}

/** What is wrong with a slot, whoever else is booked: the day, the hours, the grid, the past. */
export function slotProblem(day: CivilDate, startMinute: number, length: number, now: Date): { field: 'day' | 'time'; text: string } | undefined {
  const closed = closedReason(day);
  if (closed) return { field: 'day', text: closed };
  const today = londonWallTime(now).day;
  if (day < today) return { field: 'day', text: 'The date must be today or in the future' };
  if (startMinute % slotMinutes !== 0) return { field: 'time', text: 'Choose a time on the quarter hour' };
  if (startMinute < officeHours.opensAt || startMinute + length > officeHours.closesAt) return { field: 'time', text: 'Choose a time between 9am and 5pm: the appointment must end by 5pm' };
  if (fromLondon(day, startMinute).getTime() <= now.getTime()) return { field: 'time', text: 'That time has passed: choose a later one' };
  return undefined;
}

export type Booked = { startsAt: Date; endsAt: Date };

/** The most appointments held at any one moment of [start, end), from those already booked. */
export function busiestOverlap(startsAt: Date, endsAt: Date, booked: readonly Booked[]): number {
  let busiest = 0;
  for (let at = startsAt.getTime(); at < endsAt.getTime(); at += slotMinutes * 60_000) {
    const slotEnd = at + slotMinutes * 60_000;
    const holding = booked.filter((other) => other.startsAt.getTime() < slotEnd && other.endsAt.getTime() > at).length;
    busiest = Math.max(busiest, holding);
  }
  return busiest;
}

export type Slot = { minute: number; time: string; value: string; free: number };

/** Every start time on the day that an appointment of this length fits, with how many desks stay free for it. */
export function freeSlots(day: CivilDate, length: number, booked: readonly Booked[], desks: number, now: Date): Slot[] {
  if (closedReason(day)) return [];
  const slots: Slot[] = [];
  for (let minute = officeHours.opensAt; minute + length <= officeHours.closesAt; minute += slotMinutes) {
    if (slotProblem(day, minute, length, now)) continue;
    const startsAt = fromLondon(day, minute);
    const free = desks - busiestOverlap(startsAt, new Date(startsAt.getTime() + length * 60_000), booked);
    if (free > 0) slots.push({ minute, time: clockTime(minute), value: hhmm(minute), free });
  }
  return slots;
}

export function hhmm(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/** "14:30" as minutes after midnight; undefined unless a real time of day. */
export function parseHhmm(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}
