// `npm run bench:models`: inference throughput (descriptions/s in Node, one core: first layers in our WebAssembly
// module, flat output layers on TensorFlow.js' wasm backend, ADR 0010), training
// seconds per epoch for 50,000 examples, and artifact size, for every shipped model version.
import { version as tfjsVersion } from "@tensorflow/tfjs";
import { fork } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadArtifact } from "../models/hs-classifier/artifact";
import { postingsDirectory } from "../models/hs-classifier/retrieval-index-cache";
import { buildRetrievalIndex, retrievalModelSchema } from "../models/hs-classifier/retrieval-model";
import { nodeTf } from "../models/hs-classifier/tf";
import { buildTrainingData, trainModel } from "../models/hs-classifier/train-pipeline";
import { featuresOf, trainingConfigSchema } from "../models/hs-classifier/training-config";
import { parseCsvRecords } from "../workbench/csv";
import { featuriseSparseInto } from "../workbench/features/hashed-features";
import { REAL_SET_IDS, shippedSet, SHIPPED_SETS } from "../workbench/evaluation/evaluation-sets";
import { categoryAgreement, invoiceLines } from "../workbench/evaluation/invoice-categories";
import { scoreLines } from "../workbench/evaluation/metrics";
import { pct } from "../workbench/text/format";
import { printResults, updateReadme, type BenchRow } from "./report";

const { values } = parseArgs({
  options: {
    descriptions: { type: "string", default: "20000" },
    "train-examples": { type: "string", default: "50000" },
    // set by the benchmark itself: the one version (its folder, name/version) a child process measures
    version: { type: "string" },
  },
});
const N = Number(values.descriptions);
const TRAIN_N = Number(values["train-examples"]);

interface Measured {
  rows: BenchRow[];
  detail: unknown;
}

/** One version's figures, measured in this process (a fresh one per version: see main). */
async function measure(dir: string): Promise<Measured> {
  const [name, version] = dir.split("/").slice(-2) as [string, string];
  const ref = `${name}@${version}`;
  const tf = await nodeTf();
  const sample = parseCsvRecords(readFileSync("fixtures/demo-extract.csv", "utf8"), ["goods_description"])
    .map((r) => r.goods_description!)
    .slice(0, N);
  const rows: BenchRow[] = [];
  console.log(`${ref}: loading, then inference on ${N.toLocaleString("en")} descriptions…`);
  const loaded = await loadArtifact(tf, dir);
  await loaded.classifier.topK(sample.slice(0, 500), 5);
  let t = performance.now();
  // Featurising as the classifier does it: the sparse non-zero entries of each text into typed arrays (neural models).
  if (loaded.neural) {
    const { dim } = loaded.neural.features;
    const [indices, values] = [new Int32Array(dim), new Float32Array(dim)];
    for (const text of sample) featuriseSparseInto(text, loaded.neural.features, indices, values);
  }
  const featuriseMs = performance.now() - t;
  t = performance.now();
  await loaded.classifier.topK(sample, 5);
  const totalMs = performance.now() - t;
  const perSecond = Math.round(sample.length / (totalMs / 1000));
  const size = readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);

  // Accuracy on the real sets (evaluation only): what a manager should look at first.
  console.log(`${ref}: accuracy on the real evaluation sets…`);
  const real: Record<string, { chapter: number; hs6: number; hs6Top5: number; n: number }> = {};
  for (const id of REAL_SET_IDS) {
    const lines = shippedSet(id).lines;
    const candidates = await loaded.classifier.topK(
      lines.map((l) => l.text),
      5,
    );
    const m = scoreLines(lines, candidates).metrics;
    real[id] = { chapter: m.accuracy.hs2.top1, hs6: m.accuracy.hs6.top1, hs6Top5: m.accuracy.hs6.top5, n: m.n };
  }
  // Real Portuguese invoice lines without codes: does the code fit the line's category (an upper bound of accuracy)?
  // The half never read while writing glossary entries.
  const invoices = invoiceLines("test");
  const invoiceAnswers = await loaded.classifier.topK(
    invoices.map((l) => l.text),
    5,
  );
  const invoiceFit = categoryAgreement(invoices, invoiceAnswers);

  rows.push(
    { figure: `${ref}: inference, descriptions/s (top-5, one core)`, value: perSecond, goal: "≥ 50000", met: perSecond >= 50_000 },
    ...REAL_SET_IDS.map((id) => ({
      figure: `${ref}: ${SHIPPED_SETS[id].label}, chapter / HS6 top-1 / HS6 top-5 (n=${real[id]!.n})`,
      value: `${pct(real[id]!.chapter)} / ${pct(real[id]!.hs6)} / ${pct(real[id]!.hs6Top5)}`,
      goal: "≥ 90% / 57.5% / 80%",
      met: real[id]!.chapter >= 0.9 && real[id]!.hs6 >= 0.575 && real[id]!.hs6Top5 >= 0.8,
    })),
    {
      figure: `${ref}: Portuguese invoice lines (real, categories only), code fits the category, top-1 / top-5 (n=${invoiceFit.lines})`,
      value: `${pct(invoiceFit.top1)} / ${pct(invoiceFit.top5)}`,
    },
    { figure: `${ref}: artifact size (MB)`, value: Math.round(size / 1e5) / 10 },
  );
  const figures: Record<string, unknown> = { descriptions: sample.length, totalMs, perSecond, sizeBytes: size, real, invoiceFit };
  const kind = loaded.card.architecture.kind;
  if (!loaded.neural || kind === "combined") {
    // a retrieval model has no epochs: its "training" is building the index at load (a combined version builds its
    // retrieval member's). Timed apart from loading: a process builds each retrieval.json once, so a second load
    // would time nothing. Then read back as WORKBENCH_INDEX_CACHE_DIR keeps it (file read and check included).
    const model = retrievalModelSchema.parse(JSON.parse(readFileSync(join(dir, "retrieval.json"), "utf8")));
    let started = performance.now();
    const built = buildRetrievalIndex(model);
    const buildSeconds = Math.round((performance.now() - started) / 100) / 10;
    const keptIndexes = mkdtempSync(join(tmpdir(), "bench-indexes-"));
    let readSeconds: number;
    try {
      const store = postingsDirectory(keptIndexes);
      store.write(ref, built.storedPostings());
      started = performance.now();
      const read = buildRetrievalIndex(model, store.read(ref));
      if (!read.agreesWithItsDocuments()) throw new Error(`${ref}: the index read back disagrees with its documents`);
      readSeconds = Math.round((performance.now() - started) / 100) / 10;
    } finally {
      rmSync(keptIndexes, { recursive: true, force: true });
    }
    rows.push(
      { figure: `${ref}: index build at load (s, no epochs)`, value: buildSeconds },
      { figure: `${ref}: index read back where WORKBENCH_INDEX_CACHE_DIR keeps it (s)`, value: readSeconds },
    );
    return { rows, detail: { ...figures, architecture: kind, buildSeconds, readSeconds } };
  }
  rows.push({ figure: `${ref}: of which featurising (ms for ${sample.length})`, value: Math.round(featuriseMs) });

  // Training: the first 50,000 rows of the version's own training data (real texts and labels), two epochs;
  // seconds per epoch scaled to exactly 50,000 rows when a configuration has fewer.
  console.log(`${ref}: two training epochs on ${TRAIN_N.toLocaleString("en")} rows…`);
  const config = trainingConfigSchema.parse(JSON.parse(readFileSync(`models/configs/${name}.json`, "utf8")));
  const trainSample = buildTrainingData(config).labelled.slice(0, TRAIN_N);
  const trainStarted = performance.now();
  const { model, secondsPerEpoch } = await trainModel(
    tf,
    { ...config, training: { ...config.training, epochs: 2 } },
    featuresOf(config),
    loaded.labels,
    trainSample,
  );
  model.dispose();
  const epochSeconds = secondsPerEpoch.reduce((a, b) => a + b, 0);
  const seconds = Math.round((epochSeconds / secondsPerEpoch.length) * (TRAIN_N / trainSample.length) * 10) / 10;
  // hierarchical training featurises once before its epochs; flat training featurises in every batch
  const setupSeconds = Math.max(0, Math.round(((performance.now() - trainStarted) / 1000 - epochSeconds) * 10) / 10); // epochs are rounded to 0.1 s
  const detail = {
    ...figures,
    featuriseMs,
    trainExamples: trainSample.length,
    epochs: secondsPerEpoch,
    secondsPerEpoch: seconds,
    setupSeconds,
    architecture: config.architecture.kind,
    parameters: loaded.neural.model.countParams(),
  };
  rows.push(
    {
      figure: `${ref}: training, s per epoch for ${TRAIN_N.toLocaleString("en")} training rows (mean of 2)`,
      value: seconds,
      goal: "≤ 10",
      met: seconds <= 10,
    },
    { figure: `${ref}: training set-up outside the epoch (s, featurising once for hierarchical)`, value: setupSeconds },
  );
  loaded.neural.model.dispose();
  return { rows, detail };
}

