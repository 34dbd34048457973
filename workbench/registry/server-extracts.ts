// The registry of server-side extracts: which folders under the extracts folder an admin made queryable, by name.
import { realpathSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { z } from "zod";
import { nowIso } from "../clock";
import type { Env } from "../config/env";
import { extractFiles, folderInside, ServerExtractError, type ServerExtractFormat } from "../extract/server-extract";
import { audit, type Actor } from "../store/audit";
import type { Db } from "../store/sql";
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

export const registrationSchema = z.object({
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
