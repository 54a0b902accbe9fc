import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../deps.ts';
import type { FieldError } from '../../catalogue/answers.ts';
import { describeSla } from '../../catalogue/sla.ts';
import type { Service } from '../../catalogue/service.ts';
import { DomainError, ValidationFailed } from '../../errors.ts';
import { formView } from '../catalogue/catalogue.view.ts';
import { actorOf } from '../session.ts';

// Raising a case outside a contact: a service team logging work it found, or staff acting on a letter. Choose the
// service, answer its form (checked as the catalogue checks it), and the case is opened with its due date.

const chooseQuery = z.object({ service: z.string().max(63).optional().catch(undefined), person: z.string().max(40).optional().catch(undefined) });
const answersBody = z.record(z.string().max(100), z.union([z.string().max(20_000), z.array(z.string().max(20_000)).max(20)]));

export async function registerRaiseRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/cases/new', async (request, reply) => {
    const actor = actorOf(request);
    const query = chooseQuery.parse(request.query ?? {});
    if (!query.service) {
      const list = await services.catalogue.list(actor);
      return reply.page('cases/raise.njk', { title: 'Raise a case', person: query.person ?? '', services: [{ value: '', text: 'Choose a service' }, ...list.map((service) => ({ value: service.code, text: service.name }))] });
    }
    const service = await services.catalogue.get(actor, query.service);
    return showForm(request, reply, service, query.person ?? '', {});
  });

  app.post('/cases/new', { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = actorOf(request);
    const { _csrf: _token, service: code = '', person = '', ...raw } = answersBody.parse(request.body ?? {});
    const codeText = typeof code === 'string' ? code : '';
    const personText = typeof person === 'string' ? person.trim() : '';
    const preview = await services.catalogue.preview(actor, codeText, raw);
    if (!preview.checked.ok) return showForm(request, reply, preview.service, personText, raw, preview.checked.errors, 400);
    try {
      const opened = await services.cases.raise(actor, { service: codeText, answers: raw, person: personText === '' ? null : personText });
      return reply.redirect(`/cases/${opened.reference}?done=raised`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== 'validation' && error.code !== 'not_found')) throw error;
      return showForm(request, reply, preview.service, personText, raw, [{ field: 'person', href: '#person', text: error instanceof ValidationFailed ? (error.fieldErrors.person ?? error.message) : error.message }], 400);
    }
  });

  function showForm(request: FastifyRequest, reply: FastifyReply, service: Service, person: string, raw: Record<string, unknown>, errors: FieldError[] = [], status = 200) {
    return reply.page('cases/raise.njk', {
      title: `Raise a case: ${service.name}`, service, slaText: describeSla(service.sla), person, fields: formView(service.form, raw, errors.filter((error) => error.field !== 'person')),
      errors: errors.length > 0 ? errors : undefined, personError: errors.find((error) => error.field === 'person')?.text,
    }, status);
  }
}
