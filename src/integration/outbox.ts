import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/connection.ts';
import { ValidationFailed } from '../errors.ts';
import { insertEvent } from './webhook.repository.ts';
import { eventTypeSchema, type OutboxMessage } from './webhook.ts';

// The outbox: a domain service publishes an event inside the transaction that makes the change, so the event exists
// if and only if the change was committed. The dispatcher hands it to back offices afterwards.

export type Outbox = {
  /** Writes the event with the caller's transaction; returns its id, the one receivers deduplicate by. */
  publish(tx: Queryable, message: OutboxMessage): Promise<string>;
};

export function createOutbox({ clock }: { clock: Clock }): Outbox {
  return {
    async publish(tx, message) {
      const type = eventTypeSchema.safeParse(message.type);
      if (!type.success) throw new ValidationFailed(`"${message.type}" is not an event type: use dotted words, like case.created.`);
      const eventId = randomUUID();
      await insertEvent(tx, { eventId, type: type.data, subject: message.subject ?? null, payload: message.payload ?? {}, occurredAt: clock.now() });
      return eventId;
    },
  };
}
