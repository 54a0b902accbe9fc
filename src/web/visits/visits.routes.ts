import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../deps.ts';
import { visitOutcomeLabels, visitOutcomes } from '../../visits/visit.ts';
import { actorOf } from '../session.ts';
import { registerAppointmentRoutes } from './appointments.routes.ts';
import { chosenLocation, deskCookie, formErrors, locationCookie, londonTime, minutesText, remember, residentHits, type ErrorItem } from './visits.view.ts';

// The One Stop Shop's front desk: today's queue and diary at the chosen shop, issuing tickets, calling the next
// visitor to a desk, and ending each visit (seen, and logged as a face-to-face contact, or gone without being seen).

const text = (max: number) => z.string().max(max).default('');
const ticketForm = z.object({ location: text(100), visitorName: text(300), personReference: text(40), residentSearch: text(200), serviceCode: text(63), action: text(10) });
const deskForm = z.object({ location: text(100), desk: text(100) });
const finishForm = z.object({ outcome: text(20), resolvedFirstTime: text(5), summary: text(6000) });
const idParams = z.object({ id: z.coerce.number().int().positive().max(2 ** 52) });
const queueQuery = z.object({ issued: z.coerce.number().int().positive().max(2 ** 52).optional().catch(undefined), notice: text(20).catch('') });

