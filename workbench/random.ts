// Seeded pseudo-random numbers, so generated data and bootstrap resamples are reproducible.

export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  int(maxExclusive: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  normal(): number;
  /** log-normal with the given median and log-space sigma */
  logNormal(median: number, sigma: number): number;
  /** 1, 2, 3… with P(k) = (1-p)^(k-1) p */
  geometric(p: number): number;
}

/** mulberry32: small, fast, good enough for simulation (not for secrets). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  const normal = () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    int: (max) => Math.floor(next() * max),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    normal,
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
    geometric: (p) => {
      let k = 1;
      while (next() >= p && k < 1000) k++;
      return k;
    },
  };
}

/** Draws items in proportion to their weights in O(log n) per draw. */
export class WeightedSampler<T> {
  private readonly cumulative: number[] = [];
  private readonly items: T[] = [];

  constructor(entries: Iterable<readonly [T, number]>) {
    let total = 0;
    for (const [item, weight] of entries) {
      if (!(weight > 0)) continue;
      total += weight;
      this.items.push(item);
      this.cumulative.push(total);
    }
    if (this.items.length === 0) throw new Error("WeightedSampler needs at least one positive weight");
  }

  sample(rng: Rng): T {
    const target = rng.next() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** Stable hash of a string to [0, 1), for deterministic splits that do not depend on row order. */
export function hashUnit(text: string): number {
  // FNV-1a 32-bit, then one avalanche round
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}
