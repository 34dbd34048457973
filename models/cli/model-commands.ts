import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, userInfo } from "node:os";
import { cliPredictorOf, cliStore as store } from "./cli-store";
import { listModelVersions, registerModelVersion, RegistryError, resolveVersion } from "../../workbench/registry/model-registry";
import { cannotClassify, type RegisteredVersion } from "../../workbench/registry/model-version";
import { predictorFor } from "../../workbench/registry/prediction-imports";
import { pct, proportionText } from "../../workbench/text/format";
import { csvField } from "../../workbench/csv";
import { categoryAgreement, fittingCodes, INVOICE_CATEGORIES, invoiceLines } from "../../workbench/evaluation/invoice-categories";
import { scoreLines } from "../../workbench/evaluation/metrics";
import type { Scores } from "../../workbench/evaluation/report-thread";
import { decisionText, needsPerson } from "../../workbench/evaluation/needs-person";
import {
  DEFAULT_SET_ID,
  hashLines,
  isRealSet,
  isShippedSet,
  labelledLines,
  labelsEdition,
  REAL_SET_IDS,
  shippedSet,
  SHIPPED_SET_IDS,
  SHIPPED_SETS,
  type EvaluationLine,
  type ExcludedLine,
  type RepairedLabel,
} from "../../workbench/evaluation/evaluation-sets";
import { comparePredictors, compareSeveral, evaluateVersion, versionOf, type LineSet } from "../../workbench/evaluation/comparison-service";
import { formatP } from "../../workbench/evaluation/compare";
import type { Predictor } from "../../workbench/evaluation/predictor";
import type { Classifier } from "../hs-classifier/classifier";
import { InferencePool } from "../hs-classifier/inference-pool";
import { ARTIFACTS_DIR, trainFromConfig, type TrainProgress } from "../hs-classifier/train-pipeline";
import { retrievalTrainingConfigSchema, trainRetrieval } from "../hs-classifier/retrieval-training";
import { combinedTrainingConfigSchema, trainCombined } from "../hs-classifier/combined-training";
import { trainingConfigSchema, type TrainingConfig } from "../hs-classifier/training-config";
import { accuracyFigures, JSON_OPTION, outputFile, printTable, required, setOption, UsageError, type Command } from "./command";
import { mapColumns } from "../../workbench/extract/column-mapping";
import { realFiguresOf, realFiguresText } from "./real-figures";
import { progressBar } from "./progress";
import { readTable } from "../files/read-table";
import { SAY_CODE_LENGTH } from "../../workbench/hs/codes";
import { formatModelRef } from "../../workbench/registry/model-ref";
import { columnsOfWords, wordShare } from "../../workbench/text/words";

/**
 * name@version or "production" → its predictor: a trained artifact loaded only if its files match the registered
 * sha256, or a remote endpoint. A predictions file cannot run on new lines, and says so.
 */
export async function resolvePredictor(ref: string): Promise<Predictor> {
  return cliPredictorOf(await classifiableVersion(ref));
}

/** name@version or "production" → its registered version, refused if it cannot classify new lines (a predictions file). */
async function classifiableVersion(ref: string): Promise<RegisteredVersion> {
  const version = await resolveVersion((await store()).db, ref);
  const refused = cannotClassify(version);
  if (refused) throw new RegistryError(`${refused}; compare it on the sets it has predictions for (workbench compare --set)`);
  return version;
}

/** --model of predict and evaluate: the version asked for, production unless another is named (as on the Classify page). */
const MODEL_OPTION = { model: { type: "string", describe: "the version: NAME@VERSION, or production (the default)" } } as const;
const modelOption = (values: Record<string, unknown>) => (typeof values.model === "string" && values.model.trim() ? values.model : "production");

/** distinct descriptions from which `predict` classifies on every core: below, loading the version in each thread costs more than it saves */
const PARALLEL_FROM = 20_000;

/** --text-column, of `predict` and of a labelled file's commands: found the same way (columnFor, descriptionsByWords) */
const TEXT_COLUMN_OPTION = {
  type: "string",
  describe: "the column of goods descriptions (default: the one named as Explore names them: description, …; else the one of words)",
} as const;

const LABELLED_INPUT_OPTIONS = {
  input: { type: "string", describe: "a labelled file: CSV, Parquet, Excel (.xlsx) or JSON" },
  "text-column": TEXT_COLUMN_OPTION,
  "label-column": {
    type: "string",
    describe: "the column of the right codes, 6 to 10 digits; lines without a valid one are listed, not counted (default: hs_code, code, …)",
  },
  "hs-version": {
    type: "string",
    describe: "HS2022 or HS2017, the codes' revision (HS 2017 read through the correlation; default: detected from the codes, as Explore does)",
  },
  "code-length": {
    type: "string",
    describe: "6, 8 or 10: the length the label column holds; a code one digit short (a spreadsheet's number) gets its leading zero back",
  },
} as const;

