// From a training configuration to a verified artifact: data, training, evaluation, model card.
import { join } from "node:path";
import { computeMetrics } from "../../workbench/evaluation/metrics";
import { evaluateOnShippedSets } from "./card-evaluation";
import { calibratedKernel, fitTemperature, networkCalibrationRows } from "./calibration";
import { REAL_SET_IDS, shippedSet } from "../../workbench/evaluation/evaluation-sets";
import { loadCrosswalk, loadNomenclature } from "../../workbench/hs/load-fixtures";
import { hashUnit } from "../../workbench/random";
import { augment, baseTrainingTexts, shuffled, type LabelledText } from "../../workbench/data/training-set";
import { loadSourceLines } from "../../workbench/data/text-sources";
import type { Manifest } from "../../workbench/registry/artifact-manifest";
import { saveArtifact } from "./artifact";
import { GLOSSARIES, glossaryTerms } from "./retrieval-documents";
import { createClassifier, neuralKernel } from "./classifier";
import { buildModel, train, type TrainOptions } from "./flat-model";
import { trainHierarchical } from "./hierarchical-training";
import { REAL_TEXT_POLICY, weakChaptersOf, type ModelCard } from "./model-card";
import { nodeTf } from "./tf";
import { featuresOf, type TrainingConfig } from "./training-config";

export const ARTIFACTS_DIR = "models/artifacts";
export const artifactDir = (name: string, version: string, root = ARTIFACTS_DIR) => join(root, name, version);

export interface TrainProgress {
  stage: "data" | "train" | "evaluate" | "save";
  message: string;
  epoch?: number;
  batch?: number;
  batches?: number;
  loss?: number;
}

export interface TrainResult {
  dir: string;
  manifest: Manifest;
  card: ModelCard;
}

/** Internal test split: 5% of the (non-augmented) training texts by hash, never trained on. */
const isInternalTest = (e: LabelledText) => hashUnit(`internal-test:${e.hs6}:${e.text}`) < 0.05;

/**
 * The training data a configuration describes: tariff texts of the training split minus the internal test split,
 * plus trader-style rewrites of them, shuffled; the label list; and what evaluation needs.
 */
export function buildTrainingData(config: TrainingConfig) {
  const nomenclature = loadNomenclature();
  const { lines } = loadSourceLines(loadCrosswalk());
  const inScope = (hs6: string) => !config.training.chapters || config.training.chapters.includes(hs6.slice(0, 2));
  const sources = lines.filter((l) => inScope(l.hs6));
  const glossary = config.training.glossaries.flatMap((name) =>
    glossaryTerms(name).map((t): LabelledText => ({ text: t.text, hs6: t.code, origin: "glossary" })),
  );
  const base = [
    ...baseTrainingTexts(sources, nomenclature),
    ...Array.from({ length: config.training.glossaryRepeats }, () => glossary).flat(),
  ].filter((e) => inScope(e.hs6));
  const internalTest = base.filter(isInternalTest);
  const testTexts = new Set(internalTest.map((e) => e.text));
  const trainingBase = base.filter((e) => !testTexts.has(e.text));
  // Augment only the training part, so no rewrite of an internal-test text leaks into training.
  const augmented = augment(trainingBase, { seed: config.training.seed, augmentations: config.training.augmentations });
  let examples = shuffled([...trainingBase, ...augmented], config.training.seed);
  if (config.training.maxExamples) examples = examples.slice(0, config.training.maxExamples);
  const labels = [
    ...new Set(
      nomenclature
        .subheadings()
        .map((s) => s.code)
        .filter(inScope),
    ),
  ].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const labelled = examples.map((e) => ({ text: e.text, label: index.get(e.hs6)! }));
  return { nomenclature, sources, inScope, internalTest, examples, labels, labelled };
}

