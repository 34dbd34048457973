// A model version's reference, `name@version` (e.g. hs-standard@1.0.0): the one parser and formatter that pages, the
// API, the CLI, the seed file and promotion share, so a reference means the same and fails the same everywhere.
import { z } from "zod";

export interface ModelRef {
  name: string;
  version: string;
}

const REF = /^([a-z][a-z0-9-]*)@(\d+\.\d+\.\d+)$/;

export const MODEL_REF_EXPECTED = "name@version, e.g. hs-standard@1.0.0";

export const formatModelRef = (ref: ModelRef) => `${ref.name}@${ref.version}`;

/** The model of a formatted reference: what stands before its last "@". */
export const modelNameOf = (ref: string) => ref.slice(0, ref.lastIndexOf("@"));

/** Every name@version written in a text (a card's description, its sources), in order. */
export const refsIn = (text: string): string[] => text.match(new RegExp(`\\b${REF.source.slice(1, -1)}\\b`, "g")) ?? [];

/** The reference in `text`, or null when it is not of the form name@version. */
export function parseModelRef(text: string): ModelRef | null {
  const match = REF.exec(text);
  return match ? { name: match[1]!, version: match[2]! } : null;
}

/** The text form at a boundary (forms, JSON bodies, seed files), parsed into a ModelRef. */
export const modelRefSchema = z
  .string({ error: `expected a model version (${MODEL_REF_EXPECTED})` })
  .regex(REF, { error: `expected a model version (${MODEL_REF_EXPECTED})` })
  .transform((text) => parseModelRef(text)!);

/** What a caller may name: a version, or whichever version is in production when it is resolved. */
export type VersionSelector = ModelRef | "production";

/** `production` or name@version; null when it is neither. */
export const parseVersionSelector = (text: string): VersionSelector | null => (text === "production" ? "production" : parseModelRef(text));

/** Versions in their order (1.9.0 before 1.10.0), as they are registered and charted. */
export const compareVersions = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

/**
 * Many references in a line a person reads: by model, each model's versions in order, a long run shortened to its first
 * two and last ("hs-retrieval 1.0.0, 1.1.0 … 1.15.0 (16 versions)"); anything that is not name@version as written.
 */
export function summariseRefs(refs: readonly string[]): string {
  const byName = new Map<string, string[]>();
  const other: string[] = [];
  for (const text of refs) {
    const ref = parseModelRef(text);
    if (ref) byName.set(ref.name, [...(byName.get(ref.name) ?? []), ref.version]);
    else other.push(text);
  }
  const named = [...byName.entries()]
    .sort(([a], [b]) => a.localeCompare(b, "en"))
    .map(([name, versions]) => {
      const sorted = [...new Set(versions)].sort(compareVersions);
      if (sorted.length === 1) return `${name}@${sorted[0]}`;
      const shown = sorted.length > 4 ? `${sorted[0]}, ${sorted[1]} … ${sorted.at(-1)}` : sorted.join(", ");
      return `${name} ${shown} (${sorted.length} versions)`;
    });
  return [...named, ...other].join("; ");
}

/**
 * A registry listed by model, newest first (listModelVersions' order), split for a person reading it: each model's
 * newest version and the one in production, then the rest, each part in the order given, with each model's count.
 */
export function splitNewest<V extends { name: string; status: string }>(versions: readonly V[]) {
  const newest: V[] = [];
  const earlier: V[] = [];
  const counts: Record<string, number> = {};
  versions.forEach((v, i) => {
    counts[v.name] = (counts[v.name] ?? 0) + 1;
    (i === 0 || versions[i - 1]!.name !== v.name || v.status === "production" ? newest : earlier).push(v);
  });
  return { newest, earlier, counts };
}
