import type { Blocks } from './blocking.ts';
import { comparePair } from './compare.ts';
import { fieldCount } from './fields.ts';
import type { PreparedRecords } from './prepare.ts';

// Candidate pairs: every pair that shares a block, each once. A pair is left to the first rule that
// produced it: a later rule skips a pair an earlier rule's block already gave, so no set of seen pairs
// is needed and any range of blocks can be worked on by any thread.

/** Compared pairs: records a[i] < b[i], and their comparison vectors, fieldCount bytes each. */
export type PairBatch = { count: number; a: Int32Array; b: Int32Array; levels: Uint8Array; perRule: Float64Array };

class PairBuffer {
  count = 0;
  a: Int32Array;
  b: Int32Array;
  levels: Uint8Array;

  constructor(capacity: number) {
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.levels = new Uint8Array(capacity * fieldCount);
  }

  /** Room for one more pair; returns its index. */
  next(): number {
    if (this.count === this.a.length) this.grow();
    return this.count++;
  }

  private grow(): void {
    const capacity = this.a.length * 2;
    const a = new Int32Array(capacity);
    a.set(this.a);
    const b = new Int32Array(capacity);
    b.set(this.b);
    const levels = new Uint8Array(capacity * fieldCount);
    levels.set(this.levels);
    this.a = a;
    this.b = b;
    this.levels = levels;
  }

  finish(perRule: Float64Array): PairBatch {
    return {
      count: this.count, a: this.a.slice(0, this.count), b: this.b.slice(0, this.count),
      levels: this.levels.slice(0, this.count * fieldCount), perRule,
    };
  }
}

/** True when an earlier rule than `rule` already produced the pair (x, y). */
function isEarlier(blocks: Blocks, rule: number, x: number, y: number): boolean {
  for (let earlier = 0; earlier < rule; earlier++) {
    const keys = blocks.keys[earlier];
    const position = blocks.position[earlier];
    if (keys === undefined || position === undefined) continue;
    const key = keys[x] ?? -1;
    if (key < 0 || key !== keys[y]) continue;
    const place = position[x] ?? -1;
    if (place < 0 || Math.abs(place - (position[y] ?? 0)) <= blocks.window) return true;
  }
  return false;
}

/** Enumerates and compares the pairs of blocks [from, to). */
export function comparePairsOfBlocks(r: PreparedRecords, blocks: Blocks, from: number, to: number): PairBatch {
  const buffer = new PairBuffer(1 << 16);
  const perRule = new Float64Array(blocks.keys.length);
  const emit = (rule: number, x: number, y: number): void => {
    if (isEarlier(blocks, rule, x, y)) return;
    const index = buffer.next();
    const low = x < y ? x : y;
    const high = x < y ? y : x;
    buffer.a[index] = low;
    buffer.b[index] = high;
    comparePair(r, low, high, buffer.levels, index * fieldCount);
    perRule[rule] = (perRule[rule] ?? 0) + 1;
  };
  const last = Math.min(to, blocks.blockCost.length);
  for (let block = from; block < last; block++) {
    const rule = blocks.blockRule[block] ?? 0;
    const start = blocks.blockStart[block] ?? 0;
    const end = blocks.blockEnd[block] ?? 0;
    const order = blocks.order[rule];
    const position = blocks.position[rule];
    if (order === undefined || position === undefined) continue;
    const windowed = (position[order[start] ?? 0] ?? -1) >= 0;
    for (let i = start; i < end; i++) {
      const x = order[i] ?? 0;
      const last = windowed ? Math.min(end, i + 1 + blocks.window) : end;
      for (let j = i + 1; j < last; j++) emit(rule, x, order[j] ?? 0);
    }
  }
  return buffer.finish(perRule);
}