/** Measures one version in a child process of its own and returns what it measured. */
function measureInChild(dir: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1]!, [...process.argv.slice(2), "--version", dir]);
    let measured: Measured | undefined;
    child.on("message", (m) => (measured = m as Measured));
    child.on("error", reject);
    child.on("exit", (code) => (measured && code === 0 ? resolve(measured) : reject(new Error(`${dir}: the measurement ended with code ${code}`))));
  });
}

async function main() {
  if (values.version) {
    process.send!(await measure(values.version));
    return;
  }
  // Each version is measured in a fresh process, as a server's inference worker holds only the versions it serves: in
  // one process for all, a version measured late ran up to a third slower than in a process of its own (2026-12-07:
  // hs-hierarchical-glossary@1.1.0 8,211 against 12,001/s, hs-retrieval-fast@1.15.0 6,342 against 8,809–9,345/s),
  // whatever was freed before it.
  const rows: BenchRow[] = [];
  const detail: Record<string, unknown> = {};
  for (const name of readdirSync("models/artifacts", { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    for (const version of readdirSync(join("models/artifacts", name)).sort((a, b) => a.localeCompare(b, "en", { numeric: true }))) {
      const measured = await measureInChild(join("models/artifacts", name, version));
      rows.push(...measured.rows);
      detail[`${name}@${version}`] = measured.detail;
    }
  }
  const at = new Date().toISOString();
  const result = { benchmark: "models", at, machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model }, detail, table: rows };
  writeFileSync(`bench/results/models-${at.replace(/[:.]/g, "-")}.json`, JSON.stringify(result, null, 2) + "\n");
  writeFileSync("bench/results/models-latest.json", JSON.stringify(result, null, 2) + "\n");
  printResults("Models benchmark (Node, single-threaded)", rows);
  updateReadme(
    "models",
    `**Models** — ${at.slice(0, 10)}, Node, each version in a fresh process: inference on one thread (first layers in our WebAssembly module, flat output layers on the TensorFlow.js ${tfjsVersion.tfjs} wasm backend, the hierarchical search and retrieval in JavaScript, ADR 0010, 0013), hierarchical training on two threads; descriptions from the demo extract; accuracy on the real evaluation sets (never trained on).`,
    rows,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
