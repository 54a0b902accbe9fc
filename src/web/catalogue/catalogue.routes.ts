import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../deps.ts';
import { can } from '../../access/policy.ts';
import { describeSla, dueAt } from '../../catalogue/sla.ts';
import type { Service } from '../../catalogue/service.ts';
import { actorOf } from '../session.ts';
import { formView } from './catalogue.view.ts';
import { registerCatalogueAdminRoutes } from './catalogue-admin.routes.ts';

// The service catalogue for every member of staff: browse it, and try a service's form. Submitting the form checks
// the answers as a request would be checked and shows the errors, or the team and due time; nothing is stored (the
// case issue will store it).

const answersBody = z.record(z.string().max(100), z.union([z.string().max(20_000), z.array(z.string().max(20_000)).max(20)]));
const codeParams = z.object({ code: z.string().max(63) });

export async function registerCatalogueRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/services', async (request, reply) => {
    const actor = actorOf(request);
    const list = await services.catalogue.list(actor);
    return reply.page('catalogue/list.njk', { title: 'Services', services: list.map((service) => ({ ...service, slaText: describeSla(service.sla) })), canManage: can(actor, 'catalogue.manage') });
  });

  app.get('/services/:code', async (request, reply) => {
    const service = await services.catalogue.get(actorOf(request), codeParams.parse(request.params).code);
    return showService(request, reply, service, {});
  });

  app.post('/services/:code', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { _csrf: _token, ...raw } = answersBody.parse(request.body ?? {});
    const preview = await services.catalogue.preview(actorOf(request), codeParams.parse(request.params).code, raw);
    if (!preview.checked.ok) return showService(request, reply, preview.service, raw, preview.checked.errors, 400);
    const team = preview.routed?.teamCode ? (await services.teams.find(preview.routed.teamCode))?.name ?? preview.routed.teamCode : null;
    return showService(request, reply, preview.service, raw, [], 200, { team, reason: preview.routed?.reason, dueAt: preview.dueAt });
  });

  function showService(request: FastifyRequest, reply: FastifyReply, service: Service, raw: Record<string, unknown>, errors: Array<{ field: string; href: string; text: string }> = [], status = 200, checked?: { team: string | null; reason: string | undefined; dueAt: Date }) {
    const actor = actorOf(request);
    return reply.page('catalogue/show.njk', {
      title: service.name, service, slaText: describeSla(service.sla), dueIfNow: dueAt(services.clock.now(), service.sla),
      fields: formView(service.form, raw, errors), errors: errors.length > 0 ? errors : undefined, checked, canManage: can(actor, 'catalogue.manage'),
    }, status);
  }

  await registerCatalogueAdminRoutes(app, services);
}
