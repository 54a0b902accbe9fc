import { fieldCount, patternOf } from './fields.ts';

// Counting identical comparison vectors. Expectation–maximisation then works on a few thousand distinct
// patterns with their counts instead of millions of pairs.

/** Distinct comparison patterns (as pattern numbers) and how many pairs had each. */
export type PatternCounts = { codes: Float64Array; counts: Float64Array };

/** An open-addressing hash table from pattern number to count, in typed arrays. */
export class PatternCounter {
  private keys: Float64Array;
  private counts: Float64Array;
  private used = 0;

  constructor(capacity = 1 << 12) {
    this.keys = new Float64Array(capacity).fill(-1);
    this.counts = new Float64Array(capacity);
  }

  add(code: number, count = 1): void {
    if (this.used * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = (Math.imul(code | 0, 0x9e3779b1) ^ Math.floor(code / 4294967296)) & mask;
    for (;;) {
      const key = this.keys[slot] ?? -1;
      if (key === code) { this.counts[slot] = (this.counts[slot] ?? 0) + count; return; }
      if (key === -1) { this.keys[slot] = code; this.counts[slot] = count; this.used++; return; }
      slot = (slot + 1) & mask;
    }
  }

  addLevels(levels: Uint8Array, pairCount: number): void {
    for (let pair = 0; pair < pairCount; pair++) this.add(patternOf(levels, pair * fieldCount));
  }

  addAll(patterns: PatternCounts): void {
    patterns.codes.forEach((code, index) => this.add(code, patterns.counts[index] ?? 0));
  }

  private grow(): void {
    const keys = this.keys;
    const counts = this.counts;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.counts = new Float64Array(keys.length * 2);
    this.used = 0;
    keys.forEach((key, slot) => { if (key !== -1) this.add(key, counts[slot] ?? 0); });
  }

  result(): PatternCounts {
    const codes = new Float64Array(this.used);
    const counts = new Float64Array(this.used);
    let at = 0;
    this.keys.forEach((key, slot) => {
      if (key === -1) return;
      codes[at] = key;
      counts[at] = this.counts[slot] ?? 0;
      at++;
    });
    return { codes, counts };
  }
}
