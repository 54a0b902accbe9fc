import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// Webhooks: the types, the forms they are made from, and the pure rules (which events a subscription takes, how
// long to wait before trying again, how a body is signed and how a receiver checks it).

/** An event type: dotted lower-case words, like 'case.created' or 'person.merged'. */
export const eventTypeSchema = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'An event type is dotted words, like case.created');
/** What a subscription asks for: an event type, or a prefix ending in '*' ('case.*'), or '*' for every event. */
export const eventPatternSchema = z.string().trim().regex(/^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/, 'Name event types like case.created, case.* or *');

export const newSubscriptionSchema = z.object({
  name: z.string().trim().min(1, 'Give the subscription a name').max(100),
  url: z.string().trim().max(2000).pipe(z.url({ protocol: /^https?$/, error: 'The address must be an http or https URL' })),
  events: z.array(eventPatternSchema).min(1, 'Name at least one event type, like case.*').max(50),
  allowPrivate: z.boolean().default(false),
});
export type NewSubscription = z.input<typeof newSubscriptionSchema>;

export type Subscription = {
  id: number; name: string; url: string; events: string[]; active: boolean; allowPrivate: boolean; createdBy: string; createdAt: Date; disabledAt: Date | null;
};

export type DeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'dead';
export const deliveryStatuses = ['pending', 'delivering', 'delivered', 'dead'] as const satisfies readonly DeliveryStatus[];

export type Delivery = {
  id: number; subscriptionId: number; subscriptionName: string; eventId: string; eventType: string; status: DeliveryStatus; attempts: number;
  nextAttemptAt: Date; lastStatus: number | null; lastError: string | null; createdAt: Date; deliveredAt: Date | null;
};

/** What a domain publishes: the type, what it is about (an id, like 'case:123', never a name), and ids in the payload. */
export type OutboxMessage = { type: string; subject?: string | null; payload?: Record<string, unknown> };

/** The JSON body every receiver gets. */
export type EventEnvelope = { id: string; type: string; subject: string | null; occurredAt: string; data: Record<string, unknown> };

export function matchesEventType(patterns: readonly string[], type: string): boolean {
  return patterns.some((pattern) => pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))));
}

/** Retries: about a day in all before a delivery is left dead for an administrator to re-drive. */
export const retryPolicy = { maxAttempts: 14, firstWaitMs: 30_000, longestWaitMs: 6 * 3_600_000, jitter: 0.2 } as const;

/**
 * The wait after a failed attempt (1 for the first): doubling from 30 seconds to at most 6 hours, spread by up to a
 * fifth either way so that receivers coming back up are not met by every delivery at once. random is in [0, 1).
 */
export function retryDelayMs(attempt: number, random: number): number {
  const base = Math.min(retryPolicy.firstWaitMs * 2 ** Math.max(0, attempt - 1), retryPolicy.longestWaitMs);
  return Math.round(base * (1 + retryPolicy.jitter * (2 * random - 1)));
}

export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The signature header's value: HMAC-SHA256 under the shared secret of "<timestamp>.<body>", in hex. */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does with a request (written here so it can be tested, and copied into the README): the
 * signature must match, compared in constant time, and the timestamp be within five minutes of its own clock, so a
 * captured request cannot be replayed later. Duplicates within the window are caught by OneStop-Event-Id.
 */
export function verifySignature(input: { secret: string; timestamp: string; body: string; signature: string; now: Date; toleranceSeconds?: number }): boolean {
  const timestamp = Number(input.timestamp);
  if (!Number.isInteger(timestamp)) return false;
  if (Math.abs(input.now.getTime() / 1000 - timestamp) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signatureOf(input.secret, timestamp, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Test events go to the one subscription they name; every other event to each subscription asking for its type. */
export function wantsEvent(subscription: { id: number; event_types: string[] }, event: { type: string; subject: string | null }): boolean {
  if (event.type === testEventType) return event.subject === `webhook_subscription:${subscription.id}`;
  return matchesEventType(subscription.event_types, event.type);
}

export const testEventType = 'webhook.test';
