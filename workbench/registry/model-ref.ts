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
