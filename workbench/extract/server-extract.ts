// An extract too large for a browser, queried where it lies: a folder of Parquet or CSV files on the server, read by
// native DuckDB as one view `extract`. Users' SQL is one SELECT, with a time limit and a row cap, in a DuckDB that
// may read that folder only and whose settings are locked (no other file, no extension, no COPY, no ATTACH).
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { parseCsv } from "../csv";
import { quoteIdent, quoteLiteral } from "../sql-quote";
import { EXTRACT_COLUMNS, EXTRACT_SQL_TYPES } from "./declaration-line";

export class ServerExtractError extends Error {
  override name = "ServerExtractError";
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 408 | 409 = 400,
  ) {
    super(message);
  }
}

export type ServerExtractFormat = "parquet" | "csv";

/** The folder's files: all Parquet or all CSV (a mix is refused: one view needs one reader). */
export function extractFiles(dir: string): { format: ServerExtractFormat; files: string[] } {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile());
  } catch {
    throw new ServerExtractError(`${dir} is not a readable folder`, 404);
  }
  const parquet = names.filter((n) => n.toLowerCase().endsWith(".parquet"));
  const csv = names.filter((n) => n.toLowerCase().endsWith(".csv"));
  if (parquet.length && csv.length) throw new ServerExtractError(`${dir} holds both Parquet and CSV files; keep one format per extract`);
  if (!parquet.length && !csv.length) throw new ServerExtractError(`${dir} holds no .parquet or .csv file`);
  return parquet.length ? { format: "parquet", files: parquet.sort() } : { format: "csv", files: csv.sort() };
}

/** Each CSV file's header checked (checkCsvHeader): when a folder is registered and when it is opened. */
export function checkCsvHeaders(dir: string, { format, files }: { format: ServerExtractFormat; files: string[] }): void {
  if (format === "csv") for (const name of files) checkCsvHeader(dir, name);
}

/**
 * A CSV extract is read by the format's columns in the format's order (codes stay text, nothing is sniffed), so each
 * file's header must name them so: another file — a national system's own export — would be read column by column
 * into the wrong ones, or fail at the first query with DuckDB's conversion error. Refused here, naming the column.
 */
function checkCsvHeader(dir: string, name: string): void {
  const head = Buffer.alloc(64 * 1024);
  const fd = openSync(join(dir, name), "r");
  let text: string;
  try {
    text = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString("utf8");
  } finally {
    closeSync(fd);
  }
  const header = (parseCsv(text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "")[0] ?? []).map((c) => c.trim());
  const format =
    "the extract format's columns in its order (docs/extract-format.md); a file of other columns loads on the Explore page, which maps them";
  const wrong = EXTRACT_COLUMNS.findIndex((c, i) => header[i] !== c);
  if (wrong >= 0) {
    const got = header[wrong] === undefined ? "nothing" : `'${header[wrong]}'`;
    throw new ServerExtractError(
      `${name}: column ${wrong + 1} of its header is ${got}, expected '${EXTRACT_COLUMNS[wrong]}' — a CSV extract needs ${format}`,
    );
  }
  if (header.length > EXTRACT_COLUMNS.length) {
    throw new ServerExtractError(
      `${name}: its header has ${header.length} columns, the format ${EXTRACT_COLUMNS.length} ('${header[EXTRACT_COLUMNS.length]}' is not one) — a CSV extract needs ${format}`,
    );
  }
}

/** `path` as a real folder inside `root` (symbolic links resolved), or a refusal (naming no server path). */
export function folderInside(root: string, path: string): string {
  let real: string;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(resolve(realRoot, path));
  } catch {
    throw new ServerExtractError(`no folder ${path} in the extracts folder (WORKBENCH_EXTRACTS_DIR)`, 404);
  }
  const rel = relative(realRoot, real);
  if (rel === "" || rel.startsWith("..") || rel.startsWith(sep))
    throw new ServerExtractError("extracts are registered from folders inside the extracts folder (WORKBENCH_EXTRACTS_DIR) only", 403);
  return real;
}

export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  /** more rows than the cap: the first `rowCap` are returned */
  truncated: boolean;
  ms: number;
}

export interface ExtractInfo {
  columns: { name: string; type: string }[];
  rows: number;
}

export interface ServerExtract {
  readonly format: ServerExtractFormat;
  readonly files: string[];
  query(sql: string, limits: { timeoutMs: number; rowCap: number }): Promise<QueryResult>;
  /** the view's columns and line count (counted once) */
  info(): Promise<ExtractInfo>;
  /** the distinct non-empty texts of one of the files' columns, for predictions (our SQL, no row cap) */
  distinctTexts(column: string): Promise<string[]>;
  /**
   * Up to `limit` lines (reference, description, declared code) for a comparison: all of them, or a fixed sample
   * (ordered by a hash of the line reference: the same lines every time), with the extract's line count.
   */
  sampleLines(limit: number): Promise<{ total: number; lines: { ref: string; text: string | null; code: string | null }[] }>;
  close(): void;
}

