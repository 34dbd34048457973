// Server-side extracts in this process: each registered folder opened once in native DuckDB, queried with the limits.
import { getEnv } from "../../workbench/config/env";
import { realpathSync } from "node:fs";
import { folderInside, openServerExtract, ServerExtractError, type QueryResult, type ServerExtract } from "../../workbench/extract/server-extract";
import { extractsRoot, findServerExtract } from "../../workbench/registry/server-extracts";
import { getDb } from "~/store/context.server";

/** Every query: at most 30 s, at most 10,000 rows back (a larger answer says it was cut). */
export const SERVER_QUERY_LIMITS = { timeoutMs: 30_000, rowCap: 10_000 };

const open = new Map<string, Promise<ServerExtract>>();

export async function queryServerExtract(name: string, sql: string): Promise<QueryResult> {
  const entry = await findServerExtract(getDb(), name);
  const root = extractsRoot(getEnv());
  try {
    return await (await opened(entry.name, folderInside(root, entry.folder))).query(sql, SERVER_QUERY_LIMITS);
  } catch (error) {
    // DuckDB's messages may name the files: responses name the extract instead of the server's paths
    if (error instanceof ServerExtractError) throw new ServerExtractError(error.message.replaceAll(realpathSync(root), `<extracts>`), error.status);
    throw error;
  }
}

function opened(name: string, folder: string): Promise<ServerExtract> {
  let extract = open.get(name);
  if (!extract) {
    extract = openServerExtract(folder);
    open.set(name, extract);
    // a folder that cannot be opened now is tried again next time
    extract.catch(() => open.delete(name));
  }
  return extract;
}
