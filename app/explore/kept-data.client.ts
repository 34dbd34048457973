// Keeps a user's Explore work in this browser across reloads and restarts: each table as a Parquet file in the
// origin-private file system (OPFS), with a catalog beside them; saved queries and views in localStorage. All of it
// per signed-in user, and all of it removed by "forget this data".
//
// DuckDB-WASM's own OPFS database mode is not used: 1.33 builds lose OPFS databases on reload (duckdb-wasm#2192,
// #2236), so we pin 1.32 and keep plain Parquet files (written and read by parquet-wasm, as for exports and loads).
import { tableToIPC } from "apache-arrow";
import { useRouteLoaderData } from "@remix-run/react";
import { z } from "zod";
import { countRows, quoteIdent, type TableInfo } from "./catalog.client";
import { getDuck, queryRows } from "./duckdb.client";
import { insertRowGroups, ipcToParquet } from "./parquet.client";

const ROOT = "workbench-explore";
const CATALOG = "catalog.json";

const columnsSchema = z.array(z.object({ name: z.string(), type: z.string() }));
const keptTableSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/),
  file: z.string().regex(/^t-[a-z0-9-]+\.parquet$/),
  rows: z.number().int().nonnegative(),
  columns: columnsSchema,
  /** row count, columns and a hash of every row: what says the table changed and must be written again */
  signature: z.string(),
  savedAt: z.string(),
});
const catalogSchema = z.object({ version: z.literal(1), tables: z.array(keptTableSchema) });
export type KeptTable = z.infer<typeof keptTableSchema>;
type Catalog = z.infer<typeof catalogSchema>;

export const keepingAvailable = () => typeof navigator !== "undefined" && typeof navigator.storage?.getDirectory === "function";

async function userDirectory(userId: string): Promise<FileSystemDirectoryHandle> {
  const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(ROOT, { create: true });
  return root.getDirectoryHandle(`user-${userId.replace(/[^A-Za-z0-9_-]/g, "_")}`, { create: true });
}

async function readCatalog(dir: FileSystemDirectoryHandle): Promise<Catalog> {
  try {
    const file = await (await dir.getFileHandle(CATALOG)).getFile();
    return catalogSchema.parse(JSON.parse(await file.text()));
  } catch {
    // none yet, or unreadable (written by another version): start empty; stray files are removed by the next sync
    return { version: 1, tables: [] };
  }
}

async function writeFile(dir: FileSystemDirectoryHandle, name: string, data: BlobPart): Promise<void> {
  // createWritable writes to a swap file and replaces the file on close: a crash leaves the old version whole.
  const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
  try {
    await writable.write(data);
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => undefined);
    throw error;
  }
}

async function signatureOf(table: TableInfo): Promise<string> {
  const [row] = await queryRows<{ h: string }>(`SELECT coalesce(sum(hash(t)::HUGEINT), 0)::VARCHAR AS h FROM ${quoteIdent(table.name)} AS t`);
  return `${table.rows}|${table.columns.map((c) => `${c.name}:${c.type}`).join(",")}|${row?.h ?? ""}`;
}

export interface RestoreReport {
  restored: KeptTable[];
  /** tables that could not be read back, with why (they stay kept until forgotten or replaced) */
  failed: { name: string; reason: string }[];
}

let restoring: Promise<RestoreReport> | null = null;

/** The signed-in user's id (from the root loader): what the browser keeps is kept per user. */
export function useKeptUserId(): string | null {
  const id = useRouteLoaderData<{ user: { id: number } | null }>("root")?.user?.id;
  return id === undefined ? null : String(id);
}

/**
 * Reads the user's kept tables back into the page's database, once per page (Explore and Compare both ask, whichever
 * opens first), before anything else is loaded.
 */
export function restoreKeptOnce(
  userId: string,
  onTable: (t: KeptTable, index: number, total: number) => void = () => undefined,
): Promise<RestoreReport> {
  // never rejects: a browser that refuses its storage still gets a working page, told what could not be restored
  restoring ??= keepingAvailable()
    ? restoreKept(userId, onTable).catch((e: unknown) => ({ restored: [], failed: [{ name: "the kept tables", reason: (e as Error).message }] }))
    : Promise.resolve({ restored: [], failed: [] });
  return restoring;
}