/** Predictions made on the server for an extract: one Parquet file per slot (A, B), by distinct text of a column. */
export interface ExtractPredictions {
  slot: "a" | "b";
  /** a Parquet file (text, predicted_code, predicted_confidence, predicted_by) */
  file: string;
  textColumn: string;
}

/** The columns a slot's predictions add to the view, as on a browser table. */
export const SERVER_PREDICTION_COLUMNS = {
  a: { code: "predicted_code", confidence: "predicted_confidence", by: "predicted_by" },
  b: { code: "predicted_code_b", confidence: "predicted_confidence_b", by: "predicted_by_b" },
} as const;

const plain = (v: unknown): unknown => (typeof v === "bigint" ? Number(v) : v !== null && typeof v === "object" ? String(v) : v);

/**
 * Opens the folder as the view `extract` (also under `alias`, the registered name, so the same SQL runs on browser
 * tables and here). CSV: the extract format's columns with their types (codes stay text). Predictions made on the
 * server join the files by their text column, adding the columns a browser table gets.
 */
export async function openServerExtract(
  dir: string,
  options: {
    alias?: string;
    predictions?: readonly ExtractPredictions[];
    predictionsDir?: string;
    /** HS 2017 subheading → its single HS 2022 successor, as the table hs2017_successors (code6, mapped) */
    hs2017Successors?: ReadonlyMap<string, string>;
  } = {},
): Promise<ServerExtract> {
  const { format, files } = extractFiles(dir);
  checkCsvHeaders(dir, { format, files });
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  let fileColumns: string[];
  try {
    fileColumns = await prepare(connection, dir, format, options);
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    throw extractError(error, "the extract cannot be opened");
  }
  let busy: Promise<unknown> = Promise.resolve();
  // one query at a time per extract connection; each waits for the one before it
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = busy.then(work);
    busy = run.catch(() => undefined);
    return run;
  };
  // our own reads of the files (a broken file is the data's fault, said as such)
  const read = <T>(work: () => Promise<T>): Promise<T> =>
    serial(work).catch((error: unknown) => {
      throw extractError(error, "the extract cannot be read");
    });
  let info: Promise<ExtractInfo> | null = null;
  return {
    format,
    files,
    query: (sql, limits) => serial(() => runOne(connection, sql, limits)),
    info() {
      info ??= read(async () => {
        const described = (await connection.runAndReadAll("DESCRIBE extract")).getRowObjects();
        const [row] = (await connection.runAndReadAll("SELECT count(*) AS n FROM extract_files")).getRowObjects();
        return { columns: described.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })), rows: Number(row?.n ?? 0) };
      });
      info.catch(() => (info = null));
      return info;
    },
    distinctTexts(column) {
      if (!fileColumns.includes(column)) return Promise.reject(new ServerExtractError(`the extract has no column ${column}`));
      return read(async () => {
        const reader = await connection.runAndReadAll(
          `SELECT DISTINCT ${quoteIdent(column)}::VARCHAR AS t FROM extract_files WHERE ${quoteIdent(column)} IS NOT NULL`,
        );
        return reader.getRows().map((r) => String(r[0]));
      });
    },
    sampleLines(limit) {
      const missing = ["goods_description", "commodity_code"].filter((c) => !fileColumns.includes(c));
      if (missing.length)
        return Promise.reject(new ServerExtractError(`comparing needs the columns ${missing.join(" and ")}, which the extract lacks`));
      const ref = ["declaration_id", "line_number"].every((c) => fileColumns.includes(c))
        ? "declaration_id || '/' || line_number"
        : "'line ' || row_number() OVER ()";
      return read(async () => {
        const [count] = (await connection.runAndReadAll("SELECT count(*) FROM extract_files")).getRows();
        const reader = await connection.runAndReadAll(
          `SELECT ref, text, code FROM (SELECT ${ref} AS ref, goods_description::VARCHAR AS text, commodity_code::VARCHAR AS code FROM extract_files)
           ORDER BY hash(ref), ref LIMIT ${Math.max(0, Math.floor(limit))}`,
        );
        return {
          total: Number(count?.[0] ?? 0),
          lines: reader.getRows().map(([r, t, c]) => ({ ref: String(r), text: t === null ? null : String(t), code: c === null ? null : String(c) })),
        };
      });
    },
    // after the queries already asked (an extract reopened with new predictions may still be answering one)
    close() {
      void serial(async () => {
        connection.closeSync();
        instance.closeSync();
      });
    },
  };
}

/** A DuckDB error of the data or the files (a missing predictions file, a broken CSV) as a refusal that says so. */
const extractError = (error: unknown, what: string) =>
  error instanceof ServerExtractError ? error : new ServerExtractError(`${what}: ${(error as Error).message}`, 409);

