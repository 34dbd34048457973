import { z } from "zod";
import type { Metrics } from "../../workbench/evaluation/metrics";
import { featuriserConfigSchema } from "../../workbench/features/hashed-features";
import { topCodeCalibrationSchema } from "./calibration";

const metricsSchema = z.object({
  n: z.number().int().min(0),
  accuracy: z.record(z.string(), z.record(z.string(), z.number())),
  meanLeadingDigits: z.number(),
  perChapter: z.array(z.object({ chapter: z.string(), support: z.number(), top1: z.number(), top1Hs2: z.number() })),
  coverage: z.array(z.object({ threshold: z.number(), share: z.number(), accuracy: z.number().nullable() })),
});

/** The intended use of a version that shows the tariff lines behind its suggestions (retrieval and combined). */
export const SUGGEST_WITH_EVIDENCE =
  "Suggest HS 2022 subheadings (top 5 with probabilities and the tariff lines behind them) for goods descriptions, for a person to confirm. Below the confidence threshold a line needs a person.";

/** A card's weak chapters: the eight with the lowest HS 6 top-1 among those with at least `minSupport` lines. */
export function weakChaptersOf(metrics: Pick<Metrics, "perChapter">, minSupport: number): { chapter: string; support: number; top1: number }[] {
  return metrics.perChapter
    .filter((c) => c.support >= minSupport)
    .sort((a, b) => a.top1 - b.top1)
    .slice(0, 8)
    .map((c) => ({ chapter: c.chapter, support: c.support, top1: c.top1 }));
}

/** Stated on every model card (the page shows it for versions whose card predates it). */
export const REAL_TEXT_POLICY =
  "The real evaluation sets (US customs rulings, marketplace listings) are used only to evaluate, select and calibrate: never to train. Figures on the held-out split and the demo extract are measured on text we generated.";

/** The model card, validated on save and on load; rendered on the Models page. */
export const modelCardSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, { error: "model names are lower-case letters, digits and '-'" }),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: "versions look like 1.0.0" }),
  description: z.string(),
  createdAt: z.string(),
  intendedUse: z.string(),
  limitations: z.array(z.string()),
  /** neural models: the hashed features */
  features: featuriserConfigSchema.optional(),
  architecture: z.object({
    kind: z.enum(["flat", "hierarchical", "retrieval", "combined"]).default("flat"),
    hidden: z.array(z.number().int()),
    dropout: z.number(),
    labels: z.number().int(),
    parameters: z.number().int(),
  }),
  /** retrieval models: how lines are scored, how many were indexed and how many foreign words are translated */
  retrieval: z.record(z.string(), z.union([z.number(), z.boolean(), z.array(z.number()).readonly(), z.array(z.string()).readonly()])).optional(),
  /** how probabilities were calibrated, on which sets */
  calibration: z
    .object({
      method: z.literal("temperature"),
      temperature: z.number(),
      topCode: topCodeCalibrationSchema.optional(),
      fittedOn: z.array(z.string()),
    })
    .optional(),
  training: z.object({
    sources: z.array(z.string()),
    split: z.string(),
    /** training examples (neural) or indexed documents (retrieval) */
    examples: z.number().int(),
    augmentations: z.number().int(),
    epochs: z.number().int().optional(),
    batchSize: z.number().int().optional(),
    learningRate: z.number().optional(),
    seed: z.number().int(),
    secondsPerEpoch: z.array(z.number()),
  }),
  evaluation: z.record(z.string(), z.object({ description: z.string(), metrics: metricsSchema, ece: z.number().optional() })),
  weakChapters: z.array(z.object({ chapter: z.string(), support: z.number(), top1: z.number() })),
  sizeBytes: z.number().int(),
});

export type ModelCard = z.infer<typeof modelCardSchema>;
