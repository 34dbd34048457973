// Loads a user's file (or the demo extract) into a staging table, counts what the validation summary needs,
// then commits it under its final name or drops it. Nothing half-loaded survives a cancel or an error.
import { Table } from "apache-arrow";
import { DuckDBDataProtocol } from "@duckdb/duckdb-wasm";
import {
  blankExpression,
  castExpression,
  detectReadingOptions,
  mapColumns,
  notConvertedExpression,
  numbersTypedAtRead,
  type ColumnRoles,
  type MappingResult,
  type ReadingOptions,
} from "../../workbench/extract/column-mapping";
import { countRows, internalTables, quoteIdent, quoteLiteral } from "./catalog.client";
import {
  fileFormatOf,
  fileSizeProblem,
  type FileFormat,
  lastRecordEnd,
  recordsEnd,
  sniffCsv,
  type CsvChoice,
  type CsvSniff,
} from "../../workbench/extract/sniff";
import type { CodeCount, ColumnFailures, ValidationInput } from "../../workbench/extract/validation-summary";
import { utf8Vector } from "./arrow-vectors";
import { JsonArrayError, JsonArrayReader } from "../../workbench/extract/json-array-reader";
import { duckErrorMessage, getDuck, queryRows, runCancellable } from "./duckdb.client";
import { insertRowGroups } from "./parquet.client";
import { readWorkbook, WorkbookError } from "../../workbench/extract/xlsx";

// Slices large enough that per-slice overhead stays small, and about ten per file for a live progress bar and a
// prompt cancel.
const chunkBytes = (fileSize: number) => Math.min(32, Math.max(4, Math.ceil(fileSize / 10 / 2 ** 20))) * 2 ** 20;
const SNIFF_BYTES = 256 * 1024;

/** how a file is staged: a workbook as the CSV of one sheet */
export type StagedFormat = Exclude<FileFormat, "xlsx">;

export interface IngestProgress {
  phase: "reading" | "checking";
  bytesRead: number;
  totalBytes: number;
  rows: number;
  /** DuckDB reads the whole file in one statement: no share read is known until it is done */
  onePass?: boolean;
}

export interface StagedFile {
  staging: string;
  file: File;
  fileName: string;
  format: StagedFormat;
  bytes: number;
  header: string[];
  rows: number;
  /** "row" counts the file's rows, header and skipped rows included (CSV); "record" counts records from 1 (Parquet, JSON) */
  rowLabel: "row" | "record";
  /** the row or record number of the first data record */
  firstRow: number;
  sniff?: CsvSniff;
  /** a CSV's columns the read typed as numbers (numbersTypedAtRead): they keep no text to read another way */
  typedAtRead?: string[];
  /** an Excel workbook: the sheet read (as CSV, workbench/extract/xlsx.ts) and every sheet it offers */
  workbook?: { sheet: string; sheets: string[] };
  mapping: MappingResult;
  /** what the mapping was made from, so the user's column roles can remap it */
  sample: (string | null)[][];
  sourceTypes: Record<string, string>;
}

export class IngestError extends Error {
  override name = "IngestError";
}

let stagingCounter = 0;

/**
 * Reads a file into a new staging table; `choice` overrides what sniffing a CSV would detect; `textOnly` reads every
 * column of a CSV as text (none typed by the read: numbersTypedAtRead). Throws IngestError with a message naming the
 * file and what was wrong.
 */
