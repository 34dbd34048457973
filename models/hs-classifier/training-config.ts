import { z } from "zod";
import { FEATURES_VERSION } from "../../workbench/features/hashed-features";
import { glossariesSchema } from "./retrieval-documents";

/** A training configuration file in models/configs/ (validated; errors name the field). */
export const trainingConfigSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, { error: "name: lower-case letters, digits and '-'" }),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: "version: like 1.0.0" }),
  description: z.string().min(1),
  features: z.object({
    dim: z
      .number()
      .int()
      .min(64)
      .max(1 << 18),
    charNgrams: z.array(z.number().int().min(1).max(8)),
    wordNgrams: z.array(z.number().int().min(1).max(3)).min(1),
  }),
  architecture: z
    .object({
      /** flat: one softmax over all labels; hierarchical: chapter, then subheading within the chapter (ADR 0010) */
      kind: z.enum(["flat", "hierarchical"]).default("flat"),
      hidden: z.array(z.number().int().min(4).max(4096)).min(1),
      dropout: z.number().min(0).max(0.9),
    })
    .refine((a) => a.kind === "flat" || (a.hidden.length === 1 && a.dropout === 0), {
      error: "architecture: a hierarchical model has exactly one hidden layer and no dropout",
    }),
  training: z.object({
    epochs: z.number().int().min(1).max(100),
    batchSize: z.number().int().min(8).max(4096),
    learningRate: z.number().positive().max(1),
    augmentations: z.number().int().min(0).max(10),
    seed: z.number().int(),
    /** each term of the glossaries below (fixtures/glossary) joins the training texts this many times (0: none) */
    glossaryRepeats: z.number().int().min(0).max(50).default(0),
    /** which goods glossaries those terms come from (versions before hs-hierarchical-glossary@1.1.0: everyday-goods only) */
    glossaries: glossariesSchema,
    /** cap on training examples (tiny configs for tests) */
    maxExamples: z.number().int().positive().optional(),
    /** restrict to some chapters (tiny configs for tests) */
    chapters: z.array(z.string().regex(/^\d{2}$/)).optional(),
  }),
  evaluation: z.object({ demoExtractSample: z.number().int().min(0).default(10000) }).default({ demoExtractSample: 10000 }),
});

export type TrainingConfig = z.infer<typeof trainingConfigSchema>;

export const featuresOf = (config: TrainingConfig) => ({ version: FEATURES_VERSION as typeof FEATURES_VERSION, ...config.features });