/** The views over the folder (and its predictions), the successor table, then the read-only, locked settings. */
async function prepare(
  connection: DuckDBConnection,
  dir: string,
  format: ServerExtractFormat,
  options: Parameters<typeof openServerExtract>[1] & object,
): Promise<string[]> {
  const glob = quoteLiteral(join(dir, format === "parquet" ? "*.parquet" : "*.csv"));
  const columns = EXTRACT_COLUMNS.map((c) => `${quoteLiteral(c)}: ${quoteLiteral(EXTRACT_SQL_TYPES[c])}`).join(", ");
  await connection.run(
    format === "parquet"
      ? `CREATE VIEW extract_files AS SELECT * FROM read_parquet(${glob}, union_by_name = true)`
      : `CREATE VIEW extract_files AS SELECT * FROM read_csv(${glob}, header = true, auto_detect = false, columns = {${columns}})`,
  );
  const fileColumns = (await connection.runAndReadAll("DESCRIBE extract_files")).getRowObjects().map((r) => String(r.column_name));
  const predictions = options.predictions ?? [];
  const added = predictions.flatMap((p) => Object.values(SERVER_PREDICTION_COLUMNS[p.slot]));
  const replaced = added.filter((c) => fileColumns.includes(c));
  const select = [
    `f.*${replaced.length ? ` EXCLUDE (${replaced.map(quoteIdent).join(", ")})` : ""}`,
    ...predictions.map(({ slot }) => {
      const to = SERVER_PREDICTION_COLUMNS[slot];
      return `p_${slot}.predicted_code AS ${to.code}, p_${slot}.predicted_confidence AS ${to.confidence}, p_${slot}.predicted_by AS ${to.by}`;
    }),
  ];
  const joins = predictions.map(
    (p) => `LEFT JOIN read_parquet(${quoteLiteral(p.file)}) p_${p.slot} ON f.${quoteIdent(p.textColumn)} = p_${p.slot}.text`,
  );
  await connection.run(`CREATE VIEW extract AS SELECT ${select.join(", ")} FROM extract_files f ${joins.join(" ")}`);
  if (options.alias && options.alias !== "extract") await connection.run(`CREATE VIEW ${quoteIdent(options.alias)} AS SELECT * FROM extract`);
  if (options.hs2017Successors) {
    await connection.run("CREATE TABLE hs2017_successors (code6 VARCHAR PRIMARY KEY, mapped VARCHAR NOT NULL)");
    const appender = await connection.createAppender("hs2017_successors");
    for (const [code6, mapped] of options.hs2017Successors) {
      appender.appendVarchar(code6);
      appender.appendVarchar(mapped);
      appender.endRow();
    }
    appender.closeSync();
  }
  const readable = [dir, ...(predictions.length && options.predictionsDir ? [options.predictionsDir] : [])];
  await connection.run(`SET allowed_directories = [${readable.map((d) => quoteLiteral(d + sep)).join(", ")}]`);
  await connection.run("SET enable_external_access = false");
  await connection.run("SET autoinstall_known_extensions = false");
  await connection.run("SET autoload_known_extensions = false");
  await connection.run("SET lock_configuration = true");
  return fileColumns;
}

const SELECT = 1; // DuckDB's statement type for SELECT (and WITH … SELECT)

const READ_ONLY = "server extracts are read-only: only SELECT (or WITH … SELECT) queries run";
// statements that change or reach outside the database, refused by name before DuckDB even binds them (the statement
// type checked after binding is the guard; this only gives them the read-only message)
const WRITES =
  /^\s*(copy|attach|detach|install|load|export|import|create|insert|update|delete|drop|alter|set|reset|pragma|call|checkpoint|vacuum|begin|commit|rollback|use)\b/i;

async function runOne(connection: DuckDBConnection, sql: string, { timeoutMs, rowCap }: { timeoutMs: number; rowCap: number }): Promise<QueryResult> {
  const extracted = await connection.extractStatements(sql).catch((error: Error) => {
    throw new ServerExtractError(error.message);
  });
  if (extracted.count !== 1) throw new ServerExtractError(`send one statement at a time (got ${extracted.count})`);
  if (WRITES.test(sql)) throw new ServerExtractError(READ_ONLY, 403);
  const prepared = await extracted.prepare(0).catch((error: Error) => {
    throw new ServerExtractError(error.message);
  });
  if (prepared.statementType !== SELECT)
    throw new ServerExtractError("server extracts are read-only: only SELECT (or WITH … SELECT) queries run", 403);
  const started = performance.now();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, timeoutMs);
  try {
    const reader = await prepared.streamAndReadUntil(rowCap + 1);
    const rows = reader.getRows().map((r) => r.map(plain));
    return {
      columns: reader.columnNames().map((name, i) => ({ name, type: String(reader.columnTypes()[i]) })),
      rows: rows.slice(0, rowCap),
      truncated: rows.length > rowCap,
      ms: Math.round(performance.now() - started),
    };
  } catch (error) {
    if (timedOut) throw new ServerExtractError(`the query ran longer than ${timeoutMs / 1000} s and was stopped`, 408);
    throw new ServerExtractError((error as Error).message);
  } finally {
    clearTimeout(timer);
  }
}