async function restoreKept(userId: string, onTable: (t: KeptTable, index: number, total: number) => void): Promise<RestoreReport> {
  const dir = await userDirectory(userId);
  const catalog = await readCatalog(dir);
  const { conn } = await getDuck();
  const report: RestoreReport = { restored: [], failed: [] };
  for (const [i, kept] of catalog.tables.entries()) {
    onTable(kept, i, catalog.tables.length);
    const staging = `__restoring_${i}`;
    try {
      const file = await (await dir.getFileHandle(kept.file)).getFile();
      await conn.query(`DROP TABLE IF EXISTS ${staging}`);
      await conn.query(`CREATE TABLE ${staging} (${kept.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(", ")})`);
      // Into a table with the kept column types: Parquet and Arrow widen some (BIGINT arrives as DOUBLE), the insert casts back.
      await insertRowGroups(file, (group) => conn.insertArrowFromIPCStream(group.ipc, { name: staging, create: false }));
      const rows = await countRows(staging);
      if (rows !== kept.rows) throw new Error(`${rows} rows read back, ${kept.rows} were kept`);
      await conn.query(`ALTER TABLE ${staging} RENAME TO ${quoteIdent(kept.name)}`);
      report.restored.push(kept);
    } catch (error) {
      await conn.query(`DROP TABLE IF EXISTS ${staging}`).catch(() => undefined);
      report.failed.push({ name: kept.name, reason: error instanceof Error ? error.message.split("\n")[0]! : String(error) });
    }
  }
  return report;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Makes the kept copy match the page's tables: new or changed tables are written, removed or renamed ones deleted.
 * Runs one at a time, in the order asked; each table's file is written before the catalog names it.
 */
export function syncKept(userId: string, tables: TableInfo[], onWriting: (table: string) => void): Promise<{ written: string[]; removed: string[] }> {
  const run = queue.then(async () => {
    const dir = await userDirectory(userId);
    const catalog = await readCatalog(dir);
    const written: string[] = [];
    const next: KeptTable[] = [];
    for (const table of tables) {
      const signature = await signatureOf(table);
      const kept = catalog.tables.find((t) => t.name === table.name);
      if (kept && kept.signature === signature) {
        next.push(kept);
        continue;
      }
      onWriting(table.name);
      const { conn } = await getDuck();
      const arrow = await conn.query(`SELECT * FROM ${quoteIdent(table.name)}`);
      const parquet = await ipcToParquet(tableToIPC(arrow, "stream"));
      const file = `t-${crypto.randomUUID()}.parquet`;
      await writeFile(dir, file, new Uint8Array(parquet));
      next.push({ name: table.name, file, rows: table.rows, columns: table.columns, signature, savedAt: new Date().toISOString() });
      written.push(table.name);
    }
    await writeFile(dir, CATALOG, JSON.stringify({ version: 1, tables: next } satisfies Catalog));
    // files no table names any more (old versions, removed tables) go after the catalog stops naming them
    const live = new Set(next.map((t) => t.file));
    const removed = catalog.tables.filter((t) => !next.some((n) => n.name === t.name)).map((t) => t.name);
    for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys())
      if (name !== CATALOG && !live.has(name)) await dir.removeEntry(name).catch(() => undefined);
    return { written, removed };
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Deletes everything kept for the user in this browser: tables, saved queries and views, query history. */
export async function forgetKept(userId: string): Promise<void> {
  await queue;
  const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(ROOT, { create: true });
  await root.removeEntry(`user-${userId.replace(/[^A-Za-z0-9_-]/g, "_")}`, { recursive: true }).catch((e: unknown) => {
    if (!(e instanceof DOMException && e.name === "NotFoundError")) throw e;
  });
  localStorage.removeItem(savedKey(userId));
  localStorage.removeItem(historyKey(userId));
}

// Saved queries and views: small, so localStorage (per user); read through zod like any stored value.
const savedSchema = z.object({
  queries: z.array(z.object({ name: z.string().min(1).max(120), sql: z.string().max(100_000), savedAt: z.string() })).catch([]),
  views: z.array(z.object({ name: z.string().min(1).max(120), search: z.string().max(4_000), savedAt: z.string() })).catch([]),
});
export type Saved = z.infer<typeof savedSchema>;
const savedKey = (userId: string) => `workbench.saved.${userId}`;
export const historyKey = (userId: string) => `workbench.sql-history.${userId}`;

export function readSaved(userId: string): Saved {
  try {
    return savedSchema.parse(JSON.parse(localStorage.getItem(savedKey(userId)) ?? "{}"));
  } catch {
    return { queries: [], views: [] };
  }
}

/** Saved queries, and saved views, each at most: a working set, in localStorage's few megabytes. */
export const SAVED_MAX = 100;

/** Why a query or view could not be saved, in words for the analyst. */
export class SaveRefused extends Error {
  override name = "SaveRefused";
}

/** Adds or replaces (by name) a saved query or view; returns the new list. Never drops another one to make room. */
export function save(userId: string, kind: "queries", item: Omit<Saved["queries"][number], "savedAt">): Saved;
export function save(userId: string, kind: "views", item: Omit<Saved["views"][number], "savedAt">): Saved;
export function save(userId: string, kind: "queries" | "views", item: { name: string } & Record<string, string>): Saved {
  const saved = readSaved(userId);
  const others = (saved[kind] as { name: string }[]).filter((s) => s.name !== item.name);
  const what = kind === "views" ? "views" : "queries";
  if (others.length >= SAVED_MAX) throw new SaveRefused(`${SAVED_MAX} saved ${what} are the most kept here: delete one to save '${item.name}'`);
  const next = { ...saved, [kind]: [{ ...item, savedAt: new Date().toISOString() }, ...others] } as Saved;
  try {
    localStorage.setItem(savedKey(userId), JSON.stringify(next));
  } catch {
    throw new SaveRefused(`this browser's storage for the site is full: '${item.name}' was not saved (delete saved ${what} or forget data)`);
  }
  return next;
}

export function unsave(userId: string, kind: "queries" | "views", name: string): Saved {
  const saved = readSaved(userId);
  const next = { ...saved, [kind]: (saved[kind] as { name: string }[]).filter((s) => s.name !== name) } as Saved;
  localStorage.setItem(savedKey(userId), JSON.stringify(next));
  return next;
}
