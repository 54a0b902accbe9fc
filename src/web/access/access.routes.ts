import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../deps.ts';
import { DomainError, NotFound } from '../../errors.ts';
import { authorize } from '../../access/policy.ts';
import { actorOf } from '../session.ts';

const reasonForm = z.object({ reason: z.string().max(1000).default('') });
const systemForm = z.object({
  name: z.string().trim().max(100).default(''),
  trust: z.string().trim().max(3).default('50'),
  restricted: z.string().optional(),
  team: z.string().trim().max(63).default(''),
});
const teamForm = z.object({ code: z.string().trim().max(63).default(''), name: z.string().trim().max(100).default(''), contact: z.string().trim().max(300).default('') });

// Access from the pages: revealing an identifier, break-glass, reviewing break-glass, and the administrator's
// source systems and teams.
export async function registerAccessRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.post('/people/:reference/break-glass', { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = actorOf(request);
    const view = await services.people.getResident(actor, (request.params as { reference: string }).reference);
    const form = reasonForm.parse(request.body ?? {});
    try {
      await services.breakGlass.open(actor, view.person.id, form.reason);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return reply.redirect(`/people/${view.person.reference}?error=break-glass`, 303);
    }
    return reply.redirect(`/people/${view.person.reference}/records?done=break-glass`, 303);
  });

  app.get('/break-glass', async (request, reply) => {
    const openings = await services.breakGlass.unreviewed(actorOf(request));
    return reply.page('access/break-glass.njk', { title: 'Restricted records opened in an emergency', openings, done: (request.query as { done?: string }).done });
  });

  app.post('/break-glass/:id/reviewed', { preHandler: app.csrfProtection }, async (request, reply) => {
    await services.breakGlass.markReviewed(actorOf(request), Number((request.params as { id: string }).id) || 0);
    return reply.redirect('/break-glass?done=reviewed', 303);
  });

  app.get('/admin/systems', async (request, reply) => {
    authorize(actorOf(request), 'system.manage');
    const [systems, teams] = await Promise.all([services.systems.list(), services.teams.list()]);
    return reply.page('access/systems.njk', { title: 'Source systems', systems, teams, done: (request.query as { done?: string }).done });
  });

  app.post('/admin/systems/:code', { preHandler: app.csrfProtection }, async (request, reply) => {
    const form = systemForm.parse(request.body ?? {});
    const code = (request.params as { code: string }).code;
    try {
      await services.systems.configure(actorOf(request), {
        code, ...(form.name ? { name: form.name } : {}), trust: Number(form.trust), restricted: form.restricted === 'yes', teamCode: form.team || null,
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'forbidden') throw error;
      const [systems, teams] = await Promise.all([services.systems.list(), services.teams.list()]);
      return reply.page('access/systems.njk', { title: 'Source systems', systems, teams, errors: { [code]: error.message } }, 400);
    }
    return reply.redirect('/admin/systems?done=saved', 303);
  });

  app.get('/admin/staff', async (request, reply) => {
    const users = await services.staff.listUsers(actorOf(request));
    const query = request.query as { done?: string; who?: string };
    return reply.page('access/staff.njk', { title: 'Staff accounts', users, done: query.done, who: query.who });
  });

  // Turning an account off ends its sessions at once; the page names whom it changed.
  for (const [verb, change] of [['disable', 'disabled'], ['enable', 'enabled']] as const) {
    app.post(`/admin/staff/:id/${verb}`, { preHandler: app.csrfProtection }, async (request, reply) => {
      const actor = actorOf(request);
      const id = Number((request.params as { id: string }).id);
      const user = (await services.staff.listUsers(actor)).find((candidate) => candidate.id === id);
      if (!user) throw new NotFound('There is no such staff account.');
      try {
        if (verb === 'disable') await services.staff.disableUser(user.email, actor);
        else await services.staff.enableUser(user.email, actor);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === 'forbidden') throw error;
        return reply.page('access/staff.njk', { title: 'Staff accounts', users: await services.staff.listUsers(actor), error: error.message }, 400);
      }
      return reply.redirect(`/admin/staff?done=${change}&who=${encodeURIComponent(user.displayName)}`, 303);
    });
  }

  app.post('/admin/teams', { preHandler: app.csrfProtection }, async (request, reply) => {
    const form = teamForm.parse(request.body ?? {});
    try {
      await services.teams.saveTeam(actorOf(request), form);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'forbidden') throw error;
      const [systems, teams] = await Promise.all([services.systems.list(), services.teams.list()]);
      return reply.page('access/systems.njk', { title: 'Source systems', systems, teams, teamError: error.message, teamValues: form }, 400);
    }
    return reply.redirect('/admin/systems?done=team', 303);
  });
}
