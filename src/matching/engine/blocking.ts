import type { PreparedRecords } from './prepare.ts';
import { blockingKeys, blockingRules } from './blocking-rules.ts';

// Blocks: for each rule, the records grouped by key. A block of up to maxBlockSize records has every pair
// compared; a bigger one (a common name, a care home's phone) is put in name order and each record compared
// with the next `window` records only (a sorted neighbourhood), so a million records stay tractable.

export const maxBlockSize = 32;
export const neighbourhoodWindow = 8;
const indexBits = 2 ** 22;

/** Blocks of every rule, ready for pair enumeration (in this thread or a worker). */
export type Blocks = {
  keys: Int32Array[];
  /** Per rule, record indices grouped by key; big blocks in name order. */
  order: Int32Array[];
  /** Per rule and record: -1 in a block compared whole, else the record's place in its windowed block. */
  position: Int32Array[];
  window: number;
  blockRule: Int32Array;
  blockStart: Int32Array;
  blockEnd: Int32Array;
  /** Pairs each block can give before rules earlier in the list are discounted. */
  blockCost: Float64Array;
};

function shared32(length: number, shared: boolean): Int32Array {
  return new Int32Array(shared ? new SharedArrayBuffer(Math.max(8, length * 4)) : new ArrayBuffer(length * 4));
}

/** Orders records by family then given name, so a windowed block pairs records with similar names. */
function nameOrder(r: PreparedRecords, names: readonly string[]): Float64Array {
  const ids = names.map((_, id) => id).sort((a, b) => ((names[a] ?? '') < (names[b] ?? '') ? -1 : 1));
  const rank = new Float64Array(names.length);
  ids.forEach((id, place) => { rank[id] = place + 1; });
  const value = new Float64Array(r.count);
  for (let i = 0; i < r.count; i++) {
    const family = r.family[i] ?? -1;
    const given = r.given[i] ?? -1;
    value[i] = (family < 0 ? 0 : rank[family] ?? 0) * 2 ** 21 + (given < 0 ? 0 : rank[given] ?? 0);
  }
  return value;
}

class BlockList {
  rule: number[] = [];
  start: number[] = [];
  end: number[] = [];
  cost: number[] = [];

  add(rule: number, start: number, end: number, cost: number): void {
    this.rule.push(rule);
    this.start.push(start);
    this.end.push(end);
    this.cost.push(cost);
  }
}

/** Groups the records by every rule's key. `names` is the name dictionary's text, for name order. */
export function buildBlocks(r: PreparedRecords, names: readonly string[], options: { shared: boolean; window?: number }): Blocks {
  if (r.count >= indexBits) throw new Error(`Linking is limited to ${indexBits - 1} records at once.`);
  const window = options.window ?? neighbourhoodWindow;
  const keys = blockingKeys(r, options.shared);
  const sortValue = nameOrder(r, names);
  const list = new BlockList();
  const order: Int32Array[] = [];
  const position: Int32Array[] = [];
  keys.forEach((ruleKeys, rule) => {
    const grouped = groupByKey(ruleKeys, options.shared);
    const places = shared32(r.count, options.shared).fill(-1);
    forEachRun(grouped, ruleKeys, (start, end) => {
      const size = end - start;
      if (size < 2) return;
      if (size <= maxBlockSize) {
        list.add(rule, start, end, (size * (size - 1)) / 2);
        return;
      }
      const members = Array.from(grouped.subarray(start, end)).sort((a, b) => (sortValue[a] ?? 0) - (sortValue[b] ?? 0));
      members.forEach((record, place) => { grouped[start + place] = record; places[record] = place; });
      list.add(rule, start, end, size * Math.min(window, size - 1));
    });
    order.push(grouped);
    position.push(places);
  });
  return {
    keys, order, position, window,
    blockRule: Int32Array.from(list.rule), blockStart: Int32Array.from(list.start), blockEnd: Int32Array.from(list.end),
    blockCost: Float64Array.from(list.cost),
  };
}

function groupByKey(keys: Int32Array, shared: boolean): Int32Array {
  let present = 0;
  for (let i = 0; i < keys.length; i++) if ((keys[i] ?? -1) >= 0) present++;
  const packed = new Float64Array(present);
  let at = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? -1;
    if (key >= 0) packed[at++] = key * indexBits + i;
  }
  packed.sort();
  const grouped = shared32(present, shared);
  for (let i = 0; i < present; i++) grouped[i] = (packed[i] ?? 0) % indexBits;
  return grouped;
}

function forEachRun(grouped: Int32Array, keys: Int32Array, visit: (start: number, end: number) => void): void {
  let start = 0;
  for (let i = 1; i <= grouped.length; i++) {
    if (i < grouped.length && keys[grouped[i] ?? 0] === keys[grouped[start] ?? 0]) continue;
    visit(start, i);
    start = i;
  }
}

export { blockingRules };
