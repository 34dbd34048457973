export interface BenchRow {
  figure: string;
  value: number | string;
  goal?: string;
  met?: boolean;
}

import { existsSync, readFileSync, writeFileSync } from "node:fs";

const BENCHMARKS = ["explore", "models", "compare", "http", "scale"] as const;

/** Every figure with a goal from each benchmark's latest results, and the date of each. */
export function goalRows(): { rows: BenchRow[]; heading: string } {
  const rows: BenchRow[] = [];
  const dates: string[] = [];
  for (const name of BENCHMARKS) {
    const file = `bench/results/${name}-latest.json`;
    if (!existsSync(file)) {
      rows.push({ figure: `${name}: not run yet (npm run bench:${name})`, value: NaN });
      continue;
    }
    const result = JSON.parse(readFileSync(file, "utf8")) as { at: string; table: BenchRow[] };
    dates.push(`${name} ${result.at.slice(0, 10)}`);
    for (const r of result.table.filter((x) => x.goal)) rows.push({ ...r, figure: `${name}: ${r.figure.trim()}` });
  }
  const heading = `Every figure with a goal, from the latest run of each benchmark (${dates.join(", ")}); details per benchmark below.`;
  return { rows, heading };
}

export function markdownTable(rows: BenchRow[]): string {
  return [
    "| figure | value | goal | met |",
    "|---|---:|---|---|",
    ...rows.map((r) => `| ${r.figure.trim()} | ${r.value} | ${r.goal ?? ""} | ${r.met === undefined ? "" : r.met ? "yes" : "**no**"} |`),
  ].join("\n");
}

/**
 * Replaces the README's block between <!-- bench:NAME --> markers with the latest table, and the summary of every
 * goal with it: a benchmark run alone had left the summary at its previous run's figures.
 */
export function updateReadme(name: string, heading: string, rows: BenchRow[]): void {
  replaceBlock(name, heading, rows);
  if (name !== "summary") {
    const summary = goalRows();
    replaceBlock("summary", summary.heading, summary.rows);
  }
}

function replaceBlock(name: string, heading: string, rows: BenchRow[]): void {
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
