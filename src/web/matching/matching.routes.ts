import type { FastifyInstance } from 'fastify';
import { can } from '../../access/policy.ts';
import { actorOf } from '../session.ts';
import type { Services } from '../../deps.ts';
import { listModels } from '../../matching/model.repository.ts';

// How OneStop decides who is who: the model learnt from the council's data, its versions, and relinking everyone.
export async function registerMatchingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/matching', async (request, reply) => {
    const [current, versions, job, counts] = await Promise.all([
      services.matches.currentModel(), listModels(services.db), services.relink.latest(), services.reviews.counts(),
    ]);
    const { done } = request.query as { done?: string };
    return reply.page('matching/show.njk', {
      title: 'How records are matched', current, versions, job, counts, done, canRelink: can(actorOf(request), 'relink.run'),
      running: job !== undefined && (job.status === 'queued' || job.status === 'running'),
    });
  });

  app.post('/matching/relink', { preHandler: app.csrfProtection }, async (request, reply) => {
    await services.relink.queueRelink(actorOf(request));
    return reply.redirect('/matching?done=queued', 303);
  });
}
