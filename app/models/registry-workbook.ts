// The Models page's table of every version on one evaluation set as an Excel workbook, for a manager's spreadsheet:
// which set (real or our own generated lines, as its label says) and how the table is sorted first, then one row per
// version with its figures (shares in percent format; a version without figures says why).
import type { EvaluationSet } from "../../workbench/evaluation/evaluation-sets";
import {
  REGISTRY_COLUMN_LABELS,
  REGISTRY_COLUMNS,
  registryTableNote,
  type RegistryColumn,
  type RegistryRow,
} from "../../workbench/evaluation/registry-table";
import { aboutSheet, sheetOf, type Sheet, type SheetColumn } from "../../workbench/extract/xlsx-write";
import { KIND_LABELS } from "../../workbench/registry/model-version";

export function registryWorkbookSheets(
  set: Pick<EvaluationSet, "label" | "description" | "hash">,
  table: { sort: RegistryColumn; descending: boolean; rows: readonly (RegistryRow & { notMeasured: string | null })[] },
  at: Date,
): Sheet[] {
  const about: [string, string][] = [
    ["Evaluation set", set.label],
    ["About the set", set.description],
    ["Set sha256", set.hash],
    ["Figures", registryTableNote(table.sort, table.descending)],
  ];
  const columns: SheetColumn[] = [
    { name: "version", kind: "text", width: 28 },
    { name: "status", kind: "text" },
    { name: "kind", kind: "text", width: 22 },
    { name: "lines", kind: "number" },
    ...REGISTRY_COLUMNS.map((c): SheetColumn => ({ name: REGISTRY_COLUMN_LABELS[c], kind: c === "ece" ? "number" : "percent" })),
    { name: "no figures because", kind: "text", width: 40 },
    { name: "sha256", kind: "text" },
  ];
  const rows = table.rows.map((r) => [
    r.ref,
    r.status,
    KIND_LABELS[r.kind],
    r.figures?.n,
    ...REGISTRY_COLUMNS.map((c) => r.figures?.[c]),
    r.figures
      ? null
      : (r.unavailable ?? (r.notMeasured ? `could not be measured: ${r.notMeasured}` : "being measured on this set: download again in a moment")),
    r.sha256,
  ]);
  return [aboutSheet(about, at), sheetOf("Versions", columns, rows)];
}
