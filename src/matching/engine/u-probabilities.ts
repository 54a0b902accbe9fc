import { comparePair } from './compare.ts';
import { fieldCount, fieldRadix, levelStride } from './fields.ts';
import type { DecodedPatterns, LevelProbabilities } from './em.ts';
import { normalise } from './em.ts';
import { PatternCounter, type PatternCounts } from './patterns.ts';
import type { PreparedRecords } from './prepare.ts';

// u: how often each level occurs between records of two different people, counted over random pairs.
// Random pairs are almost all of different people, but not quite where people have many records each,
// so each sampled pattern can be discounted by the chance it is one person (train.ts does this).

/** A small seeded generator (mulberry32), so training is repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random pairs in two strata: pairs of records at one place (same postcode, or same address line where there is no postcode), and the rest. */
export type RandomSample = { strata: Array<{ share: number; patterns: PatternCounts }> };

/** Each record's place: its postcode, else its address line; -1 for neither. */
function placeKeys(r: PreparedRecords): Int32Array {
  const keys = new Int32Array(r.count);
  const offset = r.postcode.reduce((top, id) => Math.max(top, id), -1) + 1;
  for (let i = 0; i < r.count; i++) {
    const postcode = r.postcode[i] ?? -1;
    const address = r.address[i] ?? -1;
    keys[i] = postcode >= 0 ? postcode : address >= 0 ? offset + address : -1;
  }
  return keys;
}

function record(levels: Uint8Array, counter: PatternCounter, r: PreparedRecords, a: number, b: number): void {
  comparePair(r, Math.min(a, b), Math.max(a, b), levels, 0);
  counter.addLevels(levels, 1);
}

/** Pairs of records at one place, each such pair equally likely: a place is picked by its number of pairs. */
function samePlaceSample(r: PreparedRecords, keys: Int32Array, samples: number, random: () => number): { pairs: number; patterns: PatternCounts } {
  const order = Array.from({ length: r.count }, (_, i) => i).filter((i) => (keys[i] ?? -1) >= 0).sort((x, y) => (keys[x] ?? 0) - (keys[y] ?? 0));
  const starts: number[] = [];
  const cumulative: number[] = [];
  let pairs = 0;
  for (let i = 0; i < order.length;) {
    let end = i + 1;
    while (end < order.length && keys[order[end] ?? 0] === keys[order[i] ?? 0]) end++;
    const size = end - i;
    if (size >= 2) { pairs += (size * (size - 1)) / 2; starts.push(i); cumulative.push(pairs); }
    i = end;
  }
  const counter = new PatternCounter();
  const levels = new Uint8Array(fieldCount);
  for (let s = 0; s < samples && pairs > 0; s++) {
    const target = random() * pairs;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) { const mid = (low + high) >> 1; if ((cumulative[mid] ?? 0) > target) high = mid; else low = mid + 1; }
    const start = starts[low] ?? 0;
    let end = start + 1;
    while (end < order.length && keys[order[end] ?? 0] === keys[order[start] ?? 0]) end++;
    const first = Math.floor(random() * (end - start));
    let second = Math.floor(random() * (end - start - 1));
    if (second >= first) second++;
    record(levels, counter, r, order[start + first] ?? 0, order[start + second] ?? 0);
  }
  return { pairs, patterns: counter.result() };
}

/** Random pairs of records, in the two strata, with each stratum's share of all pairs. */
export function sampleRandomPairs(r: PreparedRecords, samples: number, seed: number): RandomSample {
  const random = seededRandom(seed);
  const keys = placeKeys(r);
  const all = (r.count * (r.count - 1)) / 2;
  const samePlace = samePlaceSample(r, keys, Math.round(samples * 0.3), random);
  const counter = new PatternCounter();
  const levels = new Uint8Array(fieldCount);
  const wanted = samples - Math.round(samples * 0.3);
  for (let s = 0, tries = 0; s < wanted && r.count >= 2 && tries < wanted * 4; tries++) {
    const a = Math.floor(random() * r.count);
    let b = Math.floor(random() * (r.count - 1));
    if (b >= a) b++;
    if ((keys[a] ?? -1) >= 0 && keys[a] === keys[b]) continue;
    record(levels, counter, r, a, b);
    s++;
  }
  const share = all > 0 ? samePlace.pairs / all : 0;
  return { strata: [{ share, patterns: samePlace.patterns }, { share: 1 - share, patterns: counter.result() }] };
}

/**
 * u over one stratum's random pairs, each pattern counted (1 - its chance of being one person) times. Half
 * a pair is added to every level, so a level the sample never saw is rare rather than impossible.
 */
export function uOfStratum(random: DecodedPatterns, matchProbability: Float64Array | null): LevelProbabilities {
  const u = new Float64Array(fieldCount * levelStride);
  for (let k = 0; k < random.size; k++) {
    const weight = (random.counts[k] ?? 0) * (1 - (matchProbability?.[k] ?? 0));
    for (let f = 0; f < fieldCount; f++) {
      const level = random.levels[k * fieldCount + f] ?? 0;
      if (level > 0) u[f * levelStride + level] = (u[f * levelStride + level] ?? 0) + weight;
    }
  }
  for (let f = 0; f < fieldCount; f++) {
    const levels = (fieldRadix[f] ?? 2) - 1;
    for (let level = 1; level <= levels; level++) u[f * levelStride + level] = (u[f * levelStride + level] ?? 0) + 0.5;
    normalise(u, f);
  }
  return u;
}

/** u over all pairs: the strata's u weighted by their shares of all pairs. */
export function uFromStrata(strata: ReadonlyArray<{ share: number; patterns: DecodedPatterns; matchProbability: Float64Array | null }>): LevelProbabilities {
  const u = new Float64Array(fieldCount * levelStride);
  for (const stratum of strata) {
    if (stratum.share <= 0 || stratum.patterns.size === 0) continue;
    const part = uOfStratum(stratum.patterns, stratum.matchProbability);
    for (let i = 0; i < u.length; i++) u[i] = (u[i] ?? 0) + stratum.share * (part[i] ?? 0);
  }
  for (let f = 0; f < fieldCount; f++) normalise(u, f);
  return u;
}