/** A built-in set has its own texts and codes: a file's column or code options beside it would be ignored, so refused. */
function refuseFileOptionsWithSet(values: Record<string, unknown>): void {
  const given = Object.keys(LABELLED_INPUT_OPTIONS).filter((o) => values[o] !== undefined);
  if (given.includes("input")) throw new UsageError("give either --set or --input, not both");
  if (given.length)
    throw new UsageError(
      `${given.map((o) => `--${o}`).join(", ")} describe${given.length === 1 ? "s" : ""} a labelled file (--input), not a built-in set (--set)`,
    );
}

/**
 * The column an option names, or else the one the Explore page would read in that role (goods_description,
 * description, product_description, …; commodity_code, hs_code, hts, …), said on stderr so it is never a silent guess.
 * Without either, descriptions are looked for by their words once the file is read (null here; descriptionsByWords).
 */
function columnFor(values: Record<string, unknown>, option: "text-column", available: string[], file: string): string | null;
function columnFor(values: Record<string, unknown>, option: "label-column", available: string[], file: string): string;
function columnFor(values: Record<string, unknown>, option: "text-column" | "label-column", available: string[], file: string): string | null {
  const named = values[option];
  if (typeof named === "string" && named.trim() !== "") return named;
  const role = option === "text-column" ? "goods_description" : "commodity_code";
  const found = mapColumns(available).columns.find((c) => c.target === role)?.source;
  if (!found && option === "text-column") return null;
  const what = option === "text-column" ? "goods descriptions" : "codes";
  if (!found) throw new UsageError(`--${option} is required: no column of ${file} is named as ${what} are (its columns: ${available.join(", ")})`);
  console.error(`${what} from the column '${found}' of ${file} (--${option} chooses another)`);
  return found;
}

/**
 * The column of words of a file none of whose columns is named as descriptions are (an invoice file's `descricao`), as
 * Explore finds it (workbench/text/words.ts); said on stderr, or refused with the file's columns when none has words.
 */
function descriptionsByWords(
  read: Record<string, readonly (string | null)[]>,
  available: readonly string[],
  besides: readonly string[],
  file: string,
): string {
  const shares = new Map(available.filter((c) => !besides.includes(c)).map((c) => [c, wordShare(read[c] ?? [])]));
  const found = columnsOfWords(shares)[0];
  if (!found) {
    throw new UsageError(
      `--text-column is required: no column of ${file} is named as goods descriptions are, and none holds words (its columns: ${available.join(", ")})`,
    );
  }
  console.error(`goods descriptions from the column '${found}' of ${file}, the one of words (--text-column chooses another)`);
  return found;
}

/**
 * A labelled CSV/Parquet file as evaluation lines; invalid labels are excluded with their row and reason. A label may
 * name several accepted codes (';', '|' or ','): an alternative that is not valid is said on stderr, not counted.
 */
async function readLabelledInput(values: Record<string, unknown>): Promise<{
  lines: EvaluationLine[];
  excluded: ExcludedLine[];
  repaired: RepairedLabel[];
  unmappedAlternatives: ExcludedLine[];
  firstRow: number;
  hash: string;
  hsVersion: "HS2022" | "HS2017";
}> {
  const given = values["hs-version"] as "HS2022" | "HS2017" | undefined;
  if (given !== undefined && given !== "HS2022" && given !== "HS2017") throw new UsageError("--hs-version must be HS2022 or HS2017");
  const codeLength = values["code-length"] === undefined ? undefined : Number(values["code-length"]);
  if (codeLength !== undefined && codeLength !== 6 && codeLength !== 8 && codeLength !== 10) {
    throw new UsageError("--code-length must be 6, 8 or 10");
  }
  const input = required(values, "input");
  let [textColumn, labelColumn]: [string | null, string] = [null, ""];
  let available: string[] = [];
  const { columns: data, firstRow } = await readTable(input, (columns) => {
    available = columns;
    [textColumn, labelColumn] = [columnFor(values, "text-column", columns, input), columnFor(values, "label-column", columns, input)];
    if (textColumn === labelColumn) throw new UsageError(`the descriptions and the codes cannot both be the column '${textColumn}'`);
    // none named as descriptions: every column is read, to find the one of words (a named one is still checked)
    return textColumn === null ? [...new Set([...columns, labelColumn])] : [textColumn, labelColumn];
  });
  textColumn ??= descriptionsByWords(data, available, [labelColumn], input);
  // the labels' edition, detected unless given (as Explore detects a table's): a file of HS 2017 codes is not a file
  // of invalid HS 2022 ones
  let hsVersion = given;
  if (!hsVersion) {
    const edition = labelsEdition(data[labelColumn]!);
    hsVersion = edition.suggested;
    if (hsVersion === "HS2017") {
      const share = (n: number) => pct(n / Math.max(1, edition.lines));
      console.error(
        `codes read as HS 2017, through the correlation: ${share(edition.validIn.HS2017)} of the labels are HS 2017 codes, ${share(edition.validIn.HS2022)} HS 2022 ones (--hs-version HS2022 reads them as HS 2022)`,
      );
    }
  }
  const { lines, excluded, repaired, unmappedAlternatives } = labelledLines(data[textColumn]!, data[labelColumn]!, {
    hsVersion,
    refOf: (i) => `row ${i + firstRow}`,
    codeLength,
  });
  if (repaired.length) {
    console.error(`${repaired.length} label(s) repaired as --code-length ${codeLength} says, e.g. ${repaired[0]!.ref}: ${repaired[0]!.how}`);
  }
  const lostZeros = excluded.filter((x) => x.reason.includes(SAY_CODE_LENGTH)).length;
  if (lostZeros && !codeLength) {
    console.error(
      `${lostZeros} label(s) look like codes a spreadsheet turned into numbers: --code-length 6, 8 or 10 says which length the column holds and gives them their leading zero back`,
    );
  }
  const several = lines.filter((l) => l.alsoAccepted).length;
  if (several) console.error(`${several} line(s) name several accepted codes: a prediction counts if it matches any of them`);
  if (unmappedAlternatives.length) {
    const [first] = unmappedAlternatives;
    console.error(
      `${unmappedAlternatives.length} accepted code(s) beside a valid one not counted, e.g. ${first!.ref}: ${first!.reason} (the line stands on its other codes)`,
    );
  }
  return { lines, excluded, repaired, unmappedAlternatives, firstRow, hash: hashLines(lines), hsVersion };
}

