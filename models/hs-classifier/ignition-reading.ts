// Engines, generating sets and motor vehicles are classified by how their engine ignites: spark-ignition (petrol,
// gasoline, gas) in 84.07, 8502.20, 8703.21–24, 8703.40/60, 8704.31–32, 8704.51–52 and 8702.30, compression-ignition
// (diesel) in 84.08, 8502.11–13, 8703.31–33, 8703.50/70, 8704.21–23, 8704.41–43 and 8702.10/20 — the HS 2022 legal texts
// (the nomenclature file's short texts of 84.07's subheadings do not say it, and one of 87.02's says it wrongly, so the
// codes are listed here and a test reads each against its heading's or its own text). A search finds "generating sets"
// or "vehicles" and leaves the ignition to chance: "Diesel generator 20kVA" was a spark-ignition set, "SUV diesel 2.2
// litre" a petrol car. Read here: the fuel a line names; hs-combined from 1.31.0 gives a line whose best code is of the
// other ignition the best code of the same heading (84.07 and 84.08 as one) of the ignition its fuel gives. Browser-safe.

export type Ignition = "spark-ignition" | "compression-ignition";

export interface IgnitionReading {
  ignition: Ignition;
  /** the words of the description that say so, as written (a foreign line's: the English its words were read as) */
  words: string;
}

/** The codes of each ignition, as heading or subheading prefixes (what the nomenclature test reads against the texts). */
export const IGNITION_CODES: Record<Ignition, readonly string[]> = {
  "spark-ignition": ["8407", "850220", "870321", "870322", "870323", "870324", "870340", "870360", "870431", "870432", "870451", "870452", "870230"],
  "compression-ignition": [
    "8408",
    "850211",
    "850212",
    "850213",
    "870331",
    "870332",
    "870333",
    "870350",
    "870370",
    "870421",
    "870422",
    "870423",
    "870441",
    "870442",
    "870443",
    "870210",
    "870220",
  ],
};

/** The ignition of a code's engine, where its heading or subheading says one. */
export const ignitionOf = (code: string): Ignition | undefined =>
  (Object.keys(IGNITION_CODES) as Ignition[]).find((ignition) => IGNITION_CODES[ignition].some((prefix) => code.startsWith(prefix)));

// the fuels lines name their engines by; a line that names both says nothing
const FUELS: readonly [RegExp, Ignition][] = [
  [/\b(?:diesel|semi-diesel|tdi|crdi|dci)\b/i, "compression-ignition"],
  [/\b(?:petrol|gasoline|benzine?|lpg|cng|natural gas|propane)\b/i, "spark-ignition"],
];

/** The ignition the fuel a description names gives its engine, else undefined. */
export function readIgnition(text: string): IgnitionReading | undefined {
  const said = FUELS.flatMap(([pattern, ignition]) => {
    const words = text.match(pattern)?.[0];
    return words ? [{ ignition, words }] : [];
  });
  return said.length === 1 ? said[0] : undefined;
}

// 84.07 and 84.08 are one choice (engines); elsewhere the heading is
const family = (code: string) => (code.startsWith("8407") || code.startsWith("8408") ? "8407" : code.slice(0, 4));

/**
 * Where a description's best code is an engine's of the other ignition than its fuel gives, the best of the scored
 * codes (best first) of its heading (84.07 with 84.08) of that ignition; else undefined.
 */
export function ignitionCode(reading: IgnitionReading, ranked: readonly string[]): string | undefined {
  const [best] = ranked;
  const has = best === undefined ? undefined : ignitionOf(best);
  if (!has || has === reading.ignition) return undefined;
  return ranked.find((code) => family(code) === family(best!) && ignitionOf(code) === reading.ignition);
}

/** The fuel that gives a top code's ignition, as a person reads it ("diesel (“Diesel”) → compression-ignition"), else null. */
export function describeIgnition(reading: IgnitionReading, top: string): string | null {
  return ignitionOf(top) === reading.ignition ? `“${reading.words}” → ${reading.ignition}` : null;
}
