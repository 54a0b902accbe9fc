import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../deps.ts';
import { ValidationFailed } from '../../errors.ts';
import { addDays, isWorkingDay } from '../../catalogue/bank-holidays.ts';
import { londonWallTime } from '../../catalogue/sla.ts';
import { appointmentLengths, parseHhmm } from '../../visits/appointment.ts';
import { actorOf } from '../session.ts';
import { chosenLocation, formErrors, londonTime, residentHits, type ErrorItem } from './visits.view.ts';

// The One Stop Shop's appointments: the diary by day, booking a free slot (a day and length first, then the free
// times as radios, so no JavaScript is needed), and an appointment's page to cancel it, record a no-show or check
// the visitor in.

const text = (max: number) => z.string().max(max).default('');
const dayQuery = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined) });
const findQuery = z.object({ 'date-day': text(4).catch(''), 'date-month': text(4).catch(''), 'date-year': text(6).catch(''), length: text(3).catch('') });
const bookForm = z.object({
  location: text(100), day: text(10), length: text(3), time: text(5), visitorName: text(300), phone: text(60), personReference: text(40),
  residentSearch: text(200), serviceCode: text(63), notes: text(3000), action: text(10),
});
type BookForm = z.infer<typeof bookForm>;
const reasonForm = z.object({ reason: text(1000) });
const idParams = z.object({ id: z.coerce.number().int().positive().max(2 ** 52) });
const bookIds = { visitorName: 'visitor-name', phone: 'phone', personReference: 'person-reference', serviceCode: 'service-code', day: 'date-day', time: 'time', length: 'length', notes: 'notes' };

/** The next working day after a London day. */
function nextWorkingDay(day: string): string {
  let next = addDays(day, 1);
  while (!isWorkingDay(next)) next = addDays(next, 1);
  return next;
}

/** A date typed in three boxes as YYYY-MM-DD, or what is wrong with it. */
export function dateFrom(parts: { day: string; month: string; year: string }): { day?: string; error?: string } {
  const [day, month, year] = [parts.day.trim(), parts.month.trim(), parts.year.trim()];
  if (!day && !month && !year) return { error: 'Enter the date of the appointment' };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { error: 'The date must be a real date, like 27 3 2027' };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const check = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso) return { error: 'The date must be a real date, like 27 3 2027' };
  return { day: iso };
}

