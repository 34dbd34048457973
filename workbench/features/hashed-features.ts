// Text features shared by training (Node) and classification (browser): normalised text, hashed character n-grams
// and word uni/bigrams in a fixed-size vector. Changing anything here changes every model: bump FEATURES_VERSION.
import { z } from "zod";

export const FEATURES_VERSION = 1;

export const featuriserConfigSchema = z.object({
  version: z.literal(FEATURES_VERSION),
  dim: z
    .number()
    .int()
    .min(64)
    .max(1 << 18),
  charNgrams: z.array(z.number().int().min(1).max(8)).min(0),
  wordNgrams: z.array(z.number().int().min(1).max(3)).min(1),
});
export type FeaturiserConfig = z.infer<typeof featuriserConfigSchema>;

const UNIT_WORDS: Record<string, string> = {
  kgs: "kg",
  kgm: "kg",
  kilo: "kg",
  kilos: "kg",
  kilogram: "kg",
  kilograms: "kg",
  g: "g",
  gr: "g",
  grams: "g",
  pcs: "pc",
  pc: "pc",
  pieces: "pc",
  piece: "pc",
  nos: "pc",
  units: "pc",
  unit: "pc",
  sets: "set",
  ltr: "l",
  ltrs: "l",
  litre: "l",
  litres: "l",
  liter: "l",
  liters: "l",
  ml: "ml",
  mt: "t",
  tons: "t",
  tonnes: "t",
  ctns: "carton",
  cartons: "carton",
  ctn: "carton",
  pkgs: "package",
  pallets: "pallet",
  doz: "dozen",
};

// Letters that Unicode does not decompose into a base letter and an accent.
const FOLD: Record<string, string> = { ł: "l", ø: "o", ß: "ss", đ: "d", æ: "ae", œ: "oe", ı: "i" };

/** Lower case, no accents, punctuation to spaces, numbers to a placeholder, unit spellings unified. */
export function normaliseText(text: string): string {
  return isPlainAscii(text) ? normaliseAscii(text) : normaliseUnicode(text);
}

/** The general path: what normaliseText means. Tests hold the ASCII path to it. */
export function normaliseUnicode(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[łøßđæœı]/g, (c) => FOLD[c]!)
    .replace(/(\d)([a-z])/g, "$1 $2")
    .replace(/([a-z])(\d)/g, "$1 $2")
    .replace(/[^a-z0-9]+/g, " ")
    .split(" ")
    .filter(Boolean)
    .map((w) => (/^\d+$/.test(w) ? "0" : (UNIT_WORDS[w] ?? w)))
    .join(" ");
}

function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7e) return false;
  return true;
}

const enum Kind {
  Separator,
  Letter,
  Digit,
}

/**
 * The same result as normaliseUnicode for printable ASCII in one pass (no NFKD, no regular expressions): most
 * declarations are ASCII, and normalising is on the hot path of training and of every prediction.
 */
function normaliseAscii(text: string): string {
  let out = "";
  let word = "";
  let kind = Kind.Separator;
  const flush = () => {
    if (word) out += (out ? " " : "") + (kind === Kind.Digit ? "0" : (UNIT_WORDS[word] ?? word));
    word = "";
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    const next = c >= 0x61 && c <= 0x7a ? Kind.Letter : c >= 0x30 && c <= 0x39 ? Kind.Digit : Kind.Separator;
    if (next !== kind) flush();
    kind = next;
    if (next !== Kind.Separator) word += String.fromCharCode(c);
  }
  flush();
  return out;
}

/** MurmurHash3 (32-bit) of a string's UTF-16 code units: fast, well mixed, identical in Node and browsers. */
export const MURMUR_SEED = 0x9747b28c;

export function murmur3(text: string, seed = MURMUR_SEED): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i));
  return finish(h, text.length);
}

