import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../deps.ts';
import type { FieldError } from '../../catalogue/answers.ts';
import type { Service } from '../../catalogue/service.ts';
import { londonWallTime } from '../../catalogue/sla.ts';
import { contactChannels, displayPhone } from '../../contacts/contact.ts';
import { ValidationFailed } from '../../errors.ts';
import { actorOf } from '../session.ts';
import { answerRows, answersByService, channelItems, checkAll, contactHeadline, prefixedError, serviceForms, timelineItems } from './desk.view.ts';
import { registerWrapUpRoutes } from './wrap-up.routes.ts';

// The contact centre's desk: one screen for a call. Identify the caller (screen-pop or search), see the resident at a
// glance, choose what the call is about, fill each service's form with its guidance beside it, check the answers,
// raise the cases in one go, give the references, wrap up. Every step is a plain form: no JavaScript needed.

const idParams = z.object({ id: z.coerce.number().int().positive().max(2 ** 53) });
const startBody = z.object({ channel: z.enum(contactChannels).optional() });
const linkBody = z.object({ person: z.string().trim().min(1).max(20) });
const servicesOf = (value: unknown) => z.union([z.string().max(63), z.array(z.string().max(63)).max(10)]).optional().parse(value);
const formBody = z.record(z.string().max(120), z.union([z.string().max(20_000), z.array(z.string().max(63)).max(10)]));

