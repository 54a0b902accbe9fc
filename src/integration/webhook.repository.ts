import { sql } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import type { Delivery, DeliveryStatus, EventEnvelope, Subscription } from './webhook.ts';

// SQL for the outbox, subscriptions and deliveries. Claims are single statements with SKIP LOCKED, so no
// transaction is held open while a back office is called.

export async function insertEvent(db: Queryable, row: { eventId: string; type: string; subject: string | null; payload: Record<string, unknown>; occurredAt: Date }): Promise<number> {
  const inserted = await db.insertInto('outbox_event')
    .values({ event_id: row.eventId, type: row.type, subject: row.subject, payload: JSON.stringify(row.payload), occurred_at: row.occurredAt })
    .returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

type SubscriptionRow = { id: number; name: string; target_url: string; event_types: string[]; active: boolean; allow_private: boolean; created_by: string; created_at: Date; disabled_at: Date | null };
const subscriptionColumns = ['id', 'name', 'target_url', 'event_types', 'active', 'allow_private', 'created_by', 'created_at', 'disabled_at'] as const;

function toSubscription(row: SubscriptionRow): Subscription {
  return { id: row.id, name: row.name, url: row.target_url, events: row.event_types, active: row.active, allowPrivate: row.allow_private, createdBy: row.created_by, createdAt: row.created_at, disabledAt: row.disabled_at };
}

export async function insertSubscription(db: Queryable, row: { name: string; url: string; events: string[]; secret: string; allowPrivate: boolean; createdBy: string; createdAt: Date }): Promise<Subscription> {
  const inserted = await db.insertInto('webhook_subscription')
    .values({ name: row.name, target_url: row.url, event_types: row.events, secret: row.secret, allow_private: row.allowPrivate, created_by: row.createdBy, created_at: row.createdAt })
    .returning(subscriptionColumns).executeTakeFirstOrThrow();
  return toSubscription(inserted);
}

export async function findSubscriptionByName(db: Queryable, name: string): Promise<Subscription | undefined> {
  const row = await db.selectFrom('webhook_subscription').select(subscriptionColumns).where('name', '=', name).executeTakeFirst();
  return row ? toSubscription(row) : undefined;
}

export async function findSubscription(db: Queryable, id: number): Promise<Subscription | undefined> {
  const row = await db.selectFrom('webhook_subscription').select(subscriptionColumns).where('id', '=', id).executeTakeFirst();
  return row ? toSubscription(row) : undefined;
}

export async function listSubscriptions(db: Queryable): Promise<Subscription[]> {
  return (await db.selectFrom('webhook_subscription').select(subscriptionColumns).orderBy('name').execute()).map(toSubscription);
}

export async function setSubscriptionActive(db: Queryable, id: number, active: boolean, at: Date): Promise<Subscription | undefined> {
  const row = await db.updateTable('webhook_subscription').set({ active, disabled_at: active ? null : at }).where('id', '=', id).returning(subscriptionColumns).executeTakeFirst();
  return row ? toSubscription(row) : undefined;
}

/**
 * Fans out the oldest undispatched events to a delivery per matching active subscription. One fan-out at a time
 * (an advisory lock for the transaction), so deliveries are made in the order events were published.
 */
export async function fanOut(tx: Queryable, now: Date, limit: number, matches: (subscription: { id: number; event_types: string[] }, event: { type: string; subject: string | null }) => boolean): Promise<number> {
  const locked = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext('onestop.outbox.fan_out')) as locked`.execute(tx);
  if (!locked.rows[0]?.locked) return 0;
  const events = await tx.selectFrom('outbox_event').select(['id', 'type', 'subject']).where('dispatched_at', 'is', null).orderBy('id').limit(limit).execute();
  if (events.length === 0) return 0;
  const subscriptions = await tx.selectFrom('webhook_subscription').select(['id', 'event_types']).where('active', '=', true).orderBy('id').execute();
  const deliveries = events.flatMap((event) => subscriptions.filter((subscription) => matches(subscription, event))
    .map((subscription) => ({ subscription_id: subscription.id, outbox_event_id: event.id, next_attempt_at: now, created_at: now })));
  if (deliveries.length > 0) await tx.insertInto('webhook_delivery').values(deliveries).onConflict((conflict) => conflict.doNothing()).execute();
  await tx.updateTable('outbox_event').set({ dispatched_at: now }).where('id', 'in', events.map((event) => event.id)).execute();
  return events.length;
}

export type ClaimedDelivery = { id: number; attempts: number; subscriptionId: number; url: string; secret: string; allowPrivate: boolean; envelope: EventEnvelope };

/**
 * Takes the next due delivery whose subscription is active and has nothing earlier still to deliver, marking it
 * delivering and counting the attempt, in one statement: two dispatchers never take the same one.
 */
export async function claimDelivery(db: Queryable, worker: string, now: Date): Promise<ClaimedDelivery | undefined> {
  const result = await sql<{ id: number; attempts: number; subscription_id: number; target_url: string; secret: string; allow_private: boolean; event_id: string; type: string; subject: string | null; payload: Record<string, unknown>; occurred_at: Date }>`
    with claimed as (
      update webhook_delivery set status = 'delivering', locked_at = ${now}, locked_by = ${worker}, attempts = attempts + 1
      where id = (
        select d.id from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id and s.active
        where d.status = 'pending' and d.next_attempt_at <= ${now}
          and not exists (select 1 from webhook_delivery e where e.subscription_id = d.subscription_id
                          and e.status in ('pending', 'delivering') and e.outbox_event_id < d.outbox_event_id)
        order by d.next_attempt_at, d.id for update of d skip locked limit 1)
      and status = 'pending'
      returning id, attempts, subscription_id, outbox_event_id)
    select c.id, c.attempts, c.subscription_id, s.target_url, s.secret, s.allow_private, o.event_id, o.type, o.subject, o.payload, o.occurred_at
    from claimed c join webhook_subscription s on s.id = c.subscription_id join outbox_event o on o.id = c.outbox_event_id`.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    id: Number(row.id), attempts: row.attempts, subscriptionId: row.subscription_id, url: row.target_url, secret: row.secret, allowPrivate: row.allow_private,
    envelope: { id: row.event_id, type: row.type, subject: row.subject, occurredAt: new Date(row.occurred_at).toISOString(), data: row.payload },
  };
}

export async function markDelivered(db: Queryable, id: number, status: number, now: Date): Promise<void> {
  await db.updateTable('webhook_delivery').set({ status: 'delivered', last_status: status, last_error: null, delivered_at: now, locked_at: null, locked_by: null })
    .where('id', '=', id).where('status', '=', 'delivering').execute();
}

/** A failed attempt: tried again at retryAt, or dead when there is none. */
export async function markFailed(db: Queryable, id: number, outcome: { status: number | null; error: string }, retryAt: Date | undefined): Promise<void> {
  await db.updateTable('webhook_delivery')
    .set({ status: retryAt ? 'pending' : 'dead', ...(retryAt ? { next_attempt_at: retryAt } : {}), last_status: outcome.status, last_error: outcome.error.slice(0, 500), locked_at: null, locked_by: null })
    .where('id', '=', id).where('status', '=', 'delivering').execute();
}

/** Deliveries held by a dispatcher that died go back to be tried again (the attempt it made still counts). */
export async function releaseAbandoned(db: Queryable, lockedBefore: Date, now: Date): Promise<number> {
  const result = await db.updateTable('webhook_delivery').set({ status: 'pending', next_attempt_at: now, locked_at: null, locked_by: null, last_error: 'the dispatcher stopped during the attempt' })
    .where('status', '=', 'delivering').where('locked_at', '<', lockedBefore).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function redrive(db: Queryable, id: number, now: Date): Promise<boolean> {
  const result = await db.updateTable('webhook_delivery').set({ status: 'pending', attempts: 0, next_attempt_at: now })
    .where('id', '=', id).where('status', '=', 'dead').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listDeliveries(db: Queryable, filter: { status?: DeliveryStatus; subscriptionId?: number; limit: number }): Promise<Delivery[]> {
  let query = db.selectFrom('webhook_delivery as d').innerJoin('webhook_subscription as s', 's.id', 'd.subscription_id').innerJoin('outbox_event as o', 'o.id', 'd.outbox_event_id')
    .select(['d.id', 'd.subscription_id', 's.name', 'o.event_id', 'o.type', 'd.status', 'd.attempts', 'd.next_attempt_at', 'd.last_status', 'd.last_error', 'd.created_at', 'd.delivered_at'])
    .orderBy('d.id', 'desc').limit(filter.limit);
  if (filter.status) query = query.where('d.status', '=', filter.status);
  if (filter.subscriptionId) query = query.where('d.subscription_id', '=', filter.subscriptionId);
  return (await query.execute()).map((row) => ({
    id: row.id, subscriptionId: row.subscription_id, subscriptionName: row.name, eventId: row.event_id, eventType: row.type, status: row.status, attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at, lastStatus: row.last_status, lastError: row.last_error, createdAt: row.created_at, deliveredAt: row.delivered_at,
  }));
}

export async function deliveryCounts(db: Queryable): Promise<Record<DeliveryStatus, number>> {
  const rows = await db.selectFrom('webhook_delivery').select(['status', db.fn.countAll<string>().as('count')]).groupBy('status').execute();
  const counts: Record<DeliveryStatus, number> = { pending: 0, delivering: 0, delivered: 0, dead: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}