/**
 * Each distinct text classified once (an extract repeats its goods; a repeat's answer is its first occurrence's), every
 * text answered; `ofDistinct` spreads another per-distinct-text answer over the texts the same way.
 */
async function distinctTopK(model: Predictor, texts: readonly string[], k: number, onProgress?: (done: number, total: number) => void) {
  const distinct = [...new Set(texts)];
  const index = new Map(distinct.map((t, i) => [t, i]));
  const at = texts.map((t) => index.get(t)!);
  const answers = await model.topK(distinct, k, onProgress);
  const ofDistinct = <T>(perDistinct: readonly T[]) => at.map((i) => perDistinct[i]!);
  return { candidates: ofDistinct(answers), distinct, ofDistinct };
}

export const modelCommands: Command[] = [
  {
    name: "train",
    summary: "Train a model from a configuration file and register it as a candidate version",
    usage: "workbench train --config models/configs/NAME.json [--artifacts DIR] [--no-register] [--json]",
    options: {
      config: { type: "string", describe: "the training configuration (JSON), e.g. models/configs/hs-standard.json" },
      artifacts: { type: "string", describe: `the folder the artifact is saved under (default ${ARTIFACTS_DIR})` },
      "no-register": { type: "boolean", describe: "save the artifact without registering it as a candidate" },
      ...JSON_OPTION,
    },
    async run(values) {
      const file = required(values, "config");
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, "utf8"));
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
      }
      // a retrieval configuration has a "retrieval" section, a combined one a "combine" section (ADR 0013); every
      // other one trains a network
      const section = (key: string) => typeof raw === "object" && raw !== null && key in raw;
      const parsed = section("combine")
        ? combinedTrainingConfigSchema.safeParse(raw)
        : section("retrieval")
          ? retrievalTrainingConfigSchema.safeParse(raw)
          : trainingConfigSchema.safeParse(raw);
      if (!parsed.success) {
        throw new UsageError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
      }
      const bar = progressBar(`train ${parsed.data.name}@${parsed.data.version}`);
      const onProgress = (p: TrainProgress) => {
        if (p.batches !== undefined) bar.update(p.batch! + 1, p.batches, `${p.message} loss ${p.loss?.toFixed(3)}`);
        else bar.message(p.message);
      };
      const root = (values.artifacts as string | undefined) ?? ARTIFACTS_DIR;
      const result =
        "combine" in parsed.data
          ? await trainCombined(parsed.data, onProgress, root)
          : "retrieval" in parsed.data
            ? await trainRetrieval(parsed.data, onProgress, root)
            : await trainFromConfig(parsed.data as TrainingConfig, onProgress, root);
      bar.done();
      let registered = null;
      if (!values["no-register"]) {
        registered = await registerModelVersion(
          (await store()).db,
          { name: result.card.name, version: result.card.version, artifactDir: result.dir, sha256: result.manifest.sha256, card: result.card },
          { id: null, username: `cli:${userInfo().username}`, client: "cli" },
        );
      }
      if (values.json) console.log(JSON.stringify({ dir: result.dir, manifest: result.manifest, registered, card: result.card }, null, 2));
      else {
        console.log(`Saved ${result.dir} (sha256 ${result.manifest.sha256.slice(0, 16)}…)${registered ? ", registered as a candidate" : ""}.`);
        // real text first (never trained on), then our own: as `models show` and the card's page give them
        const sets = Object.entries(result.card.evaluation).sort(([a], [b]) => Number(isRealSet(b)) - Number(isRealSet(a)));
        console.log("chapter / HS6 top-1 / HS6 top-5:");
        for (const [id, e] of sets) {
          console.log(`  ${isShippedSet(id) ? SHIPPED_SETS[id].label : e.description}: ${accuracyFigures(e.metrics.accuracy)} (n=${e.metrics.n})`);
        }
      }
      return 0;
    },
  },
  {
    name: "models list",
    summary: "List registered model versions with their accuracy on each real evaluation set (chapter / HS6 top-1 / HS6 top-5)",
    usage: "workbench models list [--json]",
    options: { ...JSON_OPTION },
    async run(values) {
      const db = (await store()).db;
      // real text first, as on the Models page: the figures measured so far (never measured here: that is `models table`)
      const listed = await Promise.all((await listModelVersions(db)).map(async (v) => ({ v, figures: await realFiguresOf(db, v) })));
      if (values.json) {
        const versions = listed.map(({ v, figures }) => ({
          ...v,
          real: Object.fromEntries(figures.flatMap((f) => (f.metrics ? [[f.id, f.metrics.accuracy]] : []))),
          unavailableOn: figures.filter((f) => f.unavailable).map((f) => f.id),
        }));
        console.log(JSON.stringify(versions, null, 2));
      } else {
        printTable(
          ["model", "version", "status", "kind", ...REAL_SET_IDS.map((id) => SHIPPED_SETS[id].label), "registered", "by", "sha256"],
          listed.map(({ v, figures }) => [
            v.name,
            v.version,
            v.status,
            v.kind,
            ...figures.map(realFiguresText),
            v.registeredAt,
            v.registeredBy,
            v.sha256.slice(0, 16),
          ]),
        );
        console.log("Chapter / HS6 top-1 / HS6 top-5 on real text, never trained on; `workbench models table --set SET` measures what is missing.");
      }
      return 0;
    },
  },
  {
    name: "predict",
    summary: "Suggest HS codes for the descriptions in a CSV, Parquet or Excel (.xlsx) file",
    usage:
      "workbench predict [--model REF] --input FILE [--text-column COL] [--id-column COL] [--top 5] [--threshold 0.8] [--threads N] --out FILE.csv",
    options: {
      ...MODEL_OPTION,
      input: { type: "string", describe: "the file of descriptions: CSV, Parquet, Excel (.xlsx) or JSON" },
      "text-column": TEXT_COLUMN_OPTION,
      "id-column": { type: "string", describe: "a column naming each line: the output is then a predictions file (line_id, text, …)" },
      top: { type: "string", describe: "codes per line, 1 to 20 (default 5)" },
      threshold: { type: "string", describe: "a confidence from 0 to 1: adds a decision column (needs a person / confident)" },
      threads: {
        type: "string",
        describe: `threads that classify, each loading the version (default: one per core from ${PARALLEL_FROM.toLocaleString("en")} distinct descriptions, else 1; versions trained here)`,
      },
      out: { type: "string", describe: "the CSV file to write" },
    },
    async run(values) {
      const top = Number(values.top ?? 5);
      if (!Number.isInteger(top) || top < 1 || top > 20) throw new UsageError("--top must be a whole number from 1 to 20");
      // with a threshold each line says whether a person decides, as the Classify page's badge does
      const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
      if (threshold !== undefined && !(threshold >= 0 && threshold <= 1))
        throw new UsageError(`--threshold must be a confidence from 0 to 1 (e.g. 0.8), not "${String(values.threshold)}"`);
      const cores = availableParallelism();
      const threadsAsked = values.threads === undefined ? undefined : Number(values.threads);
      if (threadsAsked !== undefined && !(Number.isInteger(threadsAsked) && threadsAsked >= 1 && threadsAsked <= cores))
        throw new UsageError(`--threads must be a whole number from 1 to ${cores} (this machine's cores), not "${String(values.threads)}"`);
      const out = outputFile(values, "out");
      const version = await classifiableVersion(modelOption(values));
      const ref = formatModelRef(version);
      const idColumn = values["id-column"] as string | undefined;
      const input = required(values, "input");
      let column: string | null = null;
      let available: string[] = [];
      const { columns: read, firstRow } = await readTable(input, (columns) => {
        available = columns;
        column = columnFor(values, "text-column", columns, input);
        // none named as descriptions: every column is read, to find the one of words
        return [...new Set([...(column === null ? columns : [column]), ...(idColumn ? [idColumn] : [])])];
      });
      column ??= descriptionsByWords(read, available, idColumn ? [idColumn] : [], input);
      const texts = read[column]!;
      const descriptions = texts.map((t) => t ?? "");
      // a large file on every core: worker threads, each loading the version (seconds), batches in flight on each
      const threads = version.artifactDir ? (threadsAsked ?? (new Set(descriptions).size >= PARALLEL_FROM ? cores : 1)) : 1;
      if (threadsAsked && threadsAsked > 1 && !version.artifactDir)
        console.error(`--threads: ${ref} answers through its endpoint, not in threads here`);
      // the version in this process only where it classifies, or reads which lines no tariff line shares a word with
      const model = threads === 1 || threshold !== undefined ? await cliPredictorOf(version) : undefined;
      const started = performance.now();
      const pool = threads > 1 ? new InferencePool(threads, 0) : undefined;
      const { candidates, distinct, ofDistinct } = await distinctTopK(pool?.predictor(version, threads) ?? model!, descriptions, top).finally(() =>
        pool?.close(),
      );
      // with a threshold, a version that searches tariff lines names the lines none of them shares a word with: their
      // codes are a guess, and a person decides whatever their confidence (as on the Classify page)
      const unread = threshold === undefined ? undefined : (model as Partial<Pick<Classifier, "unread">> | undefined)?.unread?.(distinct);
      const guessed = unread && ofDistinct(unread);
      const noteOf = (i: number) => (guessed?.[i] ? "no tariff line shares a word or a part of a word with it" : undefined);
      // with an id column the file is a predictions file as `models import-predictions` reads it (docs/predictions-format.md)
      const ranks = Array.from({ length: top }, (_, i) => [`code_${i + 1}`, `probability_${i + 1}`]).flat();
      const header = [...(idColumn ? ["line_id", "text"] : ["row", "description"]), ...ranks, ...(threshold === undefined ? [] : ["decision"])];
      const lines = [header.join(",")];
      candidates.forEach((c, i) =>
        lines.push(
          [
            // a row is named as `evaluate` and a spreadsheet name it: its row in the input file (a CSV's header is row 1)
            idColumn ? csvField(read[idColumn]![i] ?? "") : i + firstRow,
            csvField(descriptions[i]!),
            // every row as wide as the header: a line with nothing to classify has empty codes
            ...Array.from({ length: top }, (_, r) => (c[r] ? [c[r].code, c[r].probability.toFixed(4)] : ["", ""])).flat(),
            ...(threshold === undefined ? [] : [csvField(decisionText(c, threshold, noteOf(i)))]),
          ].join(","),
        ),
      );
      writeFileSync(out, lines.join("\n") + "\n");
      const seconds = (performance.now() - started) / 1000;
      // the lines with nothing to classify are those every version answers with no codes
      const empty = candidates.flatMap((c, i) => (c.length ? [] : [i + firstRow]));
      const classified = empty.length ? `${texts.length - empty.length} of ${texts.length}` : `${texts.length}`;
      const repeated = distinct.length < descriptions.length ? ` (${distinct.length} distinct, each classified once)` : "";
      console.log(
        `${classified} descriptions${repeated} classified by ${ref} in ${seconds.toFixed(1)} s${threads > 1 ? ` on ${threads} threads` : ""} → ${out}`,
      );
      if (threshold !== undefined) {
        const toPerson = candidates.filter((c, i) => c.length && needsPerson(c[0]!.probability, threshold, noteOf(i))).length;
        const guesses = guessed?.filter(Boolean).length ?? 0;
        const orGuess = guesses ? `, or their codes are a guess (${guesses}: no tariff line shares a word or a part of a word with them)` : "";
        console.log(
          `${toPerson} of ${texts.length - empty.length} need a person: their top code's confidence is below ${threshold}${orGuess} (the decision column).`,
        );
      }
      if (empty.length)
        console.log(
          `${empty.length} have no letter or digit (row${empty.length === 1 ? "" : "s"} ${empty.slice(0, 10).join(", ")}${empty.length > 10 ? ", …" : ""} of ${input}): nothing to classify, their codes are left empty.`,
        );
      return 0;
    },
  },
  {
    name: "evaluate",
    summary:
      "Measure a model's accuracy on a built-in evaluation set or a labelled CSV, Parquet or Excel (.xlsx) file, or its category fit on real Brazilian invoice lines",
    usage:
      "workbench evaluate [--model REF] (--set SET | --input FILE [--text-column COL] [--label-column COL] [--hs-version HS2022|HS2017] [--code-length 6|8|10] | --invoice-lines [--half test|dev|all]) [--json]",
    options: {
      ...MODEL_OPTION,
      set: { type: "string", describe: `a built-in evaluation set: ${SHIPPED_SET_IDS.join(", ")} (real text first)` },
      ...LABELLED_INPUT_OPTIONS,
      "invoice-lines": { type: "boolean", describe: "instead of a file: real Brazilian invoice lines (no codes): does the code fit their category" },
      half: { type: "string", describe: "with --invoice-lines: test (never read while writing glossaries; default), dev or all" },
      ...JSON_OPTION,
    },
    async run(values) {
      if (values["invoice-lines"]) {
        if (values.input !== undefined || values.set !== undefined) throw new UsageError("give one of --set, --input or --invoice-lines");
        return evaluateOnInvoiceLines(values);
      }
      if (values.half !== undefined) throw new UsageError("--half goes with --invoice-lines");
      if (values.set !== undefined) return evaluateOnSet(values);
      const model = await resolvePredictor(modelOption(values));
      const { lines: valid, excluded: invalid, repaired, unmappedAlternatives, firstRow, hsVersion } = await readLabelledInput(values);
      const bar = progressBar(`predict ${model.identity.name}@${model.identity.version}`);
      const { candidates } = await distinctTopK(
        model,
        valid.map((v) => v.text),
        5,
        (d, t) => bar.update(d, t),
      );
      bar.done();
      const scores = scoreLines(valid, candidates);
      if (values.json) {
        console.log(
          JSON.stringify(
            {
              model: model.identity,
              hsVersion,
              excluded: {
                count: invalid.length,
                examples: invalid.slice(0, 20).map((x) => ({ row: x.index + firstRow, label: x.label, reason: x.reason })),
              },
              repaired: { count: repaired.length, examples: repaired.slice(0, 20) },
              alternativesNotCounted: {
                count: unmappedAlternatives.length,
                examples: unmappedAlternatives.slice(0, 20).map((x) => ({ row: x.index + firstRow, code: x.label, reason: x.reason })),
              },
              ...scoresJson(scores),
            },
            null,
            2,
          ),
        );
        return 0;
      }
      console.log(
        `${model.identity.name}@${model.identity.version} on ${scores.metrics.n} lines (${invalid.length} excluded: invalid label or no description)`,
      );
      for (const x of invalid.slice(0, 5)) console.log(`  excluded ${x.ref}: ${x.reason}`);
      printScores(scores);
      return 0;
    },
  },
];

