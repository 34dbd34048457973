// The server's classification: request limits, and the classifier of the named or production version with
// nomenclature texts for each suggested code.
import { z } from "zod";
import { knownFields } from "../../workbench/json-fields";
import type { TokenWeight } from "../../models/hs-classifier/classifier";
import { needsPerson } from "../../workbench/evaluation/needs-person";
import { explainedBy, nomenclatureTexts, readingsAt, type Explanation } from "./evidence";
import type { RegisteredVersion } from "../../workbench/registry/model-version";
import { inferencePool } from "./inference.server";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { modelRefSchema } from "../../workbench/registry/model-ref";
import { remoteClassify } from "../../models/remote/remote-version";
import { getStore } from "~/store/context.server";
import { LIMITS } from "./limits";
import { hasTextToClassify, NOTHING_TO_CLASSIFY } from "../../workbench/evaluation/predictor";

export const classifyRequestSchema = knownFields({
  descriptions: z
    .array(
      z
        .string({ error: "each description must be text" })
        .max(LIMITS.characters, { error: `a description may have at most ${LIMITS.characters} characters` }),
      {
        error: "descriptions must be an array of strings",
      },
    )
    .min(1, { error: "descriptions must hold at least one description" })
    .max(LIMITS.descriptions, { error: `at most ${LIMITS.descriptions} descriptions per request` }),
  topK: z
    .number({ error: "topK must be a number" })
    .int({ error: "topK must be a whole number" })
    .min(1, { error: "topK must be at least 1" })
    .max(LIMITS.topK, { error: `topK may be at most ${LIMITS.topK}` })
    .default(5),
  model: modelRefSchema.optional(),
  /** below this confidence of the top suggestion a result is marked as needing a person (0–1) */
  threshold: z.number({ error: "threshold must be a number between 0 and 1" }).min(0).max(1).optional(),
});

export interface ClassifyResult extends Explanation {
  description: string;
  candidates: { code: string; probability: number; description: string; heading: string; chapter: string }[];
  /** word weights for the top code; null: the model (a remote endpoint) gives no explanation */
  explanation: TokenWeight[] | null;
  /** with a threshold: the top suggestion's confidence is below it, or its codes are a guess (note), so a person must decide */
  needsPerson?: boolean;
}

/** Top-k codes with nomenclature texts and word explanations, computed by an inference worker off the event loop. */
export async function classify(version: RegisteredVersion, descriptions: string[], topK: number, threshold?: number): Promise<ClassifyResult[]> {
  const nomenclature = loadNomenclature();
  // a remote version answers codes and probabilities only: its explanations are marked as not available
  const answer =
    version.kind === "remote"
      ? { candidates: await remoteClassify(getStore(), version, descriptions, topK), explanations: null, evidence: null }
      : await inferencePool().explain(version, descriptions, topK);
  const { candidates, explanations, evidence } = answer;
  return descriptions.map((description, i) => {
    const explained = explainedBy(
      description,
      candidates[i]![0]?.code,
      evidence?.[i] ?? null,
      (code) => nomenclatureTexts(nomenclature, code),
      readingsAt(answer, i),
    );
    return {
      description,
      ...explained,
      candidates: candidates[i]!.map((c) => {
        const info = nomenclature.lookup(c.code);
        return {
          code: c.code,
          probability: Math.round(c.probability * 10_000) / 10_000,
          description: info?.description ?? "",
          heading: info?.heading ? `${info.heading.code} ${info.heading.description}` : "",
          chapter: info ? `${info.chapter.code} ${info.chapter.description}` : "",
        };
      }),
      explanation: explanations ? explanations[i]! : null,
      ...(threshold === undefined ? {} : { needsPerson: needsPerson(candidates[i]![0]?.probability ?? 0, threshold, explained.note) }),
      ...(hasTextToClassify(description) ? {} : { note: NOTHING_TO_CLASSIFY }),
    };
  });
}
