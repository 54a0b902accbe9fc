import os from 'node:os';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import * as jobs from './job.repository.ts';

export type JobHandler = (payload: Record<string, unknown>, job: jobs.Job) => Promise<unknown>;

export type WorkerLog = { info(object: object, message: string): void; error(object: object, message: string): void };

const maxAttempts = 5;

// Runs queued jobs one at a time until stopped; a failure is retried with growing waits, then left as failed.
export function createWorker({ db, clock, handlers, log, pollMs = 1000, abandonedAfterMs = 6 * 3_600_000 }: {
  db: Db; clock: Clock; handlers: Record<string, JobHandler>; log: WorkerLog; pollMs?: number;
  /** A running job older than this was left by a worker that died. 0 when this process is the only worker (PGlite). */
  abandonedAfterMs?: number;
}) {
  const name = `${os.hostname()}:${process.pid}`;
  let running = false;
  let idle: Promise<void> = Promise.resolve();
  let wake: (() => void) | undefined;

  async function runOnce(): Promise<boolean> {
    const job = await jobs.claimNext(db, name, clock.now());
    if (!job) return false;
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`No handler for jobs of kind ${job.kind}.`);
      await handler(job.payload, job);
      await jobs.completeJob(db, job.id, clock.now());
      log.info({ jobId: job.id, kind: job.kind }, 'job done');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryAt = job.attempts < maxAttempts ? new Date(clock.now().getTime() + 2 ** job.attempts * 5_000) : undefined;
      await jobs.failJob(db, job.id, message, retryAt, clock.now());
      log.error({ jobId: job.id, kind: job.kind, attempts: job.attempts }, retryAt ? 'job failed; will retry' : 'job failed for good');
    }
    return true;
  }

  function start(): void {
    if (running) return;
    running = true;
    idle = (async () => {
      await jobs.releaseAbandoned(db, new Date(clock.now().getTime() - abandonedAfterMs));
      while (running) {
        const worked = await runOnce().catch((error: unknown) => {
          log.error({ err: error instanceof Error ? error.message : String(error) }, 'job queue unavailable');
          return false;
        });
        if (!worked && running) await new Promise<void>((resolve) => { wake = resolve; setTimeout(resolve, pollMs); });
      }
    })();
  }

  /** Stops after the job in hand, if any, is finished. */
  async function stop(): Promise<void> {
    running = false;
    wake?.();
    await idle;
  }

  return { start, stop, runOnce, poke: () => wake?.() };
}
