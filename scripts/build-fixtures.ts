// Copies the public reference data the product needs from ../shared/data into fixtures/ and derives
// the small trade-pattern priors from the KCS synthetic declarations. Run once when upstream data changes:
//   npx tsx scripts/build-fixtures.ts [path/to/shared/data]
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseCsvRecords, quoteCsv, toCsv } from "../workbench/csv";

const shared = resolve(process.argv[2] ?? "../shared/data");
const fixtures = resolve("fixtures");

const copies: [string, string][] = [
  ["hs2022-nomenclature.csv", "hs"],
  ["hs2022-sections.csv", "hs"],
  ["hs2017-hs2022-correlation.csv", "hs"],
  ["schedule-b-2019.csv", "sources"],
  ["us-hts-2024.csv", "sources"],
];
for (const [file, dir] of copies) {
  mkdirSync(join(fixtures, dir), { recursive: true });
  copyFileSync(join(shared, file), join(fixtures, dir, file));
  console.log(`copied ${file} → fixtures/${dir}/`);
}

// KCS: only the frequencies are kept (HS6 codes and origin countries), not the declarations.
const kcs = parseCsvRecords(readFileSync(join(shared, "kcs-synthetic-declarations.csv"), "utf8"), ["HS6 Code", "Country of Origin"], "KCS");
const count = (key: (r: Record<string, string>) => string) => {
  const counts = new Map<string, number>();
  for (const r of kcs) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
};
mkdirSync(join(fixtures, "priors"), { recursive: true });
writeFileSync(
  join(fixtures, "priors/kcs-hs6-counts.csv"),
  toCsv(
    ["hs2017", "count"],
    count((r) => r["HS6 Code"]!.padStart(6, "0")),
  ),
);
writeFileSync(
  join(fixtures, "priors/kcs-origin-counts.csv"),
  toCsv(
    ["country", "count"],
    count((r) => r["Country of Origin"]!).filter(([c]) => /^[A-Z]{2}$/.test(c)),
  ),
);
console.log(`derived priors from ${kcs.length} KCS declarations → fixtures/priors/`);

// DESCMERC: real Brazilian invoice lines with a coarse category and no HS code, kept as an evaluation of how versions
// read Portuguese as traders write it (workbench/evaluation/invoice-categories.ts). Every other line is "dev" (read
// while writing glossary entries), the rest "test" (never read): the split is by position, fixed here once.
const descmerc = parseCsvRecords(readFileSync(join(shared, "descmerc-sample.csv"), "utf8"), ["text", "category_en"], "DESCMERC");
mkdirSync(join(fixtures, "real-eval"), { recursive: true });
// quoted as is (quoteCsv): the texts must read back exactly as written, a leading "-" included
const invoiceRows = descmerc.map((r, i) => [String(i + 1), r.text!, r.category_en!, i % 2 === 0 ? "dev" : "test"].map(quoteCsv).join(","));
writeFileSync(join(fixtures, "real-eval/descmerc-invoice-lines.csv"), ["line,text,category,half", ...invoiceRows, ""].join("\n"));
console.log(`copied ${descmerc.length} DESCMERC invoice lines → fixtures/real-eval/`);
