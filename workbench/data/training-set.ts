import type { Nomenclature } from "../hs/nomenclature";
import { createRng } from "../random";
import { traderStyle } from "../text/trader-style";
import { splitOf } from "./text-split";
import type { SourceLine } from "./text-sources";

export interface LabelledText {
  text: string;
  hs6: string;
  origin: "nomenclature" | "schedule-b" | "us-hts" | "glossary" | "augmented" | "held-out";
}

export interface TrainingOptions {
  seed: number;
  /** trader-style rewrites per training text (0 = tariff wording only) */
  augmentations: number;
}

/**
 * Training texts in tariff wording: nomenclature descriptions, US HTS lines (with their full path) and Schedule B
 * lines of the training split. Held-out Schedule B lines are never read here.
 */
export function baseTrainingTexts(sources: readonly SourceLine[], nomenclature: Nomenclature): LabelledText[] {
  const base: LabelledText[] = [];
  for (const sub of nomenclature.subheadings()) {
    const heading = nomenclature.get(sub.code.slice(0, 4))!;
    base.push({ text: sub.description, hs6: sub.code, origin: "nomenclature" });
    base.push({ text: `${heading.description}; ${sub.description}`, hs6: sub.code, origin: "nomenclature" });
  }
  for (const line of sources) {
    if (splitOf(line) !== "train" || !nomenclature.has(line.hs6)) continue;
    if (line.text && !/^other$/i.test(line.text)) base.push({ text: line.text, hs6: line.hs6, origin: line.source });
    if (line.longText && line.longText !== line.text) base.push({ text: line.longText, hs6: line.hs6, origin: line.source });
  }
  return base;
}

/** Trader-style rewrites of training texts (abbreviations, typos, word drops, other word orders and languages). */
export function augment(base: readonly LabelledText[], options: TrainingOptions): LabelledText[] {
  const rng = createRng(options.seed);
  const augmented: LabelledText[] = [];
  for (const example of base) {
    for (let i = 0; i < options.augmentations; i++) {
      // Full paths are long: rewrite their most specific part, as a trader would describe the goods.
      const source = example.text.includes(" > ") ? example.text.split(" > ").slice(-2).join(" ") : example.text;
      const { text } = traderStyle(source, rng, { chapter: example.hs6.slice(0, 2), otherLanguage: 0.08 });
      augmented.push({ text, hs6: example.hs6, origin: "augmented" });
    }
  }
  return augmented;
}

/**
 * The held-out evaluation set: held-out Schedule B texts rewritten in trader style with a seed of their own
 * (the demo extract used other rewrites of the same held-out texts; training never saw any of them).
 */
export function buildHeldOutSet(sources: readonly SourceLine[], nomenclature: Nomenclature, seed = 7777): LabelledText[] {
  const rng = createRng(seed);
  return sources
    .filter((l) => splitOf(l) === "holdout" && nomenclature.has(l.hs6))
    .map((l) => ({
      text: traderStyle(rng.chance(0.8) ? l.text : l.longText, rng, { chapter: l.hs6.slice(0, 2), unit: l.units.split(";")[0], otherLanguage: 0.06 }).text,
      hs6: l.hs6,
      origin: "held-out" as const,
    }));
}

/** Deterministic shuffle (Fisher–Yates) so training order does not depend on source order. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rng = createRng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