/** A version's figures in the JSON of `evaluate`: its metrics, the calibration error and the share auto-acceptable at 95%. */
const scoresJson = (scores: Scores) => ({ metrics: scores.metrics, calibrationError: scores.calibration.ece, autoAcceptedAt95: scores.at95 });

/** A version's figures as `evaluate` prints them, on a file or a built-in set. */
function printScores({ metrics, calibration, at95 }: Scores): void {
  printTable(
    ["level", "top-1", "top-3", "top-5"],
    (["hs2", "hs4", "hs6"] as const).map((l) => [
      l.toUpperCase(),
      pct(metrics.accuracy[l].top1),
      pct(metrics.accuracy[l].top3),
      pct(metrics.accuracy[l].top5),
    ]),
  );
  console.log(`Mean leading digits correct: ${metrics.meanLeadingDigits.toFixed(2)} of 6`);
  printTable(
    ["confidence ≥", "auto-accepted", "accuracy"],
    metrics.coverage.map((c) => [c.threshold.toFixed(2), pct(c.share), pct(c.accuracy)]),
  );
  console.log(`Calibration error of the top suggestion (0 is perfect): ${calibration.ece.toFixed(3)}`);
  console.log(
    `Auto-acceptable with HS6 accuracy shown to be at least 95% (its interval's lower end): ${at95 ? `${pct(at95.share)} at confidence ≥ ${at95.threshold.toFixed(2)}` : "none"}`,
  );
}