export async function trainFromConfig(config: TrainingConfig, onProgress: (p: TrainProgress) => void, root = ARTIFACTS_DIR): Promise<TrainResult> {
  const tf = await nodeTf();
  onProgress({ stage: "data", message: "building training texts" });
  const { inScope, internalTest, examples, labels, labelled } = buildTrainingData(config);
  const features = featuresOf(config);
  onProgress({ stage: "data", message: `${examples.length} training examples over ${labels.length} HS 6 labels` });

  const callbacks = {
    onBatch: (epoch: number, batch: number, batches: number, loss: number) => {
      if (batch % 20 === 0 || batch === batches - 1)
        onProgress({ stage: "train", message: `epoch ${epoch + 1}/${config.training.epochs}`, epoch, batch, batches, loss });
    },
    onEpoch: (epoch: number, seconds: number, loss: number) =>
      onProgress({ stage: "train", message: `epoch ${epoch + 1} done in ${seconds.toFixed(1)} s, loss ${loss.toFixed(3)}` }),
  };
  const { model, secondsPerEpoch } = await trainModel(tf, config, features, labels, labelled, callbacks);

  onProgress({ stage: "evaluate", message: "evaluating on the real sets, the synthetic sets and the internal test split" });
  // probabilities calibrated on the real sets (temperature; evaluation and calibration only, never training)
  const network = neuralKernel(tf, { model, features, labels });
  const real = REAL_SET_IDS.flatMap((id) => shippedSet(id).lines.filter((l) => inScope(l.truth)));
  const temperature = real.length ? fitTemperature(await networkCalibrationRows(network, real)) : null;
  const kernel = temperature === null ? network : calibratedKernel(network, temperature);
  const classifier = createClassifier(kernel, { name: config.name, version: config.version, sha256: "" });
  const internal = await classifier.topK(
    internalTest.map((e) => e.text),
    5,
  );
  // The same set definitions as Compare, the CLI and the promotion gates (workbench/evaluation/evaluation-sets.ts).
  const evaluation: ModelCard["evaluation"] = {
    ...(await evaluateOnShippedSets(classifier, { inScope, demoExtractSample: config.evaluation.demoExtractSample })),
    "internal-test": {
      description: "5% of the tariff-wording training texts (by hash), never trained on",
      metrics: computeMetrics(internalTest.map((e, i) => ({ truth: e.hs6, candidates: internal[i]! }))),
    },
  };
  // weak chapters on real text where it has enough lines, else on the held-out split
  const weakOn = evaluation["cbp-rulings"]?.metrics ?? evaluation["held-out"]!.metrics;
  const weakChapters = weakChaptersOf(weakOn, evaluation["cbp-rulings"] ? 5 : 20);

  onProgress({ stage: "save", message: "saving the artifact" });
  const dir = artifactDir(config.name, config.version, root);
  const parameters = model.countParams();
  const card: Omit<ModelCard, "sizeBytes"> = {
    name: config.name,
    version: config.version,
    description: config.description,
    createdAt: new Date().toISOString(),
    intendedUse:
      "Suggest HS 2022 subheadings (top 5 with probabilities) for goods descriptions on customs declarations, for a human to confirm. Not for automatic classification without review.",
    limitations: [
      REAL_TEXT_POLICY,
      "Trained on tariff wording (HS nomenclature, US HTS, US Schedule B) and trader-style rewrites of it, not on real invoices: real declarations are shorter, noisier and often in other languages.",
      "Held-out texts come from the same US tariff sources as the training texts, so held-out accuracy is likely higher than on real declarations.",
      "Only HS 2022; national 8/10-digit lines are not predicted.",
    ],
    features,
    architecture: { ...config.architecture, labels: labels.length, parameters },
    ...(temperature === null ? {} : { calibration: { method: "temperature" as const, temperature, fittedOn: [...REAL_SET_IDS] } }),
    training: {
      sources: [
        "fixtures/hs/hs2022-nomenclature.csv",
        "fixtures/sources/us-hts-2024.csv",
        "fixtures/sources/schedule-b-2019.csv (training split only)",
        ...(config.training.glossaryRepeats
          ? config.training.glossaries.map((name) => `fixtures/${GLOSSARIES[name]} (each term ${config.training.glossaryRepeats} times)`)
          : []),
      ],
      split:
        "models/data/text-split.ts: 40% of Schedule B lines held out by code hash (see fixtures/splits/holdout-lines.csv); 5% of the remaining tariff texts kept as the internal test split",
      examples: examples.length,
      augmentations: config.training.augmentations,
      epochs: config.training.epochs,
      batchSize: config.training.batchSize,
      learningRate: config.training.learningRate,
      seed: config.training.seed,
      secondsPerEpoch,
    },
    evaluation,
    weakChapters,
  };
  const saved = await saveArtifact(tf, dir, model, features, labels, card);
  model.dispose();
  return { dir, ...saved };
}

/** Trains the configured architecture on (text, label index) examples. */
export async function trainModel(
  tf: Awaited<ReturnType<typeof nodeTf>>,
  config: TrainingConfig,
  features: ReturnType<typeof featuresOf>,
  labels: readonly string[],
  examples: readonly { text: string; label: number }[],
  callbacks: Pick<TrainOptions, "onBatch" | "onEpoch"> = {},
) {
  const { architecture, training } = config;
  if (architecture.kind === "hierarchical") {
    return trainHierarchical(tf, features, labels, examples, { ...training, hidden: architecture.hidden[0]!, ...callbacks });
  }
  const model = buildModel(tf, features, architecture, labels.length, training.seed);
  return { model, secondsPerEpoch: await train(tf, model, features, examples, { ...training, ...callbacks }) };
}
