// The generated extract the benchmarks read (bench:explore, bench:scale): N lines in the demo format, as CSV and as
// Parquet under .cache/bench/, made once and reused.
import { DuckDBInstance } from "@duckdb/node-api";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadSourceLines } from "../workbench/data/text-sources";
import { splitOf } from "../workbench/data/text-split";
import { parseCsvRecords, toCsv } from "../workbench/csv";
import { EXTRACT_COLUMNS, EXTRACT_SQL_TYPES } from "../workbench/extract/declaration-line";
import { generateDemoExtract } from "../workbench/extract/demo-generator";
import { fixturesDir, loadCrosswalk, loadNomenclature } from "../workbench/hs/load-fixtures";

export const benchDataDir = join(resolve("."), ".cache/bench");

/** read_csv's column list for the extract format: codes stay text. */
export const typedColumns = EXTRACT_COLUMNS.map((c) => `'${c}': '${EXTRACT_SQL_TYPES[c]}'`).join(", ");

/** The extract of `rows` lines as CSV and Parquet, generated (seeded) the first time. */
export async function ensureExtract(rows: number): Promise<{ csvPath: string; parquetPath: string }> {
  mkdirSync(benchDataDir, { recursive: true });
  const csvPath = join(benchDataDir, `extract-${rows}.csv`);
  const parquetPath = join(benchDataDir, `extract-${rows}.parquet`);
  if (existsSync(csvPath) && existsSync(parquetPath)) return { csvPath, parquetPath };
  console.log(`generating a ${rows.toLocaleString("en")}-line extract in the demo format…`);
  const nomenclature = loadNomenclature();
  const crosswalk = loadCrosswalk();
  const texts = loadSourceLines(crosswalk).lines.filter((l) => splitOf(l) === "holdout");
  const counts = parseCsvRecords(readFileSync(join(fixturesDir(), "priors/kcs-hs6-counts.csv"), "utf8"));
  const hs6Frequency = new Map<string, number>();
  for (const r of counts) {
    const hs6 = crosswalk.convertToHs2022(r.hs2017!);
    if (hs6) hs6Frequency.set(hs6, (hs6Frequency.get(hs6) ?? 0) + Number(r.count));
  }
  const origins = parseCsvRecords(readFileSync(join(fixturesDir(), "priors/kcs-origin-counts.csv"), "utf8"));
  const { lines } = generateDemoExtract({
    rows,
    seed: 1_000_000,
    texts,
    hs6Frequency,
    originFrequency: new Map(origins.map((r) => [r.country!, Number(r.count)])),
    nomenclature,
    outdatedCodes: ["284440", "151000"],
  });
  writeFileSync(
    csvPath,
    toCsv(
      EXTRACT_COLUMNS,
      lines.map((l) => EXTRACT_COLUMNS.map((c) => l[c])),
    ),
  );
  const duck = await (await DuckDBInstance.create(":memory:")).connect();
  await duck.run(
    `COPY (SELECT * FROM read_csv('${csvPath}', header = true, auto_detect = false, columns = {${typedColumns}})) TO '${parquetPath}' (FORMAT parquet, COMPRESSION zstd)`,
  );
  return { csvPath, parquetPath };
}
