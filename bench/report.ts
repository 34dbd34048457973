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
    const table = name === "models" ? latestVersionsOnly(result.table) : result.table;
    for (const r of table.filter((x) => x.goal)) rows.push({ ...r, figure: `${name}: ${r.figure.trim()}` });
  }
  const heading =
    `Every figure with a goal, from the latest run of each benchmark (${dates.join(", ")}), for each model's latest ` +
    `version (every version's in [docs/models.md](docs/models.md#benchmark-every-version)); details per benchmark below.`;
  return { rows, heading };
}

/** "name@1.10.0: …" → its name and version, or undefined for a figure about no version */
const versionOf = (figure: string) => /^([\w.-]+)@(\d+\.\d+\.\d+):/.exec(figure.trim())?.slice(1) as [string, string] | undefined;

/** The rows of each model name's latest version (and those about no version): the summary stays one screen of goals. */
export function latestVersionsOnly(table: readonly BenchRow[]): BenchRow[] {
  const versions = table.map((r) => versionOf(r.figure));
  const latest = new Map<string, string>();
  // versions in number order (1.10.0 after 1.9.0), as the seeded registry and bench:models order them
  for (const [name, version] of versions.filter((v) => v !== undefined))
    if ((latest.get(name)?.localeCompare(version, "en", { numeric: true }) ?? -1) < 0) latest.set(name, version);
  return table.filter((_, i) => !versions[i] || latest.get(versions[i][0]) === versions[i][1]);
}

export function markdownTable(rows: BenchRow[]): string {
  return [
    "| figure | value | goal | met |",
    "|---|---:|---|---|",
    ...rows.map((r) => `| ${r.figure.trim()} | ${r.value} | ${r.goal ?? ""} | ${r.met === undefined ? "" : r.met ? "yes" : "**no**"} |`),
  ].join("\n");
}

/**
 * Replaces the block between <!-- bench:NAME --> markers (README.md or docs/models.md) with the latest table, and the
 * summary of every goal with it: a benchmark run alone had left the summary at its previous run's figures.
 */
export function updateReadme(name: string, heading: string, rows: BenchRow[]): void {
  replaceBlock(name, heading, rows);
  if (name !== "summary") {
    const summary = goalRows();
    replaceBlock("summary", summary.heading, summary.rows);
  }
}

/** the files that hold benchmark blocks: the README, and every version's model figures in docs/models.md */
const BLOCK_FILES = ["README.md", "docs/models.md"];

function replaceBlock(name: string, heading: string, rows: BenchRow[]): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  for (const path of BLOCK_FILES) {
    const text = readFileSync(path, "utf8");
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < 0) continue;
    writeFileSync(path, `${text.slice(0, from + start.length)}\n${heading}\n\n${markdownTable(rows)}\n${text.slice(to)}`);
  }
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
