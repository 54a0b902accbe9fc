import { parentPort } from 'node:worker_threads';
import type { Blocks } from './blocking.ts';
import { comparePairsOfBlocks } from './pairs.ts';
import { PatternCounter } from './patterns.ts';
import type { PreparedRecords } from './prepare.ts';

// A worker thread of the linkage pool: it is handed the prepared records and blocks once (in shared memory),
// then ranges of blocks to enumerate and compare.

export type WorkerTask =
  | { kind: 'setup'; records: PreparedRecords; blocks: Blocks }
  | { kind: 'pairs'; id: number; from: number; to: number };

let records: PreparedRecords | null = null;
let blocks: Blocks | null = null;

parentPort?.on('message', (task: WorkerTask) => {
  if (task.kind === 'setup') {
    records = task.records;
    blocks = task.blocks;
    parentPort?.postMessage({ kind: 'ready' });
    return;
  }
  if (records === null || blocks === null) throw new Error('The linkage worker was given work before its records.');
  const batch = comparePairsOfBlocks(records, blocks, task.from, task.to);
  const counter = new PatternCounter();
  counter.addLevels(batch.levels, batch.count);
  const patterns = counter.result();
  parentPort?.postMessage({ kind: 'done', id: task.id, batch, patterns },
    [batch.a.buffer, batch.b.buffer, batch.levels.buffer, patterns.codes.buffer, patterns.counts.buffer] as ArrayBuffer[]);
});