export async function registerVisitRoutes(app: FastifyInstance, services: Services, options: { cookieSecure: boolean }): Promise<void> {
  async function queuePage(request: FastifyRequest, reply: FastifyReply, extra: { errors?: ErrorItem[]; desk?: string; deskError?: string } = {}, status = 200) {
    const actor = actorOf(request);
    const locations = await services.visits.locations(actor);
    const location = chosenLocation(request, locations);
    remember(reply, locationCookie, location.name, options.cookieSecure);
    const query = queueQuery.parse(request.query ?? {});
    const queue = await services.visits.queue(actor, location.name);
    const diary = await services.visits.diary(actor, location.name, queue.day);
    const issued = query.issued ? await services.visits.getVisit(actor, query.issued) : undefined;
    return reply.page('visits/queue.njk', {
      title: `${location.name}: today`, location, locations, queue, diary, issued, notice: query.notice,
      desk: extra.desk ?? request.cookies[deskCookie] ?? '', deskError: extra.deskError, errors: extra.errors,
      averageWait: minutesText(queue.figures.averageWaitMinutes), longestWait: minutesText(queue.figures.longestWaitMinutes),
      waiting: queue.waiting.map((visit) => ({ ...visit, arrived: londonTime(visit.arrivedAt), waited: minutesText(visit.waitMinutes) })),
      beingSeen: queue.beingSeen.map((visit) => ({ ...visit, called: londonTime(visit.calledAt) })),
      appointments: diary.map((appointment) => ({ ...appointment, time: londonTime(appointment.startsAt) })),
    }, status);
  }

  app.get('/one-stop-shop', (request, reply) => queuePage(request, reply));

  app.post('/one-stop-shop/call-next', { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = actorOf(request);
    const form = deskForm.parse(request.body ?? {});
    const location = chosenLocation(request, await services.visits.locations(actor));
    try {
      const called = await services.visits.callNext(actor, location.name, form.desk);
      remember(reply, deskCookie, form.desk.trim(), options.cookieSecure);
      if (!called) return reply.redirect(`/one-stop-shop?notice=empty`, 303);
      return reply.redirect(`/one-stop-shop/visits/${called.id}`, 303);
    } catch (error) {
      const { errors, fieldErrors } = formErrors(error, { desk: 'desk' });
      return queuePage(request, reply, { errors, desk: form.desk, deskError: fieldErrors.desk ?? errors[0]?.text }, 400);
    }
  });

  async function ticketPage(request: FastifyRequest, reply: FastifyReply, values: z.infer<typeof ticketForm>, extra: { errors?: ErrorItem[]; fieldErrors?: Record<string, string>; hits?: Array<{ reference: string; text: string }>; searched?: boolean } = {}, status = 200) {
    const actor = actorOf(request);
    const location = chosenLocation(request, await services.visits.locations(actor));
    const catalogue = await services.catalogue.list(actor);
    return reply.page('visits/ticket-new.njk', {
      title: 'Issue a ticket', location, values, hits: extra.hits ?? [], searched: extra.searched ?? false, errors: extra.errors, fieldErrors: extra.fieldErrors ?? {},
      serviceItems: [{ value: '', text: 'Not known yet' }, ...catalogue.map((service) => ({ value: service.code, text: service.name, selected: service.code === values.serviceCode }))],
    }, status);
  }

  app.get('/one-stop-shop/tickets/new', (request, reply) => ticketPage(request, reply, ticketForm.parse({})));

  app.post('/one-stop-shop/tickets', { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = actorOf(request);
    const values = ticketForm.parse(request.body ?? {});
    if (values.action === 'find') {
      const hits = await residentHits((q) => services.people.search(actor, { q }), values.residentSearch);
      return ticketPage(request, reply, { ...values, personReference: '' }, { hits, searched: values.residentSearch.trim() !== '' });
    }
    const location = chosenLocation(request, await services.visits.locations(actor));
    try {
      const visit = await services.visits.issueTicket(actor, { location: location.name, visitorName: values.visitorName, personReference: values.personReference, serviceCode: values.serviceCode });
      return reply.redirect(`/one-stop-shop?issued=${visit.id}`, 303);
    } catch (error) {
      const { errors, fieldErrors } = formErrors(error, { visitorName: 'visitor-name', personReference: 'person-reference', serviceCode: 'service-code' });
      return ticketPage(request, reply, values, { errors, fieldErrors }, 400);
    }
  });

  async function visitPage(request: FastifyRequest, reply: FastifyReply, extra: { errors?: ErrorItem[]; fieldErrors?: Record<string, string>; values?: Record<string, string> } = {}, status = 200) {
    const actor = actorOf(request);
    const visit = await services.visits.getVisit(actor, idParams.parse(request.params).id);
    const values = { outcome: '', resolvedFirstTime: '', summary: '', desk: request.cookies[deskCookie] ?? '', ...extra.values };
    return reply.page('visits/visit.njk', {
      title: `Ticket ${visit.ticket}`, visit, values, errors: extra.errors, fieldErrors: extra.fieldErrors ?? {},
      arrived: londonTime(visit.arrivedAt), called: londonTime(visit.calledAt), finished: londonTime(visit.finishedAt),
      outcomeItems: visitOutcomes.map((value) => ({ value, text: visitOutcomeLabels[value], checked: value === values.outcome })),
    }, status);
  }

  app.get('/one-stop-shop/visits/:id', (request, reply) => visitPage(request, reply));

  app.post('/one-stop-shop/visits/:id/call', { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = actorOf(request);
    const { id } = idParams.parse(request.params);
    const form = deskForm.parse(request.body ?? {});
    const visit = await services.visits.getVisit(actor, id);
    try {
      await services.visits.callNext(actor, visit.location, form.desk, id);
      remember(reply, deskCookie, form.desk.trim(), options.cookieSecure);
      return reply.redirect(`/one-stop-shop/visits/${id}`, 303);
    } catch (error) {
      return visitPage(request, reply, { ...formErrors(error, { desk: 'desk' }), values: { desk: form.desk } }, 400);
    }
  });

  app.post('/one-stop-shop/visits/:id/finish', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const form = finishForm.parse(request.body ?? {});
    const resolvedFirstTime = form.resolvedFirstTime === 'yes' ? true : form.resolvedFirstTime === 'no' ? false : undefined;
    try {
      await services.visits.finish(actorOf(request), id, { outcome: form.outcome, resolvedFirstTime, summary: form.summary });
      return reply.redirect(`/one-stop-shop/visits/${id}`, 303);
    } catch (error) {
      return visitPage(request, reply, { ...formErrors(error, { outcome: 'outcome', resolvedFirstTime: 'resolved-first-time', summary: 'summary' }), values: form }, 400);
    }
  });

  app.post('/one-stop-shop/visits/:id/left', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    try {
      await services.visits.markLeft(actorOf(request), id);
      return reply.redirect(`/one-stop-shop/visits/${id}`, 303);
    } catch (error) {
      return visitPage(request, reply, formErrors(error, { form: 'main-content' }), 409);
    }
  });

  await registerAppointmentRoutes(app, services);
}
