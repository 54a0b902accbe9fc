import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../deps.ts';
import { can } from '../../access/policy.ts';
import { caseStatuses, caseStatusLabels } from '../../cases/case.ts';
import { ageingBuckets, ageingLabels, type CaseFilter } from '../../cases/case-workflow.ts';
import { NotFound } from '../../errors.ts';
import { actorOf } from '../session.ts';
import { caseRow } from './cases.view.ts';

// The queues: a team leader's overview of every team (ageing, at risk, breached, unassigned), one team's queue
// with filters and pages, and "My cases" for whoever is signed in. Filters are links and a GET form: no JavaScript.

const listQuery = z.object({
  status: z.enum([...caseStatuses, 'active']).optional().catch(undefined),
  due: z.enum(['overdue', 'soon']).optional().catch(undefined),
  assigned: z.enum(['none']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
const pageSize = 25;

export async function registerQueueRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/queues', async (request, reply) => {
    const actor = actorOf(request);
    const queues = await services.cases.queues(actor);
    return reply.page('cases/queues.njk', { title: 'Queues', queues, buckets: ageingBuckets.map((bucket) => ({ bucket, label: ageingLabels[bucket] })) });
  });

  app.get('/queues/:team', async (request, reply) => {
    const { team: code } = z.object({ team: z.string().max(63) }).parse(request.params);
    const team = (await services.cases.teams()).find((candidate) => candidate.code === code);
    if (!team) throw new NotFound(`There is no team ${code}.`);
    const query = listQuery.parse(request.query ?? {});
    const filter: CaseFilter = { team: code, ...(query.assigned === 'none' ? { assignee: 'none' as const } : {}) };
    return listPage(request, reply, { title: `${team.name}: queue`, heading: team.name, base: `/queues/${code}`, filter, query, isTeam: true });
  });

  app.get('/cases', async (request, reply) => {
    const actor = actorOf(request);
    const query = listQuery.parse(request.query ?? {});
    return listPage(request, reply, { title: 'My cases', heading: 'My cases', base: '/cases', filter: { assignee: actor.userId }, query, isTeam: false });
  });

  async function listPage(request: FastifyRequest, reply: FastifyReply, options: { title: string; heading: string; base: string; filter: CaseFilter; query: z.infer<typeof listQuery>; isTeam: boolean }) {
    const actor = actorOf(request);
    const { query } = options;
    const page = query.page ?? 1;
    const found = await services.cases.list(actor, { ...options.filter, ...(query.status ? { status: query.status } : {}), ...(query.due ? { due: query.due } : {}), page, pageSize });
    const now = services.clock.now();
    const params = (next: number) => new URLSearchParams({ ...(query.status ? { status: query.status } : {}), ...(query.due ? { due: query.due } : {}), ...(query.assigned ? { assigned: query.assigned } : {}), page: String(next) }).toString();
    const pages = Math.max(1, Math.ceil(found.total / pageSize));
    return reply.page('cases/list.njk', {
      title: options.title, heading: options.heading, base: options.base, isTeam: options.isTeam, query, total: found.total,
      cases: found.cases.map((item) => ({ ...caseRow(item, now), mayTake: options.isTeam && item.assignee === null && (item.team === null || actor.teamIds.includes(item.team.id)) && can(actor, 'case.work') })),
      statusItems: [{ value: '', text: 'Not finished' }, ...caseStatuses.map((status) => ({ value: status, text: caseStatusLabels[status] }))].map((item) => ({ ...item, selected: (query.status ?? '') === item.value })),
      dueItems: [{ value: '', text: 'Any' }, { value: 'soon', text: 'At risk' }, { value: 'overdue', text: 'Overdue' }].map((item) => ({ ...item, selected: (query.due ?? '') === item.value })),
      pagination: pages > 1 ? {
        ...(page > 1 ? { previous: { href: `${options.base}?${params(page - 1)}` } } : {}),
        ...(page < pages ? { next: { href: `${options.base}?${params(page + 1)}` } } : {}),
      } : undefined,
      pageText: `Page ${page} of ${pages}`,
    });
  }
}
