export interface BenchRow {
  figure: string;
  value: number | string;
  goal?: string;
  met?: boolean;
}

import { readFileSync, writeFileSync } from "node:fs";

export function markdownTable(rows: BenchRow[]): string {
  return [
    "| figure | value | goal | met |",
    "|---|---:|---|---|",
    ...rows.map((r) => `| ${r.figure.trim()} | ${r.value} | ${r.goal ?? ""} | ${r.met === undefined ? "" : r.met ? "yes" : "**no**"} |`),
  ].join("\n");
}

/** Replaces the README's block between <!-- bench:NAME --> markers with the latest table. */
export function updateReadme(name: string, heading: string, rows: BenchRow[]): void {
  const path = "README.md";
  const readme = readFileSync(path, "utf8");
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < 0) return;
  writeFileSync(path, `${readme.slice(0, from + start.length)}\n${heading}\n\n${markdownTable(rows)}\n${readme.slice(to)}`);
}

/** Prints the results as an aligned table, then as Markdown. */
export function printResults(title: string, rows: BenchRow[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map((r) => r.figure.length));
  for (const r of rows) {
    const verdict = r.met === undefined ? "" : r.met ? "met" : "NOT met";
    console.log(`  ${r.figure.padEnd(width)}  ${String(r.value).padStart(9)}  ${(r.goal ?? "").padEnd(7)}  ${verdict}`);
  }
  console.log(`\n${markdownTable(rows)}`);
}
