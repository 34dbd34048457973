// Synthetic paired predictions for bench:compare (seeded): truth drawn from the HS 2022 subheadings, model A right
// about half the time and B more often, near misses in the same chapter, the rest anywhere.
import { existsSync, writeFileSync } from "node:fs";
import { quoteCsv } from "../workbench/csv";
import { createRng } from "../workbench/random";

export interface Pair {
  truth: string;
  a: string;
  pa: number;
  b: string;
  pb: number;
}

export function syntheticPairs(n: number, codes: readonly string[], seed = 2022): Pair[] {
  const rng = createRng(seed);
  const byChapter = new Map<string, string[]>();
  for (const c of codes) byChapter.set(c.slice(0, 2), [...(byChapter.get(c.slice(0, 2)) ?? []), c]);
  const predict = (truth: string, right: number) => {
    const r = rng.next();
    if (r < right) return truth;
    if (r < right + (1 - right) * 0.6) return rng.pick(byChapter.get(truth.slice(0, 2))!);
    return rng.pick(codes);
  };
  return Array.from({ length: n }, () => {
    // skewed towards the first codes of each draw, like real trade
    const truth = codes[Math.floor(codes.length * rng.next() ** 2)]!;
    return { truth, a: predict(truth, 0.5), pa: rng.next(), b: predict(truth, 0.6), pb: rng.next() };
  });
}

/** The pairs as the CSV the browser loads (line, ref, description, truth, a_code, a_probability, b_code, b_probability), written once. */
export function ensurePairsCsv(path: string, pairs: readonly Pair[]): void {
  if (existsSync(path)) return;
  const lines = ["line,ref,description,truth,a_code,a_probability,b_code,b_probability"];
  pairs.forEach((p, i) =>
    lines.push([i + 1, `row ${i + 1}`, quoteCsv(`synthetic line ${i + 1}`), p.truth, p.a, p.pa.toFixed(4), p.b, p.pb.toFixed(4)].join(",")),
  );
  writeFileSync(path, lines.join("\n") + "\n");
}
