/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), seeded through splitmix32 so that
 * nearby seeds and streams give unrelated sequences. Only 32-bit integer arithmetic, so the same
 * seed gives the same numbers on every platform and Node version, which keeps demo files
 * byte-identical between runs.
 */
export class Random {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  /** `stream` gives independent sequences from one seed, so one part of the demo can change without moving another. */
  constructor(seed: number, stream = 0) {
    let state = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const splitmix = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Cannot pick from an empty list.');
    return item;
  }

  /**
   * A roughly normal number: the sum of six uniform draws (Irwin–Hall), which needs no Math.log or
   * Math.cos, whose last bits may differ between JavaScript engines.
   */
  normal(mean: number, deviation: number): number {
    let sum = 0;
    for (let draw = 0; draw < 6; draw++) sum += this.next();
    return mean + deviation * (sum - 3) * Math.SQRT2;
  }
}

/** Picks items in proportion to their weights, in O(log n) per pick. */
export class WeightedPicker<T> {
  private readonly items: T[] = [];
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    let total = 0;
    for (const [item, weight] of entries) {
      if (!(weight > 0)) continue;
      total += weight;
      this.items.push(item);
      this.cumulative.push(total);
    }
    if (this.items.length === 0) throw new Error('A weighted picker needs at least one item with a positive weight.');
    this.total = total;
  }

  pick(random: Random): T {
    const target = random.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.cumulative[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    const item = this.items[low];
    if (item === undefined) throw new Error('Weighted picker is empty.');
    return item;
  }
}

/**
 * A bijection on [0, size): counters passed through it give unique but scattered numbers, so phone
 * and NI numbers never collide between two people and still look random.
 */
export class Scatter {
  private readonly multiplier: number;
  private readonly offset: number;

  constructor(private readonly size: number, random: Random) {
    let multiplier = random.int(Math.floor(size / 3), Math.floor((size * 2) / 3)) | 1;
    while (greatestCommonDivisor(multiplier, size) !== 1) multiplier += 2;
    this.multiplier = multiplier;
    this.offset = random.int(0, size - 1);
  }

  at(index: number): number {
    if (index >= this.size) throw new Error(`Only ${this.size} unique values are available here.`);
    // Split the multiplication so the product stays below 2^53.
    const high = Math.floor(index / 65536);
    const low = index % 65536;
    const product = (((high * this.multiplier) % this.size) * 65536 + low * this.multiplier) % this.size;
    return (product + this.offset) % this.size;
  }
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}
