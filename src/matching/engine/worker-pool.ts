import { Worker } from 'node:worker_threads';
import type { Blocks } from './blocking.ts';
import type { PairBatch } from './pairs.ts';
import type { PatternCounts } from './patterns.ts';
import type { PreparedRecords } from './prepare.ts';

// Worker threads for the linkage hot loops. Workers start at once (loading TypeScript takes a second or
// so) while the main thread prepares the records, are handed the records and blocks in shared memory,
// then take tasks from a queue, one at a time each.

type PairsResult = { batch: PairBatch; patterns: PatternCounts };
type Pending = { task: { kind: 'pairs'; from: number; to: number }; resolve: (value: unknown) => void; reject: (error: Error) => void };

// Node 20 does not pass tsx's loader on to worker threads, so the worker registers it before importing
// its module; the same code runs whether the engine is loaded as TypeScript or not.
function workerSource(): URL {
  const api = import.meta.resolve('tsx/esm/api');
  const target = new URL('./link.worker.ts', import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(target)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

export class LinkagePool {
  private readonly workers: Worker[];
  private readonly idle: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly running = new Map<Worker, Pending>();
  private nextId = 0;

  constructor(size: number) {
    this.workers = Array.from({ length: size }, () => new Worker(workerSource()));
    for (const worker of this.workers) {
      worker.on('error', (error) => this.fail(worker, error));
      worker.on('message', (message: { kind: string }) => this.receive(worker, message));
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Hands every worker the records and blocks; resolves when all have them. */
  async setup(records: PreparedRecords, blocks: Blocks): Promise<void> {
    await Promise.all(this.workers.map((worker) => new Promise<void>((resolve, reject) => {
      const ready = (message: { kind: string }) => {
        if (message.kind !== 'ready') return;
        worker.off('message', ready);
        this.idle.push(worker);
        resolve();
      };
      worker.on('message', ready);
      worker.once('error', reject);
      worker.postMessage({ kind: 'setup', records, blocks });
    })));
    this.dispatch();
  }

  comparePairs(from: number, to: number): Promise<PairsResult> {
    return this.enqueue({ kind: 'pairs', from, to }) as Promise<PairsResult>;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private enqueue(task: Pending['task']): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop();
      const pending = this.queue.shift();
      if (!worker || !pending) return;
      this.running.set(worker, pending);
      worker.postMessage({ ...pending.task, id: this.nextId++ });
    }
  }

  private receive(worker: Worker, message: { kind: string }): void {
    if (message.kind !== 'done') return;
    const pending = this.running.get(worker);
    this.running.delete(worker);
    this.idle.push(worker);
    pending?.resolve(message);
    this.dispatch();
  }

  private fail(worker: Worker, error: Error): void {
    const pending = this.running.get(worker);
    this.running.delete(worker);
    pending?.reject(error);
    for (const queued of this.queue.splice(0)) queued.reject(error);
  }
}
