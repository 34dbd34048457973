import { tableToIPC } from "apache-arrow";
import { cellReader } from "./arrow-vectors";
import { csvField } from "../../workbench/csv";
import { getDuck } from "./duckdb.client";
import { ipcToParquet } from "./parquet.client";
import { serverQuery, type Engine } from "./table-engine.client";
import { cellKindOfSqlType, writeWorkbook, XLSX_MEDIA_TYPE, type CellKind, type Sheet } from "../../workbench/extract/xlsx-write";

type ColumnType = "STRING" | "DOUBLE" | "INT32" | "BOOLEAN" | "TIMESTAMP";

/** Arrow type id → how the column is written. Dates become text in CSV and timestamps in Parquet. */
function kindOf(typeId: number): ColumnType {
  switch (typeId) {
    case 2: // Int (BIGINTs arrive as doubles: castBigIntToDouble)
    case 3: // Float
    case 7: // Decimal
      return "DOUBLE";
    case 6: // Bool
      return "BOOLEAN";
    case 8: // Date
    case 10: // Timestamp
      return "TIMESTAMP";
    default:
      return "STRING";
  }
}

/** How an Excel cell holds a column's values, by its Arrow type id (a server extract's columns: cellKindOfSqlType). */
function cellKindOf(typeId: number): CellKind {
  if (typeId === 8) return "date";
  if (typeId === 10) return "datetime";
  const kind = kindOf(typeId);
  return kind === "DOUBLE" ? "number" : kind === "BOOLEAN" ? "boolean" : "text";
}

/**
 * The sheets as an .xlsx download; returns how many cells were cut to what a cell holds. The page paints and answers
 * between pieces of rows (the sheets are compressed in a worker).
 */
export async function downloadWorkbook(fileName: string, sheets: readonly Sheet[]): Promise<number> {
  let yielded = performance.now();
  const { parts, cutCells } = await writeWorkbook(sheets, async () => {
    if (performance.now() - yielded < 50) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    yielded = performance.now();
  });
  download(new Blob(parts as Uint8Array<ArrayBuffer>[], { type: XLSX_MEDIA_TYPE }), fileName);
  return cutCells;
}

export function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Exports the rows of a table or a query in parentheses as CSV (formula-like cells neutralised, codes kept as text),
 * an Excel workbook (codes and all text as text cells, numbers as numbers, dates as dates) or Parquet (written by
 * parquet-wasm: DuckDB's own Parquet writer is an extension that would need the network). A server extract's rows come
 * as CSV or a workbook, at most the server's row cap of them (`cut` says when there were more). `cutCells`: texts
 * longer than an Excel cell holds (32,767 characters), cut.
 */
export async function exportRelation(
  engine: Pick<Engine, "place" | "extract">,
  relation: string,
  format: "csv" | "xlsx" | "parquet",
  baseName: string,
): Promise<{ rows: number; cut: boolean; cutCells: number }> {
  if (engine.place === "server") {
    const answer = await serverQuery(engine.extract!, `SELECT * FROM ${relation}`);
    const names = answer.columns.map((c) => c.name);
    if (format === "xlsx") {
      const columns = answer.columns.map((c) => ({ name: c.name, kind: cellKindOfSqlType(c.type) }));
      const cutCells = await downloadWorkbook(`${baseName}.xlsx`, [
        { name: baseName, columns, rows: answer.rows.length, valueAt: (r, c) => answer.rows[r]![names[c]!] },
      ]);
      return { rows: answer.rows.length, cut: answer.truncated, cutCells };
    }
    const lines = [
      names.map(csvField).join(","),
      ...answer.rows.map((r) => names.map((n) => (r[n] === null || r[n] === undefined ? "" : csvField(r[n]))).join(",")),
    ];
    download(new Blob([lines.join("\n") + "\n"], { type: "text/csv;charset=utf-8" }), `${baseName}.csv`);
    return { rows: answer.rows.length, cut: answer.truncated, cutCells: 0 };
  }
  const { conn } = await getDuck();
  const table = await conn.query(`SELECT * FROM ${relation}`);
  if (format === "parquet") {
    const parquet = await ipcToParquet(tableToIPC(table, "stream"));
    download(new Blob([new Uint8Array(parquet)], { type: "application/vnd.apache.parquet" }), `${baseName}.parquet`);
    return { rows: table.numRows, cut: false, cutCells: 0 };
  }
  const valueAt = cellReader(table);
  if (format === "xlsx") {
    const kinds = table.schema.fields.map((f) => ({ name: f.name, kind: cellKindOf(f.type.typeId) }));
    return {
      rows: table.numRows,
      cut: false,
      cutCells: await downloadWorkbook(`${baseName}.xlsx`, [{ name: baseName, columns: kinds, rows: table.numRows, valueAt }]),
    };
  }
  const fields = table.schema.fields.map((f) => ({ name: f.name, kind: kindOf(f.type.typeId) }));
  const parts: string[] = [fields.map((f) => csvField(f.name)).join(",") + "\n"];
  let batch: string[] = [];
  let yielded = performance.now();
  for (let row = 0; row < table.numRows; row++) {
    batch.push(
      fields
        .map((f, c) => {
          const v = valueAt(row, c);
          if (v === null || v === undefined) return "";
          if (f.kind === "TIMESTAMP") return new Date(v as number).toISOString().slice(0, 10);
          return csvField(v);
        })
        .join(","),
    );
    if (batch.length === 10_000) {
      parts.push(batch.join("\n") + "\n");
      batch = [];
    }
    // the page paints and answers between pieces of rows
    if (row % 1_000 === 999 && performance.now() - yielded > 50) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      yielded = performance.now();
    }
  }
  if (batch.length) parts.push(batch.join("\n") + "\n");
  download(new Blob(parts, { type: "text/csv;charset=utf-8" }), `${baseName}.csv`);
  return { rows: table.numRows, cut: false, cutCells: 0 };
}