export async function stageFile(
  file: File,
  onProgress: (p: IngestProgress) => void,
  signal: AbortSignal,
  choice: CsvChoice = {},
  textOnly = false,
): Promise<StagedFile> {
  const tooLarge = fileSizeProblem(file.name, file.size);
  if (tooLarge) throw new IngestError(tooLarge);
  let head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const detected = fileFormatOf(file.name, head);
  // an .xlsx workbook is read as the CSV of one of its sheets (comma-separated UTF-8, as it writes it)
  const format: StagedFormat = detected === "xlsx" ? "csv" : detected;
  let workbook: StagedFile["workbook"];
  let source = file;
  if (detected === "xlsx") {
    // unzipped at once, then read row by row (seconds for 100,000 lines): the page says it is reading before it is busy
    onProgress({ phase: "reading", bytesRead: 0, totalBytes: file.size, rows: 0, onePass: true });
    let yielded = performance.now();
    const pause = () => new Promise((resolve) => setTimeout(resolve, 0));
    await pause();
    try {
      // the rows are read on this page's thread: it yields every 50 ms or so to paint the progress and hear Cancel
      const read = await readWorkbook(new Uint8Array(await file.arrayBuffer()), file.name, choice.sheet, async ({ share, rows }) => {
        if (performance.now() - yielded < 50) return;
        onProgress({ phase: "reading", bytesRead: Math.round(share * file.size), totalBytes: file.size, rows });
        await pause();
        checkAbort(signal);
        yielded = performance.now();
      });
      workbook = { sheet: read.sheet, sheets: read.sheets };
      // named with its sheet, so every message about its rows says which sheet they are in
      source = new File([read.csv], `${file.name} (sheet “${read.sheet}”)`, { type: "text/csv" });
      head = new Uint8Array(await source.slice(0, SNIFF_BYTES).arrayBuffer());
      choice = { ...choice, delimiter: ",", encoding: "utf-8" };
    } catch (error) {
      throw error instanceof WorkbookError ? new IngestError(error.message) : error;
    }
  }
  const staging = internalTables.staging(++stagingCounter);
  const { conn } = await getDuck();
  try {
    let staged: Omit<StagedFile, "mapping" | "sample" | "sourceTypes" | "file">;
    if (format === "csv")
      staged = {
        ...(await stageCsv(source, head, staging, onProgress, signal, choice, textOnly)),
        fileName: file.name,
        bytes: file.size,
        ...(workbook ? { workbook } : {}),
      };
    else if (format === "parquet") staged = await stageParquet(file, staging, onProgress, signal);
    else if (format === "ndjson") staged = await stageNdjson(file, staging, onProgress, signal);
    else staged = await stageJsonArray(file, staging, onProgress, signal);
    if (staged.rows === 0) throw new IngestError(`${source.name} has a header but no data rows`);
    const sample = await queryRows<Record<string, unknown>>(`SELECT * FROM ${staging} LIMIT 200`);
    const types = await queryRows<{ column_name: string; column_type: string }>(`SELECT column_name, column_type FROM (DESCRIBE ${staging})`);
    const values = sample.map((r) => staged.header.map((h) => (r[h] === null || r[h] === undefined ? null : String(r[h]))));
    const sourceTypes = Object.fromEntries(types.map((t) => [t.column_name, t.column_type]));
    return { ...staged, file, sample: values, sourceTypes, mapping: mapColumns(staged.header, values, sourceTypes) };
  } catch (error) {
    await conn.query(`DROP TABLE IF EXISTS ${staging}`).catch(() => undefined);
    if (error instanceof IngestError || (error instanceof DOMException && error.name === "AbortError")) throw error;
    throw new IngestError(`${file.name}: ${duckErrorMessage(error)}`);
  }
}

function checkAbort(signal: AbortSignal) {
  if (signal.aborted) throw new DOMException("The load was cancelled", "AbortError");
}

/** The same staged file with the user's column roles applied (nothing is read again). */
export function withRoles(staged: StagedFile, roles: ColumnRoles): StagedFile {
  return { ...staged, mapping: mapColumns(staged.header, staged.sample, staged.sourceTypes, roles) };
}

