export interface BenchRow {
  figure: string;
  value: number;
  goal?: string;
  met?: boolean;
}

/** Prints the results as an aligned table (and in Markdown for the README when asked). */
export function printResults(title: string, rows: BenchRow[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map((r) => r.figure.length));
  for (const r of rows) {
    const verdict = r.met === undefined ? "" : r.met ? "met" : "NOT met";
    console.log(`  ${r.figure.padEnd(width)}  ${String(r.value).padStart(9)}  ${(r.goal ?? "").padEnd(7)}  ${verdict}`);
  }
  console.log("\n| figure | value | goal | met |\n|---|---:|---|---|");
  for (const r of rows) console.log(`| ${r.figure} | ${r.value} | ${r.goal ?? ""} | ${r.met === undefined ? "" : r.met ? "yes" : "**no**"} |`);
}
