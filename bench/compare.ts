// `npm run bench:compare`: from 1,000,000 paired predictions, the chapter confusion matrix by the TypeScript core in
// Node and by DuckDB-WASM in headless Chromium (checked equal), and the heatmap rendered there, end to end.
// Prints a table and writes bench/results/compare-<timestamp>.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { compareModels } from "../workbench/evaluation/compare";
import { compareManyOnLines, MAX_COMPARED } from "../workbench/evaluation/compare-many";
import { chapterConfusion } from "../workbench/evaluation/confusion-matrix";
import { loadNomenclature } from "../workbench/hs/load-fixtures";
import { bundlePage, launchChromium, serve } from "./browser";
import { ensurePairsCsv, syntheticPairs } from "./compare-data";
import { printResults, updateReadme, type BenchRow } from "./report";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" } } });
const ROWS = Number(values.rows);
const root = resolve(".");
const dataDir = join(root, ".cache/bench");
mkdirSync(dataDir, { recursive: true });
const csvPath = join(dataDir, `predictions-${ROWS}.csv`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const codes = loadNomenclature()
    .subheadings()
    .map((s) => s.code);
  const pairs = syntheticPairs(ROWS, codes);
  ensurePairsCsv(csvPath, pairs);

  // TypeScript core in Node: the matrix alone (median of 5), and the whole comparison report once.
  const coreTimes: number[] = [];
  let coreMatrix: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    coreMatrix = chapterConfusion(pairs.map((p) => ({ truth: p.truth, predicted: p.a }))).counts;
    coreTimes.push(performance.now() - t);
  }
  const t = performance.now();
  const report = compareModels(
    pairs.map((p) => p.truth),
    pairs.map((p) => [{ code: p.a, probability: p.pa }]),
    pairs.map((p) => [{ code: p.b, probability: p.pb }]),
  );
  const reportMs = Math.round(performance.now() - t);
  // The most versions Compare takes at once: each line's top code from A or B, in a different mix per version.
  const truths = pairs.map((p) => ({ ref: "", text: "", truth: p.truth }));
  const eight = Array.from({ length: MAX_COMPARED }, (_, v) => ({
    ref: `v${v}@1.0.0`,
    candidates: pairs.map((p, i) => [(i + v) % 3 ? { code: p.a, probability: p.pa } : { code: p.b, probability: p.pb }]),
  }));
  const tMany = performance.now();
  const many = compareManyOnLines(truths, eight);
  const manyMs = Math.round(performance.now() - tMany);

  const { server, port } = await serve(await bundlePage(join(root, "bench/compare-page.ts")), root, dataDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 800 } });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => document.title === "bench ready");
    type Api = { bench: Record<string, (...a: unknown[]) => Promise<any>> };
    const call = (name: string, ...args: unknown[]) =>
      page.evaluate(([f, a]) => (window as unknown as Api).bench[f as string]!(...(a as unknown[])), [name, args] as const);
    const start = await call("start");
    console.log(`loading ${ROWS.toLocaleString("en")} paired predictions into DuckDB-WASM…`);
    const load = await call("load", `/data/predictions-${ROWS}.csv`);
    console.log("heatmaps: cold, fresh chart, 5 warm, 3 of three…");
    const cold = await call("oneHeatmap", true);
    const freshChart = await call("oneHeatmap", true);
    const warm: { totalMs: number; sqlMs: number; viewMs: number; renderMs: number; counts: number[] }[] = [];
    for (let i = 0; i < 5; i++) warm.push(await call("oneHeatmap"));
    const three: { totalMs: number; countsB: number[] }[] = [];
    for (let i = 0; i < 3; i++) three.push(await call("threeHeatmaps"));
    const equalA = warm.every((w) => JSON.stringify(w.counts) === JSON.stringify(coreMatrix));
    const equalB = JSON.stringify(three[0]!.countsB) === JSON.stringify(report.b.chapterMatrix.counts);
    if (!equalA || !equalB) throw new Error("DuckDB-WASM and the TypeScript core disagree on the chapter matrix");

    const endToEnd = median(warm.map((w) => w.totalMs));
    const rows: BenchRow[] = [
      {
        figure: "Chapter matrix + heatmap drawn, DuckDB-WASM in Chromium, warm (ms, median of 5)",
        value: endToEnd,
        goal: "≤ 300",
        met: endToEnd <= 300,
      },
      { figure: "  of which DuckDB-WASM aggregation (ms)", value: median(warm.map((w) => w.sqlMs)) },
      { figure: "  of which view and chart option (ms)", value: median(warm.map((w) => w.viewMs)) },
      { figure: "  of which ECharts heatmap render (ms)", value: median(warm.map((w) => w.renderMs)) },
      { figure: "Same with a new chart element (page opening) (ms)", value: freshChart.totalMs },
      { figure: "Same, very first run (cold DuckDB and ECharts) (ms)", value: cold.totalMs },
      { figure: "Both matrices + three heatmaps A, B, B − A (ms, median of 3)", value: median(three.map((x) => x.totalMs)) },
      { figure: "Chapter matrix, TypeScript core in Node (ms, median of 5)", value: Math.round(median(coreTimes)) },
      { figure: "Full comparison report in Node: metrics, McNemar, bootstrap, coverage (ms)", value: reportMs },
      { figure: `  bootstrap resamples used for ${ROWS.toLocaleString("en")} lines`, value: report.delta.resamples },
      { figure: `${MAX_COMPARED} versions at once in Node: metrics, ${many.pairs.length} pairs' McNemar and bootstrap (ms)`, value: manyMs },
      { figure: "Loading the predictions CSV into DuckDB-WASM (ms)", value: load.loadMs },
      { figure: "DuckDB-WASM matrix equals the TypeScript core (1 = yes)", value: equalA && equalB ? 1 : 0, goal: "= 1", met: equalA && equalB },
    ];
    const result = {
      benchmark: "compare",
      at: new Date().toISOString(),
      rows: ROWS,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, wasmBundle: start.bundle },
      browser: {
        start,
        load,
        cold: { ...cold, counts: undefined },
        warm: warm.map((w) => ({ ...w, counts: undefined })),
        three: three.map((x) => x.totalMs),
      },
      node: { matrixMs: coreTimes, reportMs, manyMs },
      table: rows,
    };
    printResults(`Compare benchmark: ${ROWS.toLocaleString("en")} paired predictions`, rows);
    const out = join(root, "bench/results", `compare-${result.at.replace(/[:.]/g, "-")}.json`);
    writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
    writeFileSync(join(root, "bench/results/compare-latest.json"), JSON.stringify(result, null, 2) + "\n");
    updateReadme(
      "compare",
      `**Compare** — ${ROWS.toLocaleString("en")} synthetic paired predictions, ${result.at.slice(0, 10)}, ${result.machine.cpus} cores; DuckDB-WASM (${start.bundle}) and ECharts (canvas) in headless Chromium, the TypeScript core in Node.`,
      rows,
    );
    console.log(`\nwrote ${out}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
