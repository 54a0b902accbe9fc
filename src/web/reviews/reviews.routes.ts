import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../session.ts';
import { maskIdentifier, seesIdentifiers } from '../../access/policy.ts';
import type { StandardFields } from '../../sources/source-record.ts';
import type { Services } from '../../deps.ts';
import { waterfallSvg } from '../../matching/waterfall.ts';
import { recordRows } from '../people/people.view.ts';

const listQuery = z.object({ status: z.enum(['open', 'skipped']).default('open'), done: z.string().max(20).optional() });
const decisionForm = z.object({ reason: z.string().trim().max(500).default('') });

// The clerical review queue: pairs the engine was unsure of, side by side with the evidence, for staff to decide.
export async function registerReviewRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/reviews', async (request, reply) => {
    const query = listQuery.parse(request.query ?? {});
    const [items, counts] = await Promise.all([services.reviews.queue(query.status, 100), services.reviews.counts()]);
    return reply.page('reviews/list.njk', { title: 'Possible matches to review', items, counts, status: query.status, done: query.done });
  });

  app.get('/reviews/:id', async (request, reply) => {
    const item = await services.reviews.getReview(Number((request.params as { id: string }).id) || 0);
    // Whether two NI numbers agree is in the evidence; the numbers themselves only for roles that need them.
    const shown = (fields: StandardFields): StandardFields => (seesIdentifiers(actorOf(request)) ? fields : { ...fields, niNumber: maskIdentifier(fields.niNumber) });
    return reply.page('reviews/show.njk', {
      title: 'Are these the same person?',
      item,
      recordRows: recordRows(shown(item.record.fields)),
      candidateRows: item.candidate ? recordRows(shown(item.candidate.fields)) : [],
      chart: waterfallSvg(item.explanation, `review-${item.id}`),
      decided: item.status !== 'open' && item.status !== 'skipped',
    });
  });

  const decide = (action: 'link' | 'not-same' | 'skip') => async (request: FastifyRequest, reply: FastifyReply) => {
    const id = Number((request.params as { id: string }).id) || 0;
    const actor = actorOf(request);
    const form = decisionForm.parse(request.body ?? {});
    if (action === 'link') await services.reviews.link(actor, id);
    else if (action === 'not-same') await services.reviews.notSame(actor, id, form.reason || null);
    else await services.reviews.skip(actor, id);
    const [next] = await services.reviews.queue('open', 1);
    return reply.redirect(next ? `/reviews/${next.id}?done=${action}` : `/reviews?done=${action}`, 303);
  };
  app.post('/reviews/:id/link', { preHandler: app.csrfProtection }, decide('link'));
  app.post('/reviews/:id/not-same', { preHandler: app.csrfProtection }, decide('not-same'));
  app.post('/reviews/:id/skip', { preHandler: app.csrfProtection }, decide('skip'));
}
