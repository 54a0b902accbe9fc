import type { FastifyInstance } from 'fastify';
import type { Services } from '../../deps.ts';
import { DomainError } from '../../errors.ts';
import { actorOf } from '../session.ts';

// The administrator's webhooks page: subscriptions, deliveries that are dead or recent, and re-driving a dead one.
export async function registerWebhookRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { webhooks } = services.integration;

  async function pageContext(request: Parameters<typeof actorOf>[0]) {
    const actor = actorOf(request);
    const [subscriptions, dead, recent, counts] = await Promise.all([
      webhooks.listSubscriptions(actor), webhooks.listDeliveries(actor, { status: 'dead', limit: 50 }), webhooks.listDeliveries(actor, { limit: 20 }), webhooks.deliveryCounts(actor),
    ]);
    return { title: 'Webhooks', subscriptions, dead, recent, counts };
  }

  app.get('/admin/webhooks', async (request, reply) => {
    return reply.page('integration/webhooks.njk', { ...(await pageContext(request)), done: (request.query as { done?: string }).done });
  });

  app.post('/admin/webhooks/deliveries/:id/redrive', { preHandler: app.csrfProtection }, async (request, reply) => {
    const id = Number((request.params as { id: string }).id);
    try {
      await webhooks.redriveDelivery(actorOf(request), Number.isInteger(id) && id > 0 ? id : 0);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'forbidden') throw error;
      return reply.page('integration/webhooks.njk', { ...(await pageContext(request)), error: error.message }, 400);
    }
    return reply.redirect('/admin/webhooks?done=redriven', 303);
  });
}
