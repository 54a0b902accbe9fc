import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { authorize } from '../access/policy.ts';
import { type AnyActor } from '../access/staff.ts';
import { auditActorOf, type AuditRecorder } from '../audit/audit.ts';
import { Conflict, NotFound, ValidationFailed } from '../errors.ts';
import type { Outbox } from './outbox.ts';
import * as repository from './webhook.repository.ts';
import { resolveTarget, type Resolver } from './target-guard.ts';
import { newSecret, newSubscriptionSchema, testEventType, type DeliveryStatus, type NewSubscription, type Subscription } from './webhook.ts';

// Managing webhook subscriptions and their deliveries: an administrator's work, each change in the audit trail.
export function createWebhookService({ db, clock, audit, outbox, resolve }: { db: Db; clock: Clock; audit: AuditRecorder; outbox: Outbox; resolve?: Resolver }) {
  /** Adds a subscription; the secret is returned this once, for the receiver, and never shown again. */
  async function addSubscription(actor: AnyActor, input: NewSubscription): Promise<{ subscription: Subscription; secret: string }> {
    authorize(actor, 'integration.manage');
    const parsed = newSubscriptionSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ValidationFailed(issue?.message ?? 'The subscription is not valid.', { [String(issue?.path[0] ?? 'name')]: issue?.message ?? '' });
    }
    const form = parsed.data;
    await resolveTarget(form.url, form.allowPrivate, resolve);
    const secret = newSecret();
    const subscription = await withTransaction(db, async (tx) => {
      if (await repository.findSubscriptionByName(tx, form.name)) throw new Conflict(`There is already a subscription named ${form.name}.`);
      const saved = await repository.insertSubscription(tx, { name: form.name, url: form.url, events: [...new Set(form.events)], secret, allowPrivate: form.allowPrivate, createdBy: auditActorOf(actor).actor, createdAt: clock.now() });
      await audit.record(tx, { ...auditActorOf(actor), action: 'webhook.add', subject: `webhook_subscription:${saved.id}`, details: { host: new URL(saved.url).host, events: saved.events, allowPrivate: saved.allowPrivate } });
      return saved;
    });
    return { subscription, secret };
  }

  async function listSubscriptions(actor: AnyActor): Promise<Subscription[]> {
    authorize(actor, 'integration.manage');
    return repository.listSubscriptions(db);
  }

  /** Stops new events going to a subscription; deliveries already made wait, kept, until it is enabled again. */
  async function setActive(actor: AnyActor, id: number, active: boolean): Promise<Subscription> {
    authorize(actor, 'integration.manage');
    return withTransaction(db, async (tx) => {
      const saved = await repository.setSubscriptionActive(tx, id, active, clock.now());
      if (!saved) throw new NotFound(`There is no webhook subscription ${id}.`);
      await audit.record(tx, { ...auditActorOf(actor), action: active ? 'webhook.enable' : 'webhook.disable', subject: `webhook_subscription:${id}` });
      return saved;
    });
  }

  async function listDeliveries(actor: AnyActor, filter: { status?: DeliveryStatus; subscriptionId?: number; limit?: number } = {}) {
    authorize(actor, 'integration.manage');
    return repository.listDeliveries(db, { ...filter, limit: Math.min(filter.limit ?? 50, 500) });
  }

  async function deliveryCounts(actor: AnyActor) {
    authorize(actor, 'integration.manage');
    return repository.deliveryCounts(db);
  }

  /** Sends a dead delivery again, from its first attempt, with the same event id. */
  async function redriveDelivery(actor: AnyActor, id: number): Promise<void> {
    authorize(actor, 'integration.manage');
    await withTransaction(db, async (tx) => {
      if (!(await repository.redrive(tx, id, clock.now()))) throw new NotFound(`There is no dead delivery ${id} to send again.`);
      await audit.record(tx, { ...auditActorOf(actor), action: 'webhook.redrive', subject: `webhook_delivery:${id}` });
    });
  }

  /** Publishes a 'webhook.test' event through the outbox, for the one subscription named. */
  async function sendTest(actor: AnyActor, id: number): Promise<string> {
    authorize(actor, 'integration.manage');
    return withTransaction(db, async (tx) => {
      const subscription = await repository.findSubscription(tx, id);
      if (!subscription) throw new NotFound(`There is no webhook subscription ${id}.`);
      const eventId = await outbox.publish(tx, { type: testEventType, subject: `webhook_subscription:${id}`, payload: { subscriptionId: id, name: subscription.name } });
      await audit.record(tx, { ...auditActorOf(actor), action: 'webhook.test', subject: `webhook_subscription:${id}`, details: { eventId } });
      return eventId;
    });
  }

  return { addSubscription, listSubscriptions, setActive, listDeliveries, deliveryCounts, redriveDelivery, sendTest };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