export async function registerAppointmentRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const today = () => londonWallTime(services.clock.now()).day;

  app.get('/one-stop-shop/appointments', async (request, reply) => {
    const actor = actorOf(request);
    const locations = await services.visits.locations(actor);
    const location = chosenLocation(request, locations);
    const day = dayQuery.parse(request.query ?? {}).date ?? today();
    const diary = await services.visits.diary(actor, location.name, day);
    return reply.page('visits/diary.njk', {
      title: `Appointments at ${location.name}`, location, locations, day, previousDay: addDays(day, -1), nextDay: addDays(day, 1), isToday: day === today(),
      rows: diary.map((appointment) => ({ ...appointment, from: londonTime(appointment.startsAt), to: londonTime(appointment.endsAt) })),
      cancelled: (request.query as { cancelled?: string }).cancelled,
    });
  });

  async function bookPage(request: FastifyRequest, reply: FastifyReply, chosen: { day?: string; length: number; parts: Record<string, string>; dateError?: string }, values: Partial<BookForm>, extra: { errors?: ErrorItem[]; fieldErrors?: Record<string, string>; hits?: Array<{ reference: string; text: string }>; searched?: boolean } = {}, status = 200) {
    const actor = actorOf(request);
    const location = chosenLocation(request, await services.visits.locations(actor));
    const free = chosen.day ? await services.visits.freeSlots(actor, location.name, chosen.day, chosen.length) : { slots: [] };
    const catalogue = await services.catalogue.list(actor);
    const fieldErrors = { ...(chosen.dateError ? { day: chosen.dateError } : {}), ...(free.closed ? { day: free.closed } : {}), ...extra.fieldErrors };
    const errors = extra.errors ?? (chosen.dateError || free.closed ? [{ text: chosen.dateError ?? free.closed ?? '', href: '#date-day' }] : undefined);
    return reply.page('visits/appointment-new.njk', {
      title: 'Book an appointment', location, chosen, slots: free.slots, showTimes: chosen.day !== undefined && !chosen.dateError && !free.closed, values: { time: '', visitorName: '', phone: '', personReference: '', residentSearch: '', serviceCode: '', notes: '', ...values },
      hits: extra.hits ?? [], searched: extra.searched ?? false, errors, fieldErrors,
      lengthItems: appointmentLengths.map((length) => ({ value: String(length), text: `${length} minutes`, checked: length === chosen.length })),
      serviceItems: [{ value: '', text: 'Not known yet' }, ...catalogue.map((service) => ({ value: service.code, text: service.name, selected: service.code === values.serviceCode }))],
    }, status);
  }

  app.get('/one-stop-shop/appointments/new', async (request, reply) => {
    const query = findQuery.parse(request.query ?? {});
    const length = appointmentLengths.find((candidate) => String(candidate) === query.length) ?? 30;
    const asked = query['date-day'] !== '' || query['date-month'] !== '' || query['date-year'] !== '';
    if (!asked) {
      const day = nextWorkingDay(today());
      const [year, month, date] = day.split('-');
      return bookPage(request, reply, { day, length, parts: { day: String(Number(date)), month: String(Number(month)), year: year ?? '' } }, {});
    }
    const parsed = dateFrom({ day: query['date-day'], month: query['date-month'], year: query['date-year'] });
    const parts = { day: query['date-day'], month: query['date-month'], year: query['date-year'] };
    return bookPage(request, reply, { ...(parsed.day ? { day: parsed.day } : {}), length, parts, ...(parsed.error ? { dateError: parsed.error } : {}) }, {}, {}, parsed.error ? 400 : 200);
  });

  app.post('/one-stop-shop/appointments', { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = actorOf(request);
    const values = bookForm.parse(request.body ?? {});
    const day = /^\d{4}-\d{2}-\d{2}$/.test(values.day) ? values.day : undefined;
    const length = Number(values.length);
    const [year, month, date] = (day ?? '--').split('-');
    const chosen = { ...(day ? { day } : {}), length, parts: { day: date ? String(Number(date)) : '', month: month ? String(Number(month)) : '', year: year ?? '' } };
    if (values.action === 'find') {
      const hits = await residentHits((q) => services.people.search(actor, { q }), values.residentSearch);
      return bookPage(request, reply, chosen, { ...values, personReference: '' }, { hits, searched: values.residentSearch.trim() !== '' });
    }
    const location = chosenLocation(request, await services.visits.locations(actor));
    const startMinute = parseHhmm(values.time);
    try {
      if (startMinute === undefined) throw new ValidationFailed('Choose a time', { time: 'Choose a time for the appointment' });
      const booked = await services.visits.book(actor, {
        location: location.name, day: day ?? '', startMinute, length, visitorName: values.visitorName, phone: values.phone, personReference: values.personReference,
        serviceCode: values.serviceCode, notes: values.notes,
      });
      return reply.redirect(`/one-stop-shop/appointments/${booked.id}?booked=1`, 303);
    } catch (error) {
      return bookPage(request, reply, chosen, values, formErrors(error, bookIds), 400);
    }
  });

  async function appointmentPage(request: FastifyRequest, reply: FastifyReply, extra: { errors?: ErrorItem[]; fieldErrors?: Record<string, string>; reason?: string } = {}, status = 200) {
    const actor = actorOf(request);
    const appointment = await services.visits.getAppointment(actor, idParams.parse(request.params).id);
    const now = services.clock.now();
    return reply.page('visits/appointment.njk', {
      title: `Appointment for ${appointment.visitorName}`, appointment, from: londonTime(appointment.startsAt), to: londonTime(appointment.endsAt),
      day: londonWallTime(appointment.startsAt).day, booked: (request.query as { booked?: string }).booked === '1',
      may: {
        checkIn: appointment.status === 'booked' && londonWallTime(appointment.startsAt).day === londonWallTime(now).day,
        noShow: appointment.status === 'booked' && appointment.startsAt.getTime() <= now.getTime(),
        cancel: appointment.status === 'booked',
      },
      reason: extra.reason ?? '', errors: extra.errors, fieldErrors: extra.fieldErrors ?? {},
    }, status);
  }

  app.get('/one-stop-shop/appointments/:id', (request, reply) => appointmentPage(request, reply));

  app.post('/one-stop-shop/appointments/:id/cancel', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const { reason } = reasonForm.parse(request.body ?? {});
    try {
      const cancelled = await services.visits.cancel(actorOf(request), id, reason);
      return reply.redirect(`/one-stop-shop/appointments?date=${londonWallTime(cancelled.startsAt).day}&cancelled=${id}`, 303);
    } catch (error) {
      return appointmentPage(request, reply, { ...formErrors(error, { reason: 'reason' }), reason }, 400);
    }
  });

  app.post('/one-stop-shop/appointments/:id/no-show', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    try {
      await services.visits.markNoShow(actorOf(request), id);
      return reply.redirect(`/one-stop-shop/appointments/${id}`, 303);
    } catch (error) {
      return appointmentPage(request, reply, formErrors(error, { form: 'main-content' }), 409);
    }
  });

  app.post('/one-stop-shop/appointments/:id/check-in', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    try {
      const visit = await services.visits.checkIn(actorOf(request), id);
      return reply.redirect(`/one-stop-shop?issued=${visit.id}`, 303);
    } catch (error) {
      return appointmentPage(request, reply, formErrors(error, { form: 'main-content' }), 409);
    }
  });
}