/** `evaluate --set SET`: a version's figures on a built-in set, its predictions kept as Compare and the gates keep them. */
async function evaluateOnSet(values: Record<string, unknown>): Promise<number> {
  refuseFileOptionsWithSet(values);
  const set = shippedSet(setOption(values)!);
  let bar: ReturnType<typeof progressBar> | undefined; // only when predictions are not kept yet
  const { version, scores } = await evaluateVersion((await store()).db, modelOption(values), set.id, {
    predictorOf: cliPredictorOf,
    onProgress: (model, p) => (bar ??= progressBar(`predict ${model}`)).update(p.done, p.total),
  });
  bar?.done();
  const excluded = set.excluded.map((x) => ({ line: x.ref, label: x.label, reason: x.reason }));
  if (values.json) {
    const about = { id: set.id, label: set.label, origin: set.origin, description: set.description, lines: set.lines.length };
    console.log(
      JSON.stringify({ model: version, set: { ...about, excluded: { count: excluded.length, lines: excluded } }, ...scoresJson(scores) }, null, 2),
    );
    return 0;
  }
  const why = excluded.length ? `${excluded.length} excluded: no HS 2022 subheading for their codes` : "none excluded";
  console.log(`${formatModelRef(version)} on ${set.label}: ${scores.metrics.n} lines (${why})`);
  console.log(set.description);
  for (const x of excluded.slice(0, 5)) console.log(`  excluded ${x.line}: ${x.reason}`);
  if (excluded.length > 5) console.log(`  … ${excluded.length - 5} more (--json lists them all)`);
  printScores(scores);
  return 0;
}

