import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../deps.ts';
import { ValidationFailed } from '../../errors.ts';
import type { ContactSummary } from '../../contacts/contact.ts';
import { actorOf } from '../session.ts';
import { avoidableItems, contactHeadline, outcomeItems } from './desk.view.ts';

// The end of a contact: the references to give the resident, then how it ended and whether it need have happened.

const idParams = z.object({ id: z.coerce.number().int().positive().max(2 ** 53) });
const wrapUpBody = z.object({
  outcome: z.string().max(40).optional(), resolvedFirstContact: z.string().max(5).optional(), avoidable: z.string().max(5).optional(),
  avoidableReason: z.string().max(40).optional(), summary: z.string().max(20_000).optional(),
});
const fieldIds: Record<string, string> = { outcome: 'outcome', resolvedFirstContact: 'resolvedFirstContact', avoidable: 'avoidable', avoidableReason: 'avoidableReason', summary: 'summary' };

export async function registerWrapUpRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/desk/contacts/:id/wrap-up', async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const contact = await services.contacts.get(actorOf(request), id);
    if (contact.status !== 'open') return reply.redirect(`/desk?done=${id}`, 303);
    return page(request, reply, contact, { outcome: contact.cases.length > 0 ? 'case_raised' : '' }, {});
  });

  app.post('/desk/contacts/:id/wrap-up', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const body = wrapUpBody.parse(request.body ?? {});
    const yesNo = (value: string | undefined) => (value === 'yes' ? true : value === 'no' ? false : undefined);
    try {
      await services.contacts.wrapUp(actorOf(request), id, {
        // The schema refuses a missing or unknown answer with the field's own message.
        outcome: (body.outcome || undefined) as never, resolvedFirstContact: yesNo(body.resolvedFirstContact) as boolean,
        avoidable: yesNo(body.avoidable) as boolean, avoidableReason: (body.avoidableReason || null) as never, summary: body.summary ?? '',
      });
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      const contact = await services.contacts.get(actorOf(request), id);
      return page(request, reply, contact, body, error.fieldErrors, 400);
    }
    return reply.redirect(`/desk?done=${id}`, 303);
  });

  function page(request: FastifyRequest, reply: FastifyReply, contact: ContactSummary, values: Record<string, string | undefined>, fieldErrors: Record<string, string>, status = 200) {
    const errors = Object.entries(fieldErrors).map(([field, text]) => ({ href: `#${fieldIds[field] ?? 'outcome'}`, text }));
    return reply.page('desk/wrap-up.njk', {
      title: 'Wrap up the contact', contact, headline: contactHeadline(contact), values, fieldErrors,
      errors: errors.length > 0 ? errors : undefined, outcomes: outcomeItems, avoidableReasons: avoidableItems,
    }, status);
  }
}
