// The last step of `npm run bench`: one table of every benchmark's figures with their goals, from the latest results.
import { existsSync, readFileSync } from "node:fs";
import { printResults, updateReadme, type BenchRow } from "./report";

const BENCHMARKS = ["explore", "models", "compare", "http", "scale"] as const;

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
printResults("All benchmark goals (latest results)", rows);
const met = rows.filter((r) => r.met).length;
console.log(`\n${met} of ${rows.length} goals met.`);
updateReadme("summary", `Every figure with a goal, from the latest run of each benchmark (${dates.join(", ")}); details per benchmark below.`, rows);
