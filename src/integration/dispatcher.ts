import os from 'node:os';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { postJson } from './webhook.client.ts';
import * as repository from './webhook.repository.ts';
import { resolveTarget, type Resolver } from './target-guard.ts';
import { retryDelayMs, retryPolicy, signatureOf, wantsEvent } from './webhook.ts';

export type DispatcherLog = { info(object: object, message: string): void; error(object: object, message: string): void };
export type DispatcherOptions = {
  db: Db; clock: Clock; log?: DispatcherLog;
  /** How long a back office has to answer. */
  timeoutMs?: number;
  /** A delivery marked delivering for longer than this was left by a dispatcher that died; 0 when this process is the only one (PGlite). */
  abandonedAfterMs?: number;
  resolve?: Resolver; random?: () => number; name?: string; pollMs?: number;
  /** Deliveries in flight at once (to different subscriptions: each subscription's are in order). */
  concurrency?: number;
};

// Hands events from the outbox to subscribers: fans each out to a delivery per matching subscription, then
// delivers them, signed, retried with backoff until delivered or dead. Runs in the server beside the job worker.
export function createDispatcher(options: DispatcherOptions) {
  const { db, clock } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const name = options.name ?? `${os.hostname()}:${process.pid}`;
  const random = options.random ?? Math.random;

  /** Fans out a batch of events; the number taken from the outbox. */
  function fanOut(limit = 500): Promise<number> {
    return withTransaction(db, (tx) => repository.fanOut(tx, clock.now(), limit, wantsEvent));
  }

  /** Delivers the next due delivery, if any: true when there was one. */
  async function deliverNext(): Promise<boolean> {
    const delivery = await repository.claimDelivery(db, name, clock.now());
    if (!delivery) return false;
    const body = JSON.stringify(delivery.envelope);
    const timestamp = Math.floor(clock.now().getTime() / 1000);
    let outcome: Awaited<ReturnType<typeof postJson>>;
    try {
      // Checked again at each attempt: the name may resolve elsewhere since the subscription was made.
      const target = await resolveTarget(delivery.url, delivery.allowPrivate, options.resolve);
      outcome = await postJson(target, body, {
        'onestop-event-id': delivery.envelope.id,
        'onestop-event-type': delivery.envelope.type,
        'onestop-timestamp': String(timestamp),
        'onestop-signature': signatureOf(delivery.secret, timestamp, body),
        'onestop-delivery-attempt': String(delivery.attempts),
      }, timeoutMs);
    } catch (error) {
      outcome = { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.ok) {
      await repository.markDelivered(db, delivery.id, outcome.status, clock.now());
      options.log?.info({ deliveryId: delivery.id, eventId: delivery.envelope.id }, 'webhook delivered');
      return true;
    }
    const retryAt = delivery.attempts < retryPolicy.maxAttempts ? new Date(clock.now().getTime() + retryDelayMs(delivery.attempts, random())) : undefined;
    await repository.markFailed(db, delivery.id, outcome, retryAt);
    options.log?.error({ deliveryId: delivery.id, eventId: delivery.envelope.id, attempts: delivery.attempts, error: outcome.error }, retryAt ? 'webhook failed; will retry' : 'webhook failed for good: dead');
    return true;
  }

  function releaseAbandoned(): Promise<number> {
    const now = clock.now();
    return repository.releaseAbandoned(db, new Date(now.getTime() - (options.abandonedAfterMs ?? timeoutMs + 60_000)), now);
  }

  /** Fans out and delivers everything due now, one at a time (for tests and the command line); the steps taken. */
  async function runUntilIdle(): Promise<number> {
    let delivered = 0;
    while ((await fanOut()) > 0 || (await deliverNext())) delivered++;
    return delivered;
  }

  let running = false;
  let loops: Array<Promise<void>> = [];
  const waking = new Set<() => void>();
  const nap = () => new Promise<void>((resolve) => {
    const wake = () => { waking.delete(wake); clearTimeout(timer); resolve(); };
    const timer = setTimeout(wake, options.pollMs ?? 500);
    waking.add(wake);
  });

  async function loop(first: boolean): Promise<void> {
    let lastRelease = 0;
    while (running) {
      try {
        if (first && Date.now() - lastRelease > 30_000) { await releaseAbandoned(); lastRelease = Date.now(); }
        const fanned = first ? await fanOut() : 0;
        if (!(await deliverNext()) && fanned === 0 && running) await nap();
      } catch (error) {
        options.log?.error({ err: error instanceof Error ? error.message : String(error) }, 'webhook dispatcher: outbox unavailable');
        if (running) await nap();
      }
    }
  }

  function start(): void {
    if (running) return;
    running = true;
    loops = Array.from({ length: options.concurrency ?? 4 }, (_, index) => loop(index === 0));
  }

  /** Stops after the deliveries in hand are finished. */
  async function stop(): Promise<void> {
    running = false;
    for (const wake of [...waking]) wake();
    await Promise.all(loops);
  }

  return { fanOut, deliverNext, releaseAbandoned, runUntilIdle, start, stop, poke: () => { for (const wake of [...waking]) wake(); } };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
