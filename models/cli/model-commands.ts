import { readFileSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { cliStore as store } from "./cli-store";
import { findModelVersion, listModelVersions, productionVersion, registerModelVersion } from "../../app/store/model-registry.server";
import { csvField } from "../../workbench/csv";
import { computeMetrics, type Prediction } from "../../workbench/evaluation/metrics";
import { normaliseCode } from "../../workbench/hs/codes";
import { loadCrosswalk, loadNomenclature, repoRoot } from "../../workbench/hs/load-fixtures";
import { resolve } from "node:path";
import { loadArtifact, type LoadedModel } from "../hs-classifier/artifact";
import { predictTopK } from "../hs-classifier/classifier";
import { nodeTf } from "../hs-classifier/tf";
import { artifactDir, trainFromConfig } from "../hs-classifier/train-pipeline";
import { trainingConfigSchema } from "../hs-classifier/training-config";
import { printTable, required, UsageError, type Command } from "./command";
import { progressBar } from "./progress";
import { readColumns } from "./read-table";

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(1)}%`);

/** name@version (registry, else models/artifacts/name/version) or "production". */
export async function resolveModel(ref: string): Promise<LoadedModel> {
  const tf = await nodeTf();
  const db = store().db;
  if (ref === "production") {
    const v = productionVersion(db);
    if (!v) throw new UsageError("no model version is in production yet; name one as name@version");
    return loadArtifact(tf, resolve(repoRoot(), v.artifactDir));
  }
  const match = /^([a-z][a-z0-9-]*)@(\d+\.\d+\.\d+)$/.exec(ref);
  if (!match) throw new UsageError(`--model must be name@version (e.g. hs-standard@1.0.0) or production (got '${ref}')`);
  const registered = findModelVersion(db, match[1]!, match[2]!);
  return loadArtifact(tf, resolve(repoRoot(), registered?.artifactDir ?? artifactDir(match[1]!, match[2]!)));
}

export const modelCommands: Command[] = [
  {
    name: "train",
    summary: "Train a model from a configuration file and register it as a candidate version",
    usage: "workbench train --config models/configs/NAME.json [--artifacts DIR] [--no-register] [--json]",
    options: { config: { type: "string" }, artifacts: { type: "string" }, "no-register": { type: "boolean" }, json: { type: "boolean" } },
    async run(values) {
      const file = required(values, "config");
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, "utf8"));
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
      }
      const parsed = trainingConfigSchema.safeParse(raw);
      if (!parsed.success) {
        throw new UsageError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
      }
      const bar = progressBar(`train ${parsed.data.name}@${parsed.data.version}`);
      const result = await trainFromConfig(
        parsed.data,
        (p) => {
          if (p.batches !== undefined) bar.update(p.batch! + 1, p.batches, `${p.message} loss ${p.loss?.toFixed(3)}`);
          else bar.message(p.message);
        },
        (values.artifacts as string | undefined) ?? undefined,
      );
      bar.done();
      let registered = null;
      if (!values["no-register"]) {
        registered = registerModelVersion(
          store().db,
          { name: result.card.name, version: result.card.version, artifactDir: result.dir, sha256: result.manifest.sha256, card: result.card },
          { id: null, username: `cli:${userInfo().username}`, client: "cli" },
        );
      }
      const heldOut = result.card.evaluation["held-out"]?.metrics;
      if (values.json) console.log(JSON.stringify({ dir: result.dir, manifest: result.manifest, registered, card: result.card }, null, 2));
      else {
        console.log(`Saved ${result.dir} (sha256 ${result.manifest.sha256.slice(0, 16)}…)${registered ? ", registered as a candidate" : ""}.`);
        if (heldOut) console.log(`Held-out: HS6 top-1 ${pct(heldOut.accuracy.hs6!.top1)}, top-5 ${pct(heldOut.accuracy.hs6!.top5)}, chapter top-1 ${pct(heldOut.accuracy.hs2!.top1)} (n=${heldOut.n})`);
      }
      return 0;
    },
  },
  {
    name: "models list",
    summary: "List registered model versions",
    usage: "workbench models list [--json]",
    options: { json: { type: "boolean" } },
    run(values) {
      const versions = listModelVersions(store().db);
      if (values.json) console.log(JSON.stringify(versions, null, 2));
      else printTable(["model", "version", "status", "registered", "sha256"], versions.map((v) => [v.name, v.version, v.status, v.registeredAt, v.sha256.slice(0, 16)]));
      return 0;
    },
  },
  {
    name: "predict",
    summary: "Suggest HS codes for the descriptions in a CSV or Parquet file",
    usage: "workbench predict --model REF --input FILE --text-column COL [--top 5] --out FILE.csv",
    options: { model: { type: "string" }, input: { type: "string" }, "text-column": { type: "string" }, top: { type: "string" }, out: { type: "string" } },
    async run(values) {
      const top = Number(values.top ?? 5);
      if (!Number.isInteger(top) || top < 1 || top > 20) throw new UsageError("--top must be a whole number from 1 to 20");
      const column = required(values, "text-column");
      const out = required(values, "out");
      const loaded = await resolveModel(required(values, "model"));
      const texts = (await readColumns(required(values, "input"), [column]))[column]!;
      const tf = await nodeTf();
      const started = performance.now();
      const candidates = await predictTopK(tf, loaded.model, loaded.features, loaded.labels, texts.map((t) => t ?? ""), top);
      const header = ["row", "description", ...Array.from({ length: top }, (_, i) => [`code_${i + 1}`, `probability_${i + 1}`]).flat()];
      const lines = [header.join(",")];
      candidates.forEach((c, i) =>
        lines.push([i + 1, csvField(texts[i] ?? ""), ...c.flatMap((x) => [x.code, x.probability.toFixed(4)])].join(",")),
      );
      writeFileSync(out, lines.join("\n") + "\n");
      const seconds = (performance.now() - started) / 1000;
      console.log(`${texts.length} descriptions classified by ${loaded.manifest.name}@${loaded.manifest.version} in ${seconds.toFixed(1)} s → ${out}`);
      return 0;
    },
  },
  {
    name: "evaluate",
    summary: "Measure a model's accuracy on a labelled CSV or Parquet file",
    usage: "workbench evaluate --model REF --input FILE --text-column COL --label-column COL [--hs-version HS2022|HS2017] [--json]",
    options: {
      model: { type: "string" },
      input: { type: "string" },
      "text-column": { type: "string" },
      "label-column": { type: "string" },
      "hs-version": { type: "string" },
      json: { type: "boolean" },
    },
    async run(values) {
      const hsVersion = (values["hs-version"] as string | undefined) ?? "HS2022";
      if (hsVersion !== "HS2022" && hsVersion !== "HS2017") throw new UsageError("--hs-version must be HS2022 or HS2017");
      const textColumn = required(values, "text-column");
      const labelColumn = required(values, "label-column");
      const loaded = await resolveModel(required(values, "model"));
      const data = await readColumns(required(values, "input"), [textColumn, labelColumn]);
      const nomenclature = loadNomenclature();
      const crosswalk = loadCrosswalk();
      // CSV rows count the header as row 1; Parquet records count from 1.
      const firstRow = /\.parquet$/i.test(required(values, "input")) ? 1 : 2;
      const valid: { text: string; hs6: string }[] = [];
      const invalid: { row: number; label: string | null; reason: string }[] = [];
      data[labelColumn]!.forEach((label, i) => {
        const row = i + firstRow;
        const r = normaliseCode(label, { nomenclature: hsVersion === "HS2022" ? nomenclature : undefined });
        if (!r.ok) return invalid.push({ row, label, reason: r.reason });
        if (r.code.length < 6) return invalid.push({ row, label, reason: `'${label}' has ${r.code.length} digits; a label needs at least 6` });
        let hs6 = r.code.slice(0, 6);
        if (hsVersion === "HS2017") {
          const converted = crosswalk.convertToHs2022(hs6);
          if (!converted) return invalid.push({ row, label, reason: `'${label}': HS2017 ${hs6} has no single HS2022 successor` });
          hs6 = converted;
        }
        valid.push({ text: data[textColumn]![i] ?? "", hs6 });
      });
      const tf = await nodeTf();
      const candidates = await predictTopK(tf, loaded.model, loaded.features, loaded.labels, valid.map((v) => v.text));
      const metrics = computeMetrics(valid.map((v, i): Prediction => ({ truth: v.hs6, candidates: candidates[i]! })));
      const model = { name: loaded.manifest.name, version: loaded.manifest.version, sha256: loaded.manifest.sha256 };
      if (values.json) {
        console.log(JSON.stringify({ model, hsVersion, excluded: { count: invalid.length, examples: invalid.slice(0, 20) }, metrics }, null, 2));
        return 0;
      }
      console.log(`${model.name}@${model.version} on ${metrics.n} lines (${invalid.length} excluded for invalid labels)`);
      for (const x of invalid.slice(0, 5)) console.log(`  excluded row ${x.row}: ${x.reason}`);
      printTable(["level", "top-1", "top-3", "top-5"], (["hs2", "hs4", "hs6"] as const).map((l) => [l.toUpperCase(), pct(metrics.accuracy[l].top1), pct(metrics.accuracy[l].top3), pct(metrics.accuracy[l].top5)]));
      console.log(`Mean leading digits correct: ${metrics.meanLeadingDigits.toFixed(2)} of 6`);
      printTable(["confidence ≥", "auto-accepted", "accuracy"], metrics.coverage.map((c) => [c.threshold.toFixed(2), pct(c.share), pct(c.accuracy)]));
      return 0;
    },
  },
];
