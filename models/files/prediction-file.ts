// Reads a predictions file (CSV, Parquet or an Excel workbook, docs/predictions-format.md) for import: its columns as text, its sha256,
// and the checked predictions per evaluation set. The CLI and the Models page's upload share it.
import { readFileSync } from "node:fs";
import { sha256 } from "../../workbench/sha256";
import { PredictionFileError, readPredictionTable } from "../../workbench/evaluation/prediction-file";
import type { PredictionFile } from "../../workbench/registry/prediction-imports";
import { readTable } from "./read-table";

/** `path` is read; `name` is how the file is named in messages and in the registry (no directories). */
export async function readPredictionFile(path: string, name: string, defaultSet?: string): Promise<PredictionFile> {
  const { columns, types, firstRow } = await readTable(path, undefined, name);
  // a code stored as a number has lost its leading zeros (0101 → 101): refuse rather than guess
  const numeric = Object.keys(columns).filter((c) => /^code_\d+$/.test(c) && !/^VARCHAR/i.test(types[c] ?? "VARCHAR"));
  if (numeric.length)
    throw new PredictionFileError(
      name,
      [
        `${numeric.join(", ")} ${numeric.length === 1 ? "is a number column" : "are number columns"}; codes must be text (0101 stored as a number becomes 101)`,
      ],
      1,
    );
  const sets = readPredictionTable(name, columns, { firstRow, ...(defaultSet ? { defaultSet } : {}) });
  return { name, sha256: sha256(readFileSync(path)), sets };
}
