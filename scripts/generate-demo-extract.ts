// `npm run fixtures`: regenerates the demo extract in fixtures/ (deterministic: same seed, same bytes).
//   npm run fixtures -- [--rows 100000] [--seed 2022] [--out-dir fixtures]
import { DuckDBInstance } from "@duckdb/node-api";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadSourceLines } from "../workbench/data/text-sources";
import { splitOf } from "../workbench/data/text-split";
import { parseCsvRecords, toCsv } from "../workbench/csv";
import { EXTRACT_COLUMNS, EXTRACT_SQL_TYPES, formatLineProblem, validateDeclarationLine } from "../workbench/extract/declaration-line";
import { generateDemoExtract } from "../workbench/extract/demo-generator";
import { fixturesDir, loadCrosswalk, loadNomenclature } from "../workbench/hs/load-fixtures";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    seed: { type: "string", default: "2022" },
    "out-dir": { type: "string", default: "fixtures" },
  },
});
const rows = Number(values.rows);
const seed = Number(values.seed);
if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a positive whole number (got ${values.rows})`);
const outDir = resolve(values["out-dir"]!);
mkdirSync(outDir, { recursive: true });

const nomenclature = loadNomenclature();
const crosswalk = loadCrosswalk();
const { lines: sourceLines, ambiguous } = loadSourceLines(crosswalk);
const holdout = sourceLines.filter((l) => splitOf(l) === "holdout");

const counts = (file: string, key: string) =>
  parseCsvRecords(readFileSync(join(fixturesDir(), "priors", file), "utf8"), [key, "count"], `fixtures/priors/${file}`);
const hs6Frequency = new Map<string, number>();
for (const r of counts("kcs-hs6-counts.csv", "hs2017")) {
  const hs6 = crosswalk.convertToHs2022(r.hs2017!);
  if (hs6) hs6Frequency.set(hs6, (hs6Frequency.get(hs6) ?? 0) + Number(r.count));
}
const originFrequency = new Map(counts("kcs-origin-counts.csv", "country").map((r) => [r.country!, Number(r.count)]));
const outdatedCodes: string[] = [];
for (const code of new Set(parseCsvRecords(readFileSync(join(fixturesDir(), "hs/hs2017-hs2022-correlation.csv"), "utf8")).map((r) => r.hs2017!))) {
  if (!nomenclature.has(code)) outdatedCodes.push(code);
}

const started = Date.now();
const { lines, truth } = generateDemoExtract({ rows, seed, texts: holdout, hs6Frequency, originFrequency, nomenclature, outdatedCodes });

// Every generated line must pass the same validation a user's upload does.
lines.forEach((line, i) => {
  const result = validateDeclarationLine(line as unknown as Record<string, unknown>, i + 2);
  if (!result.ok) throw new Error(`generator bug: ${result.problems.map((p) => formatLineProblem(p, "demo extract")).join("; ")}`);
});

const csvPath = join(outDir, "demo-extract.csv");
writeFileSync(
  csvPath,
  toCsv(
    EXTRACT_COLUMNS,
    lines.map((l) => EXTRACT_COLUMNS.map((c) => l[c])),
  ),
);
writeFileSync(
  join(outDir, "demo-extract-truth.csv"),
  toCsv(
    ["declaration_id", "line_number", "declared", "true_hs6", "kind"],
    truth.map((t) => [t.declaration_id, t.line_number, t.declared, t.true_hs6, t.kind]),
  ),
);
mkdirSync(join(outDir, "splits"), { recursive: true });
writeFileSync(
  join(outDir, "splits/holdout-lines.csv"),
  toCsv(
    ["source", "code10", "hs6"],
    holdout.map((l) => [l.source, l.code10, l.hs6]),
  ),
);

// Parquet, with the same explicit column types (codes stay VARCHAR).
const parquetPath = join(outDir, "demo-extract.parquet");
rmSync(parquetPath, { force: true });
const duck = await (await DuckDBInstance.create(":memory:")).connect();
const columns = EXTRACT_COLUMNS.map((c) => `'${c}': '${EXTRACT_SQL_TYPES[c]}'`).join(", ");
await duck.run(
  `COPY (SELECT * FROM read_csv('${csvPath}', header = true, auto_detect = false, columns = {${columns}}))
   TO '${parquetPath}' (FORMAT parquet, COMPRESSION zstd)`,
);
const check = await duck.runAndReadAll(
  `SELECT COUNT(*)::INTEGER AS n, COUNT(DISTINCT substr(commodity_code, 1, 2))::INTEGER AS chapters,
          MIN(commodity_code) AS min_code FROM read_parquet('${parquetPath}')`,
);
const [n, chapters, minCode] = check.getRows()[0] as [number, number, string];
if (n !== lines.length || !minCode.startsWith("0")) throw new Error(`Parquet check failed: ${n} rows, min code ${minCode}`);

const mb = (p: string) => (statSync(p).size / 1e6).toFixed(1);
console.log(
  `demo extract: ${lines.length} lines in ${new Set(lines.map((l) => l.declaration_id)).size} declarations, ${chapters} chapters, ` +
    `${truth.length} lines with a wrong/invalid declared code (${((truth.length / lines.length) * 100).toFixed(1)}%), ` +
    `${lines.filter((l) => l.goods_description !== l.goods_description.toUpperCase()).length} not in upper case`,
);
console.log(`texts: ${holdout.length} held-out Schedule B lines used; ${ambiguous} Schedule B lines left out (no single HS 2022 successor)`);
console.log(`wrote ${csvPath} (${mb(csvPath)} MB), ${parquetPath} (${mb(parquetPath)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
