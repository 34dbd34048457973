import { z } from "zod";
import { featuriserConfigSchema } from "../../workbench/features/hashed-features";

const metricsSchema = z.object({
  n: z.number().int().min(0),
  accuracy: z.record(z.string(), z.record(z.string(), z.number())),
  meanLeadingDigits: z.number(),
  perChapter: z.array(z.object({ chapter: z.string(), support: z.number(), top1: z.number(), top1Hs2: z.number() })),
  coverage: z.array(z.object({ threshold: z.number(), share: z.number(), accuracy: z.number().nullable() })),
});

/** The model card, validated on save and on load; rendered on the Models page. */
export const modelCardSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, { error: "model names are lower-case letters, digits and '-'" }),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: "versions look like 1.0.0" }),
  description: z.string(),
  createdAt: z.string(),
  intendedUse: z.string(),
  limitations: z.array(z.string()),
  features: featuriserConfigSchema,
  architecture: z.object({
    kind: z.enum(["flat", "hierarchical"]).default("flat"),
    hidden: z.array(z.number().int()),
    dropout: z.number(),
    labels: z.number().int(),
    parameters: z.number().int(),
  }),
  training: z.object({
    sources: z.array(z.string()),
    split: z.string(),
    examples: z.number().int(),
    augmentations: z.number().int(),
    epochs: z.number().int(),
    batchSize: z.number().int(),
    learningRate: z.number(),
    seed: z.number().int(),
    secondsPerEpoch: z.array(z.number()),
  }),
  evaluation: z.record(z.string(), z.object({ description: z.string(), metrics: metricsSchema })),
  weakChapters: z.array(z.object({ chapter: z.string(), support: z.number(), top1: z.number() })),
  sizeBytes: z.number().int(),
});

export type ModelCard = z.infer<typeof modelCardSchema>;