/** `evaluate --invoice-lines`: whether a version's codes fit the categories of the DESCMERC invoice lines (no codes). */
async function evaluateOnInvoiceLines(values: Record<string, unknown>): Promise<number> {
  const half = (values.half as string | undefined) ?? "test";
  if (half !== "test" && half !== "dev" && half !== "all") throw new UsageError(`--half must be test, dev or all (got '${half}')`);
  const model = await resolvePredictor(modelOption(values));
  const lines = invoiceLines(half === "all" ? undefined : half);
  const bar = progressBar(`predict ${model.identity.name}@${model.identity.version}`);
  const candidates = await model.topK(
    lines.map((l) => l.text),
    5,
    (d, t) => bar.update(d, t),
  );
  bar.done();
  const fit = categoryAgreement(lines, candidates);
  if (values.json) {
    console.log(JSON.stringify({ model: model.identity, set: "descmerc-invoice-lines", half, agreement: fit }, null, 2));
    return 0;
  }
  const halfSays = {
    test: "the half never read while writing glossary entries",
    dev: "the half read while writing glossary entries",
    all: "both halves",
  }[half];
  console.log(
    `${model.identity.name}@${model.identity.version} on ${fit.lines.toLocaleString("en")} real Brazilian invoice lines (DESCMERC, ${halfSays}). ` +
      "They have a category and no code: a code that fits its category may still be the wrong one, so these figures are a ceiling of accuracy.",
  );
  console.log(`First code fits the category: ${proportionText(fit.top1Fit, fit.lines)}; one of the first five: ${pct(fit.top5)}`);
  printTable(
    ["category", "lines", "first code fits", "codes that fit"],
    INVOICE_CATEGORIES.map((c) => [c, fit.byCategory[c].lines, pct(fit.byCategory[c].top1), fittingCodes(c)]),
  );
  printTable(
    ["confidence", "lines", "first code fits"],
    fit.byConfidence.map((b) => [`${b.atLeast.toFixed(2)}–${b.below.toFixed(2)}`, b.lines, proportionText(b.fit, b.lines)]),
  );
  return 0;
}

