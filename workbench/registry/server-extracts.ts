// The registry of server-side extracts: which folders under the extracts folder an admin made queryable, by name.
import { realpathSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { z } from "zod";
import { nowIso } from "../clock";
import { knownFields } from "../json-fields";
import type { Env } from "../config/env";
import { checkCsvHeaders, extractFiles, folderInside, ServerExtractError, type ServerExtractFormat } from "../extract/server-extract";
import { audit, type Actor } from "../store/audit";
import type { Db } from "../store/sql";
import { resolveVersion } from "./model-registry";
import { cannotClassify, type RegisteredVersion } from "./model-version";
import type { Role } from "./roles";

export interface ServerExtractEntry {
  id: number;
  name: string;
  /** relative to the extracts folder */
  folder: string;
  format: ServerExtractFormat;
  files: number;
  registeredBy: string;
  registeredAt: string;
}

/** Where registrable folders live: WORKBENCH_EXTRACTS_DIR, else `extracts` in the data directory. */
export const extractsRoot = (env: Pick<Env, "WORKBENCH_EXTRACTS_DIR" | "WORKBENCH_DATA_DIR">) =>
  resolve(env.WORKBENCH_EXTRACTS_DIR ?? join(env.WORKBENCH_DATA_DIR, "extracts"));

export const registrationSchema = knownFields({
  name: z
    .string({ error: "name is required" })
    .regex(/^[a-z][a-z0-9-]{1,63}$/, { error: "the name must be 2–64 lower-case letters, digits and '-', starting with a letter" }),
  folder: z.string({ error: "folder is required" }).min(1, { error: "folder is required" }),
});

const COLUMNS = 'id, name, folder, format, files, registered_by AS "registeredBy", registered_at AS "registeredAt"';

export const listServerExtracts = (db: Db) => db.all<ServerExtractEntry>(`SELECT ${COLUMNS} FROM server_extracts ORDER BY name`);

export async function findServerExtract(db: Db, name: string): Promise<ServerExtractEntry> {
  const entry = await db.get<ServerExtractEntry>(`SELECT ${COLUMNS} FROM server_extracts WHERE name = ?`, [name]);
  if (!entry) throw new ServerExtractError(`no server extract named '${name}'`, 404);
  return entry;
}

/** An admin registers a folder (inside the extracts folder) as a named extract; audited. */
export async function registerServerExtract(db: Db, input: unknown, user: { role: Role }, actor: Actor, root: string): Promise<ServerExtractEntry> {
  if (user.role !== "admin") throw new ServerExtractError(`registering a server extract needs the admin role (you are ${user.role})`, 403);
  const parsed = registrationSchema.safeParse(input);
  if (!parsed.success) throw new ServerExtractError(parsed.error.issues.map((i) => i.message).join("; "));
  const folder = folderInside(root, parsed.data.folder);
  const { format, files } = extractFiles(folder);
  checkCsvHeaders(folder, { format, files });
  return db.transaction(async (db) => {
    if (await db.get("SELECT 1 FROM server_extracts WHERE name = ?", [parsed.data.name]))
      throw new ServerExtractError(`a server extract named '${parsed.data.name}' already exists`, 409);
    const id = (await db.value<number>(
      "INSERT INTO server_extracts (name, folder, format, files, registered_by, registered_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      [parsed.data.name, relative(realpathSync(root), folder), format, files.length, actor.username, nowIso()],
    ))!;
    await audit(db, {
      actor,
      action: "extract.register",
      targetType: "server_extract",
      targetId: id,
      after: { name: parsed.data.name, format, files: files.length },
    });
    return findServerExtract(db, parsed.data.name);
  });
}

/** Where predictions made on the server for extracts are kept (the same folder on every instance, like the extracts). */
export const extractPredictionsRoot = (env: Pick<Env, "WORKBENCH_DATA_DIR">) => resolve(env.WORKBENCH_DATA_DIR, "extract-predictions");

export interface ServerPredictionsEntry {
  slot: "a" | "b";
  model: string;
  modelSha256: string;
  textColumn: string;
  /** inside the extract-predictions folder */
  file: string;
  texts: number;
  madeBy: string;
  madeAt: string;
}

/** A run of predictions for an extract on one instance, as its pages follow it. */
export interface PredictionJob {
  slot: "a" | "b";
  model: string;
  column: string;
  state: "running" | "done" | "failed";
  done: number;
  total: number;
  startedAt: string;
  /** when it ended (done or failed) */
  finishedAt?: string;
  message?: string;
}

export const serverPredictionsOf = (db: Db, extract: Pick<ServerExtractEntry, "id">) =>
  db.all<ServerPredictionsEntry>(
    `SELECT slot, model, model_sha256 AS "modelSha256", text_column AS "textColumn", file, texts, made_by AS "madeBy", made_at AS "madeAt"
     FROM server_extract_predictions WHERE extract_id = ? ORDER BY slot`,
    [extract.id],
  );

export const predictionRequestSchema = knownFields({
  model: z.string({ error: "model is required (name@version)" }).min(1, { error: "model is required (name@version)" }),
  slot: z.enum(["a", "b"], { error: "slot must be a (the predictions) or b (a second prediction beside them)" }).default("a"),
  column: z.string().min(1).default("goods_description"),
});

/**
 * Who may spend the server's processors on an extract's predictions, with what: analysts and admins, with a model
 * that classifies text (not a predictions file); the column must be one of the extract's text columns.
 */
export async function checkPredictionRequest(
  db: Db,
  name: string,
  input: unknown,
  user: { role: Role },
  columns: readonly { name: string; type: string }[],
): Promise<{ extract: ServerExtractEntry; version: RegisteredVersion; slot: "a" | "b"; column: string }> {
  if (user.role === "viewer") throw new ServerExtractError("predicting on the server needs the analyst or admin role (you are viewer)", 403);
  const extract = await findServerExtract(db, name);
  const parsed = predictionRequestSchema.safeParse(input);
  if (!parsed.success) throw new ServerExtractError(parsed.error.issues.map((i) => i.message).join("; "));
  const { model, slot, column } = parsed.data;
  const type = columns.find((c) => c.name === column)?.type;
  if (type !== "VARCHAR" || column.startsWith("predicted_"))
    throw new ServerExtractError(
      `${column} is not a text column of ${extract.name} (choose one of ${columns
        .filter((c) => c.type === "VARCHAR" && !c.name.startsWith("predicted_"))
        .map((c) => c.name)
        .join(", ")})`,
    );
  let version: RegisteredVersion;
  try {
    version = await resolveVersion(db, model);
  } catch (error) {
    throw new ServerExtractError((error as Error).message, 404);
  }
  const why =
    cannotClassify(version) ??
    (version.kind === "remote" ? `${model} is served by a remote endpoint; the server predicts extracts with its own models only` : null);
  if (why) throw new ServerExtractError(why);
  return { extract, version, slot, column };
}

/** The slot's new predictions replace the old ones (the old file is the caller's to remove); audited. */
export async function recordServerPredictions(
  db: Db,
  extract: ServerExtractEntry,
  entry: Omit<ServerPredictionsEntry, "madeBy" | "madeAt">,
  actor: Actor,
): Promise<ServerPredictionsEntry | undefined> {
  return db.transaction(async (db) => {
    const before = (await serverPredictionsOf(db, extract)).find((p) => p.slot === entry.slot);
    await db.run("DELETE FROM server_extract_predictions WHERE extract_id = ? AND slot = ?", [extract.id, entry.slot]);
    await db.run(
      `INSERT INTO server_extract_predictions (extract_id, slot, model, model_sha256, text_column, file, texts, made_by, made_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [extract.id, entry.slot, entry.model, entry.modelSha256, entry.textColumn, entry.file, entry.texts, actor.username, nowIso()],
    );
    await audit(db, {
      actor,
      action: "extract.predict",
      targetType: "server_extract",
      targetId: extract.id,
      // the extract by name too: SQLite may give a removed extract's id to the next one registered
      ...(before
        ? { before: { extract: extract.name, slot: before.slot, model: before.model, column: before.textColumn, texts: before.texts } }
        : {}),
      after: { extract: extract.name, slot: entry.slot, model: entry.model, column: entry.textColumn, texts: entry.texts },
    });
    return before;
  });
}

/**
 * An admin removes an extract from the registry (its folder stays where it is), with its predictions: their rows in
 * the same transaction, their files (in `predictionsDir`) once it committed. Audited with what was removed.
 */
export async function removeServerExtract(
  db: Db,
  name: string,
  user: { role: Role },
  actor: Actor,
  predictionsDir: string,
): Promise<{ files: number }> {
  if (user.role !== "admin") throw new ServerExtractError(`removing a server extract needs the admin role (you are ${user.role})`, 403);
  const files = await db.transaction(async (db) => {
    const extract = await findServerExtract(db, name);
    const predictions = await serverPredictionsOf(db, extract);
    await db.run("DELETE FROM server_extract_predictions WHERE extract_id = ?", [extract.id]);
    await db.run("DELETE FROM server_extracts WHERE id = ?", [extract.id]);
    await audit(db, {
      actor,
      action: "extract.remove",
      targetType: "server_extract",
      targetId: extract.id,
      before: {
        name: extract.name,
        folder: extract.folder,
        format: extract.format,
        files: extract.files,
        predictions: predictions.map((p) => p.model),
      },
    });
    return predictions.map((p) => p.file);
  });
  for (const file of files) rmSync(join(predictionsDir, file), { force: true });
  return { files: files.length };
}
