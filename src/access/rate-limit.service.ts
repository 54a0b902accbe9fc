import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { countCall } from './rate-limit.repository.ts';

export type RateLimiter = ReturnType<typeof createRateLimiter>;
export type RateDecision = { allowed: boolean; limit: number; remaining: number; retryAfterSeconds: number };

/** The start of the fixed window a moment falls in: windows line up on the epoch, the same in every process. */
export function windowStartOf(now: Date, windowMs: number): Date {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

// Fixed windows: simple, one row a key a window, and at worst twice the limit across a window's edge, which is
// acceptable for protecting the service from a runaway client (this is not a billing meter).
export function createRateLimiter({ db, clock }: { db: Db; clock: Clock }) {
  async function hit(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    const now = clock.now();
    const windowStart = windowStartOf(now, windowMs);
    const hits = await countCall(db, key, windowStart);
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
    return { allowed: hits <= limit, limit, remaining: Math.max(0, limit - hits), retryAfterSeconds };
  }
  return { hit };
}