modelCommands.push({
  name: "compare",
  summary: "Compare two model versions on the same labelled lines (confusion matrices, McNemar, bootstrap CI)",
  usage:
    "workbench compare (--a REF --b REF | --versions REF,REF,…) ([--set SET] | --input FILE [--text-column COL] [--label-column COL] [--hs-version HS2022|HS2017] [--code-length 6|8|10]) [--seed N] [--json]",
  options: {
    a: { type: "string", describe: "version A (the baseline): NAME@VERSION, or production" },
    b: { type: "string", describe: "version B (the challenger): NAME@VERSION, or production" },
    versions: { type: "string", describe: "instead of --a and --b: several versions, comma-separated; every pair is tested (Holm)" },
    set: {
      type: "string",
      describe: `a built-in evaluation set (default ${DEFAULT_SET_ID}, as on the Compare page; or marketplace-listings, held-out, …)`,
    },
    ...LABELLED_INPUT_OPTIONS,
    seed: { type: "string", describe: "the bootstrap's seed, so a comparison can be repeated exactly (default 2022)" },
    ...JSON_OPTION,
  },
  async run(values) {
    const seed = Number(values.seed ?? 2022);
    if (!Number.isInteger(seed) || seed < 0) throw new UsageError("--seed must be a whole number ≥ 0");
    if (values.versions !== undefined) return compareSeveralCommand(values, seed);
    let set: LineSet;
    if (values.set !== undefined && values.input !== undefined) throw new UsageError("give either --set or --input, not both");
    if (values.input === undefined) {
      refuseFileOptionsWithSet(values);
      set = shippedSet(setOption(values) ?? DEFAULT_SET_ID);
    } else {
      const input = await readLabelledInput(values);
      const file = required(values, "input");
      set = {
        id: `file:${file}`,
        label: file,
        description: `labelled lines of ${file}`,
        hash: input.hash,
        lines: input.lines,
        excluded: input.excluded,
      };
    }
    const db = (await store()).db;
    const versions = { a: await versionOf(db, required(values, "a")), b: await versionOf(db, required(values, "b")) };
    // any kind of version: imported predictions answer the sets they were made for
    const predictors = [
      await predictorFor(db, await resolveVersion(db, required(values, "a")), cliPredictorOf),
      await predictorFor(db, await resolveVersion(db, required(values, "b")), cliPredictorOf),
    ] as const;
    const bars = new Map<string, ReturnType<typeof progressBar>>();
    const comparison = await comparePredictors(db, versions, [predictors[0], predictors[1]], set, {
      seed,
      onProgress: (model, p) => {
        if (!bars.has(model)) bars.set(model, progressBar(`predict ${model}`));
        bars.get(model)!.update(p.done, p.total);
      },
    });
    bars.forEach((bar) => bar.done());
    const { report, verdict } = comparison;
    const names = { a: formatModelRef(versions.a), b: formatModelRef(versions.b) };
    if (values.json) {
      const excluded = { count: set.excluded.length, examples: set.excluded.slice(0, 20) };
      console.log(JSON.stringify({ a: comparison.a, b: comparison.b, set: { ...comparison.set, excluded }, verdict, report }));
      return 0;
    }
    console.log(`A = ${names.a}, B = ${names.b}; ${set.label}: ${report.n} lines (${set.excluded.length} excluded: invalid label or no description)`);
    printTable(
      ["level", "A top-1", "B top-1", "A top-3", "B top-3", "A top-5", "B top-5"],
      (["hs2", "hs4", "hs6"] as const).map((l) => [
        l.toUpperCase(),
        ...(["top1", "top3", "top5"] as const).flatMap((k) => [pct(report.a.metrics.accuracy[l][k]), pct(report.b.metrics.accuracy[l][k])]),
      ]),
    );
    console.log(`\n${verdict.headline}`);
    for (const d of verdict.details) console.log(`  ${d}`);
    const at95 = (s: typeof report.a) => (s.at95 ? `${pct(s.at95.share)} at confidence ≥ ${s.at95.threshold.toFixed(2)}` : "none");
    console.log(`  Auto-acceptable, accuracy shown to be at least 95% (its interval's lower end): A ${at95(report.a)}, B ${at95(report.b)}.`);
    console.log(
      `  Calibration error of the top suggestion (0 is perfect): A ${report.a.calibration.ece.toFixed(3)}, B ${report.b.calibration.ece.toFixed(3)}.`,
    );
    const moved = [...report.perChapter]
      .filter((c) => c.n >= 20)
      .sort((x, y) => Math.abs(y.estimate) - Math.abs(x.estimate))
      .slice(0, 10);
    console.log("\nLargest per-chapter differences (HS6 top-1, chapters with ≥ 20 lines):");
    printTable(
      ["chapter", "lines", "A", "B", "Δ B−A", "95% CI"],
      moved.map((c) => [
        c.chapter,
        c.n,
        pct(c.a),
        pct(c.b),
        `${(c.estimate * 100).toFixed(1)}`,
        `${(c.low * 100).toFixed(1)} to ${(c.high * 100).toFixed(1)}`,
      ]),
    );
    console.log("\nMost-confused chapter pairs of B:");
    printTable(
      ["true", "predicted", "lines", "share of true"],
      report.b.confusedPairs
        .slice(0, 5)
        .map((p) => [`${p.truth} ${p.truthName.slice(0, 40)}`, `${p.predicted} ${p.predictedName.slice(0, 40)}`, p.count, pct(p.shareOfTruth)]),
    );
    return 0;
  },
});