/** The features of one text, before hashing: what the explanation shows to the user. */
export function tokens(text: string, config: FeaturiserConfig): string[] {
  const normal = normaliseText(text);
  const words = normal.split(" ").filter(Boolean);
  const out: string[] = [];
  for (const n of config.wordNgrams) {
    for (let i = 0; i + n <= words.length; i++) out.push(`w:${words.slice(i, i + n).join(" ")}`);
  }
  for (const word of words) {
    if (/^\d+$/.test(word)) continue;
    const padded = `<${word}>`;
    for (const n of config.charNgrams) {
      for (let i = 0; i + n <= padded.length; i++) out.push(`c:${padded.slice(i, i + n)}`);
    }
  }
  return out;
}

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** One murmur3 round for one code unit (the loop body of murmur3). */
export function mix(h: number, unit: number): number {
  let k = Math.imul(unit, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** murmur3's final avalanche: `murmur3(s) === finish(s's units mixed into the seed, s.length)`. */
export function finish(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEED = 0x9747b28c;
const W_PREFIX = mix(mix(SEED >>> 0, 0x77 /* w */), 0x3a /* : */);
const C_PREFIX = mix(mix(SEED >>> 0, 0x63 /* c */), 0x3a /* : */);

/**
 * The hash indices of `tokens(text)` without building the token strings: the same murmur3 values, computed over
 * the normalised text in place. Featurising is on the hot path of training and of every prediction.
 */
function forEachTokenHash(text: string, config: FeaturiserConfig, visit: (hash: number) => void): void {
  const normal = normaliseText(text);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < normal.length;) {
    const end = normal.indexOf(" ", i);
    const stop = end < 0 ? normal.length : end;
    if (stop > i) {
      starts.push(i);
      ends.push(stop);
    }
    i = stop + 1;
  }
  for (const n of config.wordNgrams) {
    for (let i = 0; i + n <= starts.length; i++) {
      let h = W_PREFIX;
      const from = starts[i]!;
      const to = ends[i + n - 1]!;
      for (let j = from; j < to; j++) h = mix(h, normal.charCodeAt(j));
      visit(finish(h, 2 + to - from));
    }
  }
  const units: number[] = [];
  for (let w = 0; w < starts.length; w++) {
    const from = starts[w]!;
    const length = ends[w]! - from;
    // numbers are normalised to "0", the only all-digit word
    if (length === 1 && normal.charCodeAt(from) === 0x30) continue;
    // code units of "<word>"
    units.length = 0;
    units.push(0x3c);
    for (let j = 0; j < length; j++) units.push(normal.charCodeAt(from + j));
    units.push(0x3e);
    for (const n of config.charNgrams) {
      for (let i = 0; i + n <= units.length; i++) {
        let h = C_PREFIX;
        for (let j = i; j < i + n; j++) h = mix(h, units[j]!);
        visit(finish(h, 2 + n));
      }
    }
  }
}

export interface SparseFeatures {
  indices: number[];
  values: number[];
}

// Count scratch per dimension, reused across calls: a Map per text cost more than the hashing.
const scratch = new Map<number, Uint32Array>();

/**
 * The non-zero entries of the L2-normalised hashed feature vector of `text`, in order of first occurrence: counts
 * damped as 1 + log count, values as float32 (what every model multiplies). featuriseSparseInto's, as arrays.
 */
export function featuriseSparse(text: string, config: FeaturiserConfig): SparseFeatures {
  let buffers = sparseScratch.get(config.dim);
  if (!buffers) sparseScratch.set(config.dim, (buffers = { indices: new Int32Array(config.dim), values: new Float32Array(config.dim) }));
  const n = featuriseSparseInto(text, config, buffers.indices, buffers.values);
  return { indices: Array.from(buffers.indices.subarray(0, n)), values: Array.from(buffers.values.subarray(0, n)) };
}

const sparseScratch = new Map<number, { indices: Int32Array; values: Float32Array }>();

/**
 * The non-zero entries of a text's features written into `indices` and `values` (each at least `config.dim` long):
 * nothing allocated per text, for inference's hot path. Returns how many there are.
 */
export function featuriseSparseInto(text: string, config: FeaturiserConfig, indices: Int32Array, values: Float32Array): number {
  let counts = scratch.get(config.dim);
  if (!counts) scratch.set(config.dim, (counts = new Uint32Array(config.dim)));
  let n = 0;
  forEachTokenHash(text, config, (hash) => {
    const index = hash % config.dim;
    if (counts[index] === 0) indices[n++] = index;
    counts[index]!++;
  });
  // damped counts kept in float64 until divided, rounded to float32 once as stored; log(1) is 0, and most counts are 1
  if (damped.length < n) damped = new Float64Array(2 * n);
  let norm = 0;
  for (let k = 0; k < n; k++) {
    const count = counts[indices[k]!]!;
    const v = (damped[k] = count === 1 ? 1 : 1 + Math.log(count));
    norm += v ** 2;
    counts[indices[k]!] = 0;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < n; k++) values[k] = damped[k]! / norm;
  return n;
}

let damped = new Float64Array(1024);

/**
 * Writes the L2-normalised hashed feature vector of `text` into `target` at `offset` (dim floats).
 * Counts are damped (1 + log count) so repeated words do not dominate.
 */
export function featuriseInto(text: string, config: FeaturiserConfig, target: Float32Array, offset = 0): void {
  const { indices, values } = featuriseSparse(text, config);
  indices.forEach((index, k) => (target[offset + index] = values[k]!));
}

export function featuriseBatch(texts: readonly string[], config: FeaturiserConfig): Float32Array {
  const out = new Float32Array(texts.length * config.dim);
  texts.forEach((t, i) => featuriseInto(t, config, out, i * config.dim));
  return out;
}