async function stageCsv(
  file: File,
  head: Uint8Array,
  staging: string,
  onProgress: (p: IngestProgress) => void,
  signal: AbortSignal,
  choice: CsvChoice,
  textOnly: boolean,
) {
  const sniff = sniffCsv(head, file.size <= head.length, file.name, choice);
  if (!sniff.ok) throw new IngestError(sniff.reason);
  if (sniff.raggedRows.length) {
    const r = sniff.raggedRows[0]!;
    throw new IngestError(
      `${file.name}, row ${r.row}: has ${r.fields} field(s), expected ${sniff.header.length} like the header` +
        (sniff.raggedRows.length > 1 ? ` (and ${sniff.raggedRows.length - 1} more rows in the first ${sniff.sampleRows.length + 1})` : "") +
        `. Delimiter ${choice.delimiter === undefined ? "detected" : "chosen"}: ${JSON.stringify(sniff.delimiter)}.`,
    );
  }
  const { db, conn } = await getDuck();
  const columnsOf = (types: Record<string, string>) => sniff.header.map((h) => `${quoteLiteral(h)}: '${types[h] ?? "VARCHAR"}'`).join(", ");
  const columns = columnsOf({});
  const hasHeader = sniff.headerRow > 0;
  const firstRow = sniff.headerRow + 1;
  let skip = Math.max(0, sniff.headerRow - 1);
  const done = {
    staging,
    fileName: file.name,
    format: "csv" as const,
    bytes: file.size,
    header: sniff.header,
    rowLabel: "row" as const,
    firstRow,
    sniff,
  };
  if (sniff.encoding === "utf-8") {
    // UTF-8, the usual case: DuckDB reads the file itself in one pass (no copies through the page), cancellable between
    // steps; markedly faster than reading it in slices (bench:explore), at the price of a progress bar without a share.
    const name = `${staging}.csv`;
    await db.registerFileHandle(name, file, DuckDBDataProtocol.BROWSER_FILEREADER, true);
    onProgress({ phase: "reading", bytesRead: 0, totalBytes: file.size, rows: 0, onePass: true });
    const read = (columnTypes: string) =>
      runCancellable(
        `CREATE TABLE ${staging} AS SELECT * FROM read_csv(${quoteLiteral(name)}, header = ${hasHeader}, skip = ${skip}, auto_detect = false,
           delim = ${quoteLiteral(sniff.delimiter)}, quote = '"', escape = '"', columns = {${columnTypes}}, null_padding = false)`,
        signal,
      );
    // numbers typed by the read need no conversion at load (numbersTypedAtRead); a value that is not one fails the
    // read, which is done again with every column as text
    const typed = textOnly ? {} : numbersTypedAtRead(sniff.header, sniff.sampleRows);
    let typedAtRead = Object.keys(typed);
    try {
      if (typedAtRead.length) {
        await read(columnsOf(typed)).catch(async (error: unknown) => {
          if (error instanceof DOMException) throw error;
          await conn.query(`DROP TABLE IF EXISTS ${staging}`);
          typedAtRead = [];
          await read(columns);
        });
      } else await read(columns);
    } catch (error) {
      if (error instanceof DOMException) throw error;
      throw new IngestError(csvErrorMessage(file.name, duckErrorMessage(error), 0));
    } finally {
      // a cancelled read lets go of the file a moment after it stops
      for (let attempt = 0; attempt < 20; attempt++) {
        if (
          await db.dropFile(name).then(
            () => true,
            () => false,
          )
        )
          break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return { ...done, rows: await countRows(staging), typedAtRead };
  }
  await conn.query(`CREATE TABLE ${staging} (${sniff.header.map((h) => `${quoteIdent(h)} VARCHAR`).join(", ")})`);
  // Other encodings are transcoded to UTF-8 slice by slice, so DuckDB always reads UTF-8.
  const decoder = new TextDecoder(sniff.encoding);
  const encoder = new TextEncoder();
  let carry: Uint8Array = new Uint8Array(0);
  let offset = sniff.bomLength;
  let rows = 0;
  let first = true;
  const chunkName = `${staging}_chunk.csv`;
  while (offset < file.size || carry.length) {
    checkAbort(signal);
    const end = Math.min(file.size, offset + chunkBytes(file.size));
    const raw = new Uint8Array(await file.slice(offset, end).arrayBuffer());
    const atEnd = end >= file.size;
    const utf8 = encoder.encode(decoder.decode(raw, { stream: !atEnd }));
    let bytes = concat(carry, utf8);
    // The last slice ends the last record, even when the file has no final line break.
    if (atEnd && bytes.length && bytes[bytes.length - 1] !== 0x0a) bytes = concat(bytes, new Uint8Array([0x0a]));
    if (skip > 0) {
      // Rows above the header (titles, notes) are left out.
      const after = recordsEnd(bytes, skip);
      if (after < 0 && !atEnd) {
        carry = bytes;
        offset = end;
        continue;
      }
      bytes = after < 0 ? new Uint8Array(0) : bytes.subarray(after);
      skip = 0;
    }
    // One quote-aware scan gives both where the last complete record ends and how many records precede it.
    const scan = lastRecordEnd(bytes, false);
    // The last slice goes in whole: an unclosed quote at the end is for DuckDB to report.
    const cut = atEnd ? bytes.length : scan.end;
    if (cut <= 0) {
      // No complete record yet (a very long quoted field): read more before inserting.
      carry = bytes;
      offset = end;
      continue;
    }
    const piece = bytes.subarray(0, cut);
    carry = bytes.slice(cut);
    const records = scan.records - (first && hasHeader ? 1 : 0);
    await db.registerFileBuffer(chunkName, piece.slice());
    try {
      await conn.query(
        `INSERT INTO ${staging} SELECT * FROM read_csv(${quoteLiteral(chunkName)}, header = ${first && hasHeader}, auto_detect = false,
           delim = ${quoteLiteral(sniff.delimiter)}, quote = '"', escape = '"', columns = {${columns}}, null_padding = false)`,
      );
    } catch (error) {
      throw new IngestError(csvErrorMessage(file.name, duckErrorMessage(error), firstRow - 1 + rows - (first && hasHeader ? 1 : 0)));
    } finally {
      await db.dropFile(chunkName);
    }
    rows += records;
    first = false;
    offset = end;
    onProgress({ phase: "reading", bytesRead: offset, totalBytes: file.size, rows });
    if (atEnd) break;
  }
  return {
    staging,
    fileName: file.name,
    format: "csv" as const,
    bytes: file.size,
    header: sniff.header,
    rows,
    rowLabel: "row" as const,
    firstRow,
    sniff,
  };
}

/** Rewrites DuckDB's chunk-relative line numbers into the file's row numbers. */
function csvErrorMessage(fileName: string, message: string, rowsBefore: number): string {
  const line = /line (\d+)/i.exec(message);
  const fields = /Expected Number of Columns:\s*(\d+)\s*Found:\s*(\d+)/i.exec(message);
  const row = line ? rowsBefore + Number(line[1]) : null;
  if (fields && row) return `${fileName}, row ${row}: has ${fields[2]} field(s), expected ${fields[1]} like the header`;
  const firstLine = message.split("\n")[0]!;
  return `${fileName}${row ? `, row ${row}` : ""}: ${firstLine}`;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

async function stageParquet(file: File, staging: string, onProgress: (p: IngestProgress) => void, signal: AbortSignal) {
  const { conn } = await getDuck();
  let rows = 0;
  let bytesRead = 0;
  try {
    await insertRowGroups(
      file,
      (group) => {
        checkAbort(signal);
        return conn.insertArrowFromIPCStream(group.ipc, { name: staging, create: group.group === 0 });
      },
      (group) => {
        rows += group.rows;
        bytesRead += group.bytes;
        onProgress({ phase: "reading", bytesRead: Math.min(file.size, bytesRead), totalBytes: file.size, rows });
      },
    );
  } catch (error) {
    if (error instanceof DOMException) throw error;
    throw new IngestError(`${file.name} is not a readable Parquet file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const header = await columnNames(staging);
  return { staging, fileName: file.name, format: "parquet" as const, bytes: file.size, header, rows, rowLabel: "record" as const, firstRow: 1 };
}

async function columnNames(table: string): Promise<string[]> {
  return (await queryRows<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE ${table})`)).map((r) => r.column_name);
}

/** One JSON object per line (NDJSON), as the lines arrive: a reader for stageRecords. */
function ndjsonReader(fileName: string) {
  let carry = "";
  let line = 0;
  return (piece: string, last: boolean) => {
    const lines = (carry + piece).split("\n");
    carry = last ? "" : lines.pop()!;
    const records: Record<string, unknown>[] = [];
    for (const raw of lines) {
      line++;
      const trimmed = raw.trim();
      if (!trimmed) continue;
      let value: unknown;
      try {
        value = JSON.parse(trimmed);
      } catch (error) {
        throw new IngestError(`${fileName}, line ${line}: not valid JSON (${(error as Error).message})`);
      }
      if (!value || typeof value !== "object" || Array.isArray(value))
        throw new IngestError(`${fileName}, line ${line}: expected one JSON object per line`);
      records.push(value as Record<string, unknown>);
    }
    return records;
  };
}

/** The objects of a JSON array, as its text arrives (JsonArrayReader): a reader for stageRecords. */
function jsonArrayReader(fileName: string) {
  const reader = new JsonArrayReader(fileName);
  return (piece: string, last: boolean) => {
    try {
      const records = reader.push(piece);
      if (last) reader.end();
      return records;
    } catch (error) {
      throw error instanceof JsonArrayError ? new IngestError(error.message) : error;
    }
  };
}

/**
 * JSON records read in slices and staged as text (the commit step gives every column its type, like for CSV): every
 * field of every record becomes a column, however late it first appears (earlier records have none: NULL).
 */
async function stageRecords(
  file: File,
  staging: string,
  onProgress: (p: IngestProgress) => void,
  signal: AbortSignal,
  read: (piece: string, last: boolean) => Record<string, unknown>[],
) {
  const { conn } = await getDuck();
  const decoder = new TextDecoder();
  let header: string[] | null = null;
  let rows = 0;
  // an empty file is read once, so its reader can say what it lacks
  for (let offset = 0; offset < file.size || offset === 0; offset += chunkBytes(file.size)) {
    checkAbort(signal);
    const end = Math.min(file.size, offset + chunkBytes(file.size));
    const records = read(decoder.decode(await file.slice(offset, end).arrayBuffer(), { stream: end < file.size }), end >= file.size);
    if (records.length) {
      const known = new Set<string>(header ?? []);
      const added: string[] = [...new Set(records.flatMap((r) => Object.keys(r)))].filter((k) => !known.has(k));
      // DuckDB's column names ignore case: two fields that differ only in it cannot both be columns
      const lower = new Map((header ?? []).map((h) => [h.toLowerCase(), h]));
      for (const k of added) {
        const same = lower.get(k.toLowerCase());
        if (same !== undefined)
          throw new IngestError(`${file.name}: the fields '${same}' and '${k}' differ only in case; rename one (column names ignore case)`);
        lower.set(k.toLowerCase(), k);
      }
      if (header) for (const k of added) await conn.query(`ALTER TABLE ${staging} ADD COLUMN ${quoteIdent(k)} VARCHAR`);
      header = [...(header ?? []), ...added];
      const columns = Object.fromEntries(header.map((h) => [h, utf8Vector(records.map((r) => stringify(r[h])))]));
      await conn.insertArrowTable(new Table(columns), { name: staging, create: rows === 0 });
      rows += records.length;
    }
    onProgress({ phase: "reading", bytesRead: end, totalBytes: file.size, rows });
  }
  if (!header) throw new IngestError(`${file.name} holds no JSON records`);
  return { staging, fileName: file.name, bytes: file.size, header, rows, rowLabel: "record" as const, firstRow: 1 };
}

async function stageNdjson(file: File, staging: string, onProgress: (p: IngestProgress) => void, signal: AbortSignal) {
  return { ...(await stageRecords(file, staging, onProgress, signal, ndjsonReader(file.name))), format: "ndjson" as const };
}

const stringify = (v: unknown) => (v === null || v === undefined ? null : typeof v === "object" ? JSON.stringify(v) : String(v));

/**
 * A JSON array: DuckDB-WASM's built-in JSON reader (no extension) reads the file handle directly and types each field.
 * It cannot type a field whose values differ (numbers, and "n/a" in one record) and fails on the file; such a file
 * (or a malformed one, then with the record that is wrong) is read again in slices in JavaScript, every value as text.
 */
async function stageJsonArray(file: File, staging: string, onProgress: (p: IngestProgress) => void, signal: AbortSignal) {
  const { db, conn } = await getDuck();
  const name = `${staging}.json`;
  await db.registerFileHandle(name, file, DuckDBDataProtocol.BROWSER_FILEREADER, true);
  try {
    await conn.insertJSONFromPath(name, { name: staging, create: true });
  } catch {
    await conn.query(`DROP TABLE IF EXISTS ${staging}`);
    return { ...(await stageRecords(file, staging, onProgress, signal, jsonArrayReader(file.name))), format: "json" as const };
  } finally {
    await db.dropFile(name);
  }
  const header = await columnNames(staging);
  const [{ n }] = (await queryRows<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${staging}`)) as [{ n: number }];
  onProgress({ phase: "reading", bytesRead: file.size, totalBytes: file.size, rows: n });
  return { staging, fileName: file.name, format: "json" as const, bytes: file.size, header, rows: n, rowLabel: "record" as const, firstRow: 1 };
}

/** Counts, in the worker, what the validation summary needs: code values, empty descriptions, values that do not convert. */
export async function collectValidationInput(staged: StagedFile, options: ReadingOptions = {}): Promise<ValidationInput> {
  const { mapping, staging } = staged;
  const numbered = `(SELECT row_number() OVER () + ${staged.firstRow - 1} AS __row, * FROM ${staging})`;
  const code = mapping.columns.find((c) => c.target === "commodity_code");
  const description = mapping.columns.find((c) => c.target === "goods_description");
  const codeCounts = code
    ? (
        await queryRows<{ code: string | null; n: number; first: number }>(
          // each distinct value trimmed once, not each row's
          `SELECT NULLIF(trim(CAST(raw AS VARCHAR)), '') AS code, sum(n)::INTEGER AS n, min(first)::INTEGER AS first
           FROM (SELECT ${quoteIdent(code.source)} AS raw, count(*) AS n, min(__row) AS first FROM ${numbered} GROUP BY 1) GROUP BY 1`,
        )
      ).map((r): CodeCount => ({ code: r.code, count: r.n, firstRow: r.first }))
    : null;
  let emptyDescriptions = null;
  if (description) {
    const empty = blankExpression(description.source);
    const rows = await queryRows<{ __row: number; total: number }>(
      `SELECT __row::INTEGER AS __row, (count(*) OVER ())::INTEGER AS total FROM ${numbered} WHERE ${empty} ORDER BY __row LIMIT 5`,
    );
    emptyDescriptions = { count: rows[0]?.total ?? 0, firstRows: rows.map((r) => r.__row) };
  }
  const failures: ColumnFailures[] = [];
  for (const plan of mapping.columns.filter((c) => c.type !== "VARCHAR")) {
    const text = `NULLIF(trim(CAST(${quoteIdent(plan.source)} AS VARCHAR)), '')`;
    const rows = await queryRows<{ __row: number; value: string; total: number }>(
      `SELECT __row::INTEGER AS __row, ${text} AS value, (count(*) OVER ())::INTEGER AS total FROM ${numbered}
       WHERE ${notConvertedExpression(plan, options)} ORDER BY __row LIMIT 3`,
    );
    if (rows.length)
      failures.push({ column: plan.name, type: plan.type, count: rows[0]!.total, examples: rows.map((r) => ({ row: r.__row, value: r.value })) });
  }
  return { rows: staged.rows, columns: mapping.columns, missingRequired: mapping.missingRequired, codeCounts, emptyDescriptions, failures };
}

/** How the staged file's text is best read (the rule: `detectReadingOptions`), from its first 2,000 rows. */
export async function detectReading(staged: StagedFile): Promise<Required<ReadingOptions> & { dateAmbiguous: boolean }> {
  const plans = staged.format === "csv" ? staged.mapping.columns : staged.mapping.columns.filter((c) => c.type === "DATE");
  const typed = plans.filter((c) => c.type !== "VARCHAR" && !c.sourceType);
  if (!typed.length) return detectReadingOptions([], () => []);
  const rows = await queryRows<Record<string, string | null>>(
    `SELECT ${typed.map((c, i) => `CAST(${quoteIdent(c.source)} AS VARCHAR) AS ${quoteIdent(`v${i}`)}`).join(", ")} FROM ${staged.staging} LIMIT 2000`,
  );
  return detectReadingOptions(typed, (plan) => rows.map((r) => r[`v${typed.indexOf(plan)}`]));
}

/** The first rows as they would be loaded with these options: loaded names, converted values (empty where a value does not convert). */
export async function previewRows(staged: StagedFile, options: ReadingOptions, limit = 8): Promise<Record<string, unknown>[]> {
  const select = staged.mapping.columns.map((c, i) => `${castExpression(c, options)} AS ${quoteIdent(`c${i}`)}`).join(", ");
  const rows = await queryRows<Record<string, unknown>>(`SELECT ${select} FROM ${staged.staging} LIMIT ${limit}`);
  return rows.map((r) => Object.fromEntries(staged.mapping.columns.map((c, i) => [c.name, r[`c${i}`]])));
}

/** Derived column added to every table with commodity codes: the chapter as a small integer, so chapter views group fast. */
export const CHAPTER_COLUMN = "hs_chapter";

/**
 * Turns the staging table into the final one in place: only columns that change type (or the code column, which
 * is trimmed and optionally repaired) are rewritten; then columns get their mapped names and the table its name.
 */
export async function commitStaged(
  staged: StagedFile,
  tableName: string,
  repair: { from: string; to: string }[] | null,
  options: ReadingOptions = {},
): Promise<void> {
  const { conn } = await getDuck();
  const table = staged.staging;
  const code = staged.mapping.columns.find((c) => c.target === "commodity_code");
  const repairTable = `${table}_repair`;
  try {
    for (const plan of staged.mapping.columns) {
      const expression = castExpression(plan, options);
      const untouched =
        expression === quoteIdent(plan.source) ||
        (plan.type === "VARCHAR" && !plan.sourceType && (plan !== code || (await alreadyTrimmed(table, plan.source))));
      if (!untouched) {
        await conn.query(`ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(plan.source)} SET DATA TYPE ${plan.type} USING ${expression}`);
      }
    }
    if (code && repair?.length) {
      await conn.query(`CREATE TEMP TABLE ${repairTable} (from_code VARCHAR, to_code VARCHAR)`);
      await conn.insertArrowTable(new Table({ from_code: utf8Vector(repair.map((m) => m.from)), to_code: utf8Vector(repair.map((m) => m.to)) }), {
        name: repairTable,
        create: false,
      });
      await conn.query(
        `UPDATE ${table} SET ${quoteIdent(code.source)} = r.to_code FROM ${repairTable} r WHERE ${quoteIdent(code.source)} = r.from_code`,
      );
    }
    // Two steps, so a column may take a name another column had before.
    const renamed = staged.mapping.columns.filter((p) => p.name !== p.source);
    for (const [i, plan] of renamed.entries()) await conn.query(`ALTER TABLE ${table} RENAME COLUMN ${quoteIdent(plan.source)} TO __renaming_${i}`);
    for (const [i, plan] of renamed.entries()) await conn.query(`ALTER TABLE ${table} RENAME COLUMN __renaming_${i} TO ${quoteIdent(plan.name)}`);
    if (code && !staged.mapping.columns.some((c) => c.name === CHAPTER_COLUMN)) {
      await conn.query(`ALTER TABLE ${table} ADD COLUMN ${CHAPTER_COLUMN} UTINYINT`);
      // ALTER … USING rewrites the column in one pass, about twice as fast as UPDATE here
      await conn.query(
        `ALTER TABLE ${table} ALTER COLUMN ${CHAPTER_COLUMN} SET DATA TYPE UTINYINT USING TRY_CAST(substr(${quoteIdent(code.name)}, 1, 2) AS UTINYINT)`,
      );
    }
    await conn.query(`ALTER TABLE ${table} RENAME TO ${quoteIdent(tableName)}`);
  } catch (error) {
    await conn.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    throw error;
  } finally {
    await conn.query(`DROP TABLE IF EXISTS ${repairTable}`).catch(() => undefined);
  }
}

/** Whether a text column has no value with surrounding spaces and no empty value: then it needs no rewriting. */
async function alreadyTrimmed(table: string, column: string): Promise<boolean> {
  const c = quoteIdent(column);
  const [row] = await queryRows<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${table} WHERE ${c} <> trim(${c}) OR ${c} = ''`);
  return row?.n === 0;
}

export async function discardStaged(staged: StagedFile | { staging: string }): Promise<void> {
  const { conn } = await getDuck();
  await conn.query(`DROP TABLE IF EXISTS ${staged.staging}`);
}
