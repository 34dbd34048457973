// Server-side extracts in this process: each registered folder opened in native DuckDB (with the predictions the
// registry names for it), queried with the limits; predictions for an extract made here in the background.
import { mkdirSync, realpathSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { getEnv } from "../../workbench/config/env";
import { declaredTruths } from "../../workbench/evaluation/declared-truths";
import { hashLines, type EvaluationSet } from "../../workbench/evaluation/evaluation-sets";
import {
  extractFiles,
  folderInside,
  openServerExtract,
  ServerExtractError,
  type ExtractInfo,
  type QueryResult,
  type ServerExtract,
} from "../../workbench/extract/server-extract";
import { writeServerPredictions } from "../../workbench/extract/server-predictions";
import { hs2017Successors } from "../../workbench/hs/hs-version";
import { loadCrosswalk, loadNomenclature } from "../../workbench/hs/load-fixtures";
import { formatModelRef } from "../../workbench/registry/model-ref";
import {
  checkPredictionRequest,
  extractPredictionsRoot,
  extractsRoot,
  findServerExtract,
  listServerExtracts,
  recordServerPredictions,
  removeServerExtract,
  serverPredictionsOf,
  type PredictionJob,
  type ServerExtractEntry,
  type ServerPredictionsEntry,
} from "../../workbench/registry/server-extracts";
import type { Actor } from "../../workbench/store/audit";
import type { Role } from "../../workbench/registry/roles";
import { pooledPredictorOf } from "~/classify/inference.server";
import { getDb } from "~/store/context.server";

// routes with a page take the error class from here: a .server module never reaches the browser's bundle
export { ServerExtractError };

/** Every query: at most 30 s, at most 10,000 rows back (a larger answer says it was cut). */
export const SERVER_QUERY_LIMITS = { timeoutMs: 30_000, rowCap: 10_000 };

/** An extract as opened for the predictions the registry names now; another instance's new predictions reopen it. */
const open = new Map<string, { key: string; extract: Promise<ServerExtract> }>();

// DuckDB's messages may name the files: responses name the extracts folder instead of the server's paths
function withoutPaths(error: unknown): unknown {
  if (!(error instanceof ServerExtractError)) return error;
  let message = error.message;
  for (const root of [extractsRoot(getEnv()), extractPredictionsRoot(getEnv())]) {
    try {
      message = message.replaceAll(realpathSync(root), "<extracts>");
    } catch {
      // a folder not made yet is named nowhere
    }
  }
  return new ServerExtractError(message, error.status);
}

let successorMap: Map<string, string> | undefined;
const successors = () => (successorMap ??= hs2017Successors(loadNomenclature(), loadCrosswalk()));

async function openedFor(entry: ServerExtractEntry): Promise<ServerExtract> {
  const predictions = await serverPredictionsOf(getDb(), entry);
  const key = JSON.stringify([entry.folder, predictions.map((p) => [p.slot, p.file, p.textColumn])]);
  const current = open.get(entry.name);
  if (current?.key === key) return current.extract;
  if (current) void current.extract.then((e) => e.close()).catch(() => undefined);
  const predictionsDir = extractPredictionsRoot(getEnv());
  const extract = openServerExtract(folderInside(extractsRoot(getEnv()), entry.folder), {
    alias: entry.name,
    predictions: predictions.map((p) => ({ slot: p.slot, file: join(predictionsDir, p.file), textColumn: p.textColumn })),
    predictionsDir,
    hs2017Successors: successors(),
  });
  open.set(entry.name, { key, extract });
  // a folder that cannot be opened now is tried again next time
  extract.catch(() => open.get(entry.name)?.extract === extract && open.delete(entry.name));
  return extract;
}

export async function queryServerExtract(name: string, sql: string): Promise<QueryResult> {
  try {
    return await (await openedFor(await findServerExtract(getDb(), name))).query(sql, SERVER_QUERY_LIMITS);
  } catch (error) {
    throw withoutPaths(error);
  }
}

export interface ServerTable {
  name: string;
  format: string;
  files: number;
  registeredBy: string;
  registeredAt: string;
  /** columns and lines, or why the folder cannot be read now */
  info: ExtractInfo | { problem: string };
  predictions: ServerPredictionsEntry[];
  job: PredictionJob | null;
}

/** An admin removes an extract: the registry's entry and its predictions' files; the folder itself stays. */
export async function removeExtract(name: string, user: { role: Role }, actor: Actor): Promise<void> {
  await removeServerExtract(getDb(), name, user, actor, extractPredictionsRoot(getEnv()));
  const current = open.get(name);
  open.delete(name);
  if (current) void current.extract.then((e) => e.close()).catch(() => undefined);
}

/** A registered extract as the Explore page lists it beside the browser's tables. */
export async function serverTable(name: string): Promise<ServerTable> {
  const entry = await findServerExtract(getDb(), name);
  const info = await (async () => (await openedFor(entry)).info())().catch((error: unknown) => {
    if (!(error instanceof ServerExtractError)) console.error(`server extract ${entry.name} cannot be listed`, error);
    return {
      problem: error instanceof ServerExtractError ? (withoutPaths(error) as Error).message : "it cannot be read now (the server log says why)",
    };
  });
  return {
    name: entry.name,
    format: entry.format,
    files: entry.files,
    registeredBy: entry.registeredBy,
    registeredAt: entry.registeredAt,
    info,
    predictions: await serverPredictionsOf(getDb(), entry),
    job: jobs.get(entry.name) ?? null,
  };
}

export const serverTables = async () => Promise.all((await listServerExtracts(getDb())).map((e) => serverTable(e.name)));

/** This instance's prediction runs, by extract (one at a time per extract; the finished one stays to be read). */
const jobs = new Map<string, PredictionJob>();

/**
 * Starts predicting an extract's texts with a registered version in the background (the inference workers): the
 * finished file replaces the slot's predictions in the registry, and every instance reopens the extract with them.
 */
export async function startServerPredictions(name: string, input: unknown, user: { role: Role }, actor: Actor): Promise<PredictionJob> {
  const db = getDb();
  const entry = await findServerExtract(db, name);
  const opened = await openedFor(entry).catch((error: unknown) => {
    throw withoutPaths(error);
  });
  const { extract, version, slot, column } = await checkPredictionRequest(db, name, input, user, (await opened.info()).columns);
  if (jobs.get(name)?.state === "running") throw new ServerExtractError(`predictions for ${name} are being made already; wait for them`, 409);
  const job: PredictionJob = {
    slot,
    model: formatModelRef(version),
    column,
    state: "running",
    done: 0,
    total: 0,
    startedAt: new Date().toISOString(),
  };
  jobs.set(name, job);
  const dir = extractPredictionsRoot(getEnv());
  const file = `${extract.name}-${slot}-${version.sha256.slice(0, 12)}-${Date.now()}.parquet`;
  void (async () => {
    // the job reads the files through its own DuckDB, so users' queries on the extract are not held up
    let reader: ServerExtract | undefined;
    try {
      reader = await openServerExtract(folderInside(extractsRoot(getEnv()), extract.folder));
      mkdirSync(dir, { recursive: true });
      const predictor = await pooledPredictorOf(version);
      const texts = await writeServerPredictions(reader, column, predictor, join(dir, file), (p) => Object.assign(job, p));
      const before = await recordServerPredictions(
        db,
        extract,
        { slot, model: job.model, modelSha256: version.sha256, textColumn: column, file, texts },
        actor,
      );
      // every instance reads the registry before each query and reopens the extract with the new file
      if (before && before.file !== file) rmSync(join(dir, before.file), { force: true });
      Object.assign(job, { state: "done", finishedAt: new Date().toISOString() });
    } catch (error) {
      rmSync(join(dir, file), { force: true });
      if (!(error instanceof ServerExtractError)) console.error(`predictions for server extract ${extract.name} failed`, error);
      // a model's own failure may name server files: the page gets a plain reason
      const message =
        error instanceof ServerExtractError ? (withoutPaths(error) as Error).message : "the model could not predict (the server log says why)";
      Object.assign(job, { state: "failed", message, finishedAt: new Date().toISOString() });
    } finally {
      reader?.close();
    }
  })();
  return job;
}

/** The Compare page's set id for a server extract. */
export const SERVER_SET_PREFIX = "extract:";
/** Lines a comparison on a server extract reads: all of a smaller extract, a fixed sample of a larger one. */
export const SERVER_SET_LINES = 50_000;

const sets = new Map<string, Promise<EvaluationSet>>();

/** The server extracts as evaluation sets for the Compare page's choice (declared codes as truth). */
export const serverExtractSetChoices = async () =>
  (await listServerExtracts(getDb())).map((e) => ({
    id: `${SERVER_SET_PREFIX}${e.name}`,
    label: `Server extract ${e.name} (declared codes)`,
    description: `The lines of the server extract ${e.name} with their declared codes as truth (a trader's code, not an expert's); up to ${SERVER_SET_LINES.toLocaleString("en")} lines, a fixed sample of a larger extract. Both models run on the server.`,
    origin: "extract" as const,
  }));

/**
 * A server extract as an evaluation set: its declared codes as truth (in the edition the codes show), at most
 * SERVER_SET_LINES lines — a fixed sample of a larger extract, said in the set's label. Built once per version of the
 * folder's files (names, sizes, times).
 */
export async function serverExtractSet(id: string): Promise<EvaluationSet> {
  const entry = await findServerExtract(getDb(), id.slice(SERVER_SET_PREFIX.length));
  const dir = folderInside(extractsRoot(getEnv()), entry.folder);
  const { files } = extractFiles(dir);
  const key = JSON.stringify([entry.name, files.map((f) => [f, statSync(join(dir, f)).size, statSync(join(dir, f)).mtimeMs])]);
  let set = sets.get(key);
  if (!set) {
    set = (async (): Promise<EvaluationSet> => {
      const { total, lines: raw } = await (await openedFor(entry)).sampleLines(SERVER_SET_LINES);
      const truths = declaredTruths(raw, { nomenclature: loadNomenclature(), crosswalk: loadCrosswalk() });
      const sampled = total > raw.length;
      const edition =
        truths.used === "HS2017"
          ? `HS 2017 codes read in HS 2022 through the correlation (${truths.splitLines.toLocaleString("en")} lines whose code split left out)`
          : "HS 2022 codes";
      return {
        id: `${SERVER_SET_PREFIX}${entry.name}`,
        label: sampled
          ? `Server extract ${entry.name}: a fixed sample of ${raw.length.toLocaleString("en")} of ${total.toLocaleString("en")} lines (declared codes)`
          : `Server extract ${entry.name} (declared codes)`,
        description: `Declaration lines of the server extract ${entry.name} with their declared codes as truth (a trader's code, not an expert's check): ${edition}.${sampled ? " The sample is the same lines every time (ordered by a hash of the line reference); the intervals are the sample's." : ""}`,
        origin: "extract",
        hash: hashLines(truths.lines),
        lines: truths.lines,
        excluded: truths.excluded,
        unmappedAlternatives: [],
      };
    })().catch((error: unknown) => {
      sets.delete(key);
      throw withoutPaths(error);
    });
    sets.set(key, set);
  }
  return set;
}

/** A Compare page's set choice: a shipped set's id as it is, a server extract's as its lines. */
export const resolveSetChoice = async (id: string): Promise<string | EvaluationSet> => (id.startsWith(SERVER_SET_PREFIX) ? serverExtractSet(id) : id);