/** `compare --versions a,b,c --set S`: each version's figures and every pair's test (Holm-adjusted McNemar, bootstrap CI). */
async function compareSeveralCommand(values: Record<string, unknown>, seed: number): Promise<number> {
  if (values.a !== undefined || values.b !== undefined) throw new UsageError("give either --versions or --a and --b, not both");
  // several versions are compared on a built-in set only (their predictions are kept per set): a file is never ignored
  if (values.input !== undefined)
    throw new UsageError("--versions compares on a built-in set (--set); a labelled file (--input) goes with --a and --b");
  refuseFileOptionsWithSet(values);
  const setId = setOption(values) ?? DEFAULT_SET_ID;
  const refs = String(values.versions)
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const state = await compareSeveral((await store()).db, refs, setId, { predictorOf: cliPredictorOf, wait: true, seed });
  if (state.status !== "ready") throw new Error("the comparison did not finish");
  const { comparison } = state;
  if (values.json) {
    console.log(JSON.stringify({ set: state.set, ...comparison }));
    return 0;
  }
  console.log(`${state.set.label}: ${comparison.n} lines`);
  printTable(
    ["version", "chapter", "heading", "HS6 top-1", "HS6 top-5", "calibration error", "auto, shown ≥ 95%"],
    comparison.versions.map((v) => [v.ref, pct(v.hs2top1), pct(v.hs4top1), pct(v.hs6top1), pct(v.hs6top5), v.ece.toFixed(3), pct(v.at95)]),
  );
  console.log(`\nEvery pair (HS6 top-1; McNemar p Holm-adjusted over ${comparison.pairs.length} pairs; paired bootstrap 95% CI of B − A):`);
  printTable(
    ["A", "B", "Δ B−A", "95% CI", "p (adjusted)", "verdict"],
    comparison.pairs.map((p) => [
      p.a,
      p.b,
      (p.delta.estimate * 100).toFixed(1),
      `${(p.delta.low * 100).toFixed(1)} to ${(p.delta.high * 100).toFixed(1)}`,
      `${formatP(p.pValue)} (${formatP(p.adjustedP)})`,
      p.better ? `${p.better} better` : "no significant difference",
    ]),
  );
  return 0;
}
