import { DuckDBInstance } from "@duckdb/node-api";
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError, UsageError } from "../cli/command";
import { quoteIdent } from "../../workbench/sql-quote";
import { binaryKind, fileFormatOf } from "../../workbench/extract/sniff";
import { readWorkbook, WorkbookError } from "../../workbench/extract/xlsx";

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

type Table = { columns: Record<string, (string | null)[]>; types: Record<string, string>; firstRow: number };

/** The file's first bytes. */
function headOf(file: string): Uint8Array {
  // enough to see a JSON file's first character past blank lines
  const head = new Uint8Array(1024);
  const fd = openSync(file, "r");
  try {
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a CSV, Parquet, JSON or Excel (.xlsx, its first visible sheet) file's columns as text, in file order: the named ones,
 * or all. `types` are the file's own column types (a Parquet code column stored as a number has lost its leading zeros).
 * The format is told as the Explore page tells it (fileFormatOf: a workbook saved as "answers.csv" is read as a workbook),
 * and another binary file (an old .xls, a gzip, a PDF) is named for what it is instead of failing as a CSV.
 */
export async function readTable(
  file: string,
  /** the columns to read (all by default), or how to choose them from the file's own (an unknown one is refused) */
  only?: string[] | ((available: string[]) => string[]),
  /** how messages name the file (an uploaded file's own name, never the server's path) */
  label = file,
): Promise<Table> {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`${label} does not exist`);
  if (stat.isDirectory()) throw new UsageError(`${label} is a folder; give a file`);
  const head = headOf(file);
  const format = fileFormatOf(label, head);
  if (format === "xlsx") return readWorkbookTable(file, only, label);
  const binary = format === "csv" ? binaryKind(head) : null;
  if (binary) throw new InputError(`${label}: this is ${binary}`);
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  const { source, kind } = {
    parquet: { source: `read_parquet(${quote(file)})`, kind: "Parquet" },
    json: { source: `read_json(${quote(file)}, format = 'array')`, kind: "JSON (an array of objects)" },
    ndjson: { source: `read_json(${quote(file)}, format = 'newline_delimited')`, kind: "JSON (one object per line)" },
    // standard quoting and strict parsing: an unterminated quote or a ragged row is an error, not silently read
    csv: {
      source: `read_csv(${quote(file)}, all_varchar = true, header = true, quote = '"', escape = '"', strict_mode = true)`,
      kind: "CSV",
    },
  }[format];
  const run = async (sql: string) => {
    try {
      return await connection.runAndReadAll(sql);
    } catch (error) {
      // one line naming the file and what was wrong (DuckDB's first line carries the row when it knows it)
      const first = String((error as Error).message ?? error)
        .split("\n")[0]!
        .replace(/^[A-Za-z ]+Error: /, "")
        .split(file)
        .join(label)
        .slice(0, 240);
      throw new InputError(`${label}: not a readable ${kind} file${format === "csv" ? " with a header row" : ""} (${first})`);
    }
  };
  const described = (await run(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${source})`)).getRows();
  const available = described.map((r) => String(r[0]));
  const types = Object.fromEntries(described.map((r) => [String(r[0]), String(r[1])]));
  const columns = typeof only === "function" ? only(available) : (only ?? available);
  for (const c of columns) {
    if (!available.includes(c)) throw new UsageError(`${label} has no column '${c}'; its columns are ${available.join(", ")}`);
  }
  const reader = await run(`SELECT ${columns.map((c) => `CAST(${quoteIdent(c)} AS VARCHAR)`).join(", ")} FROM ${source}`);
  const rows = reader.getRows();
  return {
    columns: Object.fromEntries(columns.map((c, i) => [c, rows.map((r) => (r[i] === null ? null : String(r[i])))])),
    types,
    // CSV rows count the header as row 1; Parquet and JSON records count from 1
    firstRow: format === "csv" ? 2 : 1,
  };
}

/** A workbook's sheet as the CSV Excel would write of it (workbench/extract/xlsx.ts), read as any CSV file. */
async function readWorkbookTable(file: string, only: Parameters<typeof readTable>[1], label: string): Promise<Table> {
  let read;
  try {
    read = await readWorkbook(new Uint8Array(readFileSync(file)), label);
  } catch (error) {
    throw error instanceof WorkbookError ? new InputError(error.message) : error;
  }
  const dir = mkdtempSync(join(tmpdir(), "workbench-sheet-"));
  try {
    writeFileSync(join(dir, "sheet.csv"), read.csv);
    return await readTable(join(dir, "sheet.csv"), only, `${label} (sheet “${read.sheet}”)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