export async function registerDeskRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/desk', async (request, reply) => {
    const actor = actorOf(request);
    const open = await services.contacts.openContacts(actor);
    const { done } = z.object({ done: z.coerce.number().int().positive().optional() }).catch({}).parse(request.query ?? {});
    const finished = done ? await services.contacts.get(actor, done).catch(() => undefined) : undefined;
    return reply.page('desk/index.njk', {
      title: 'Desk', calls: open.map((contact) => ({ ...contact, headline: contactHeadline(contact) })), channels: channelItems, finished,
    });
  });

  app.post('/desk/contacts', { preHandler: app.csrfProtection }, async (request, reply) => {
    const parsed = startBody.parse(request.body ?? {});
    if (!parsed.channel) {
      const actor = actorOf(request);
      const open = await services.contacts.openContacts(actor);
      return reply.page('desk/index.njk', {
        title: 'Desk', calls: open.map((contact) => ({ ...contact, headline: contactHeadline(contact) })), channels: channelItems,
        errors: [{ href: '#channel', text: 'Select how the resident got in touch' }],
      }, 400);
    }
    const id = await services.contacts.start(actorOf(request), { channel: parsed.channel });
    return reply.redirect(`/desk/contacts/${id}`, 303);
  });

  app.get('/desk/contacts/:id', async (request, reply) => contactPage(request, reply, {}));

  app.post('/desk/contacts/:id/person', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const { person } = linkBody.parse(request.body ?? {});
    await services.contacts.linkPerson(actorOf(request), id, person);
    return reply.redirect(`/desk/contacts/${id}`, 303);
  });

  app.get('/desk/contacts/:id/forms', async (request, reply) => {
    const codes = [servicesOf((request.query as { service?: unknown } | undefined)?.service) ?? []].flat();
    if (codes.length === 0) return contactPage(request, reply, { serviceError: 'Select at least one service the contact is about' }, 400);
    return formsPage(request, reply, await chosenServices(request, codes), [], []);
  });

  app.post('/desk/contacts/:id/check', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const body = formBody.parse(request.body ?? {});
    const chosen = await chosenServices(request, [body.service ?? []].flat());
    const answers = answersByService(body, chosen.length);
    if (body.change === 'yes') return formsPage(request, reply, chosen, answers, []);
    const result = checkAll(chosen, answers, londonWallTime(services.clock.now()).day);
    if (!result.ok) return formsPage(request, reply, chosen, answers, result.errors, 400);
    const contact = await services.contacts.get(actorOf(request), id);
    return reply.page('desk/check.njk', {
      title: 'Check the answers', contact, headline: contactHeadline(contact),
      checked: chosen.map((service, index) => ({ service, rows: answerRows(service, result.checked[index] ?? {}) })),
      hidden: Object.entries(body).filter(([key]) => key !== '_csrf' && key !== 'change').flatMap(([key, value]) => [value].flat().map((item) => ({ name: key, value: item }))),
    });
  });

  app.post('/desk/contacts/:id/cases', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const body = formBody.parse(request.body ?? {});
    const chosen = await chosenServices(request, [body.service ?? []].flat());
    const answers = answersByService(body, chosen.length);
    try {
      await services.contacts.raiseCases(actorOf(request), id, chosen.map((service, index) => ({ service: service.code, answers: answers[index] ?? {} })));
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      // The catalogue changed between checking and raising: show the forms again with what is wrong now.
      const errors = chosen.map((service, index) => Object.entries(error.fieldErrors).flatMap(([key, text]) => {
        const match = /^cases\.(\d+)\.(.+)$/.exec(key);
        return match && Number(match[1]) === index && match[2] ? [prefixedError(service, index, match[2], text)] : [];
      }));
      return formsPage(request, reply, chosen, answers, errors, 400);
    }
    return reply.redirect(`/desk/contacts/${id}/wrap-up`, 303);
  });

  async function chosenServices(request: FastifyRequest, codes: readonly string[]): Promise<Service[]> {
    const actor = actorOf(request);
    return Promise.all([...new Set(codes)].slice(0, 10).map((code) => services.catalogue.get(actor, code)));
  }

  async function formsPage(request: FastifyRequest, reply: FastifyReply, chosen: Service[], answers: Array<Record<string, string>>, errors: FieldError[][], status = 200) {
    const { id } = idParams.parse(request.params);
    const contact = await services.contacts.get(actorOf(request), id);
    const flat = errors.flat();
    return reply.page('desk/forms.njk', {
      title: chosen.length === 1 ? (chosen[0]?.name ?? 'Service') : 'Raise cases', contact, headline: contactHeadline(contact),
      forms: serviceForms(chosen, answers, errors), errors: flat.length > 0 ? flat : undefined,
    }, status);
  }

  /** The contact: who (identified, or a search to find them), the resident at a glance, and what it is about. */
  async function contactPage(request: FastifyRequest, reply: FastifyReply, extra: { serviceError?: string }, status = 200) {
    const actor = actorOf(request);
    const { id } = idParams.parse(request.params);
    const contact = await services.contacts.get(actor, id);
    const query = z.object({ q: z.string().max(200).optional() }).catch({}).parse(request.query ?? {});
    const q = query.q ?? (contact.personId === null && contact.callerNumber ? displayPhone(contact.callerNumber) : undefined);
    const search = contact.personId === null && q ? await services.people.search(actor, { q }, 10) : undefined;
    const resident = contact.personId !== null ? await services.people.getResident(actor, contact.personId) : undefined;
    const glance = resident ? {
      openCases: await services.contacts.openCases(actor, resident.person.id, 10),
      recent: timelineItems((await services.contacts.timeline(actor, resident.person.id, { limit: 5 })).entries.filter((entry) => entry.kind === 'contact' && entry.contact.id !== contact.id)),
    } : undefined;
    const catalogue = await services.catalogue.list(actor);
    const groups = new Map<string, Array<{ value: string; text: string }>>();
    for (const service of catalogue) {
      const team = service.teamName ?? 'Other services';
      groups.set(team, [...(groups.get(team) ?? []), { value: service.code, text: service.name }]);
    }
    return reply.page('desk/contact.njk', {
      title: contact.personName ? `Contact with ${contact.personName}` : 'Contact', contact, headline: contactHeadline(contact), q, search, resident, glance,
      groups: [...groups.entries()].map(([team, items]) => ({ team, items })).sort((a, b) => a.team.localeCompare(b.team)),
      errors: extra.serviceError ? [{ href: '#services', text: extra.serviceError }] : undefined, serviceError: extra.serviceError,
    }, status);
  }

  await registerWrapUpRoutes(app, services);
}
