// Runs inside headless Chromium for `npm run bench:scale`: the work of `workbench evaluate` done in a browser tab —
// the extract CSV read by DuckDB-WASM, every description classified (top 5) by the model as the Classify and Explore
// pages load it (TensorFlow.js wasm, one thread), and the predictions scored against the declared codes.
import { loadBrowserModel } from "../app/classify/browser-model.client";
import { getDuck, tablePages } from "../app/explore/duckdb.client";
import { computeMetrics, type Prediction } from "../workbench/evaluation/metrics";
import { EXTRACT_COLUMNS, EXTRACT_SQL_TYPES } from "../workbench/extract/declaration-line";

const PAGE = 4096;

const api = {
  async evaluate(url: string, ref: string) {
    const started = performance.now();
    const { db, conn } = await getDuck();
    await db.registerFileBuffer("extract.csv", new Uint8Array(await (await fetch(url)).arrayBuffer()));
    const columns = EXTRACT_COLUMNS.map((c) => `'${c}': '${EXTRACT_SQL_TYPES[c]}'`).join(", ");
    await conn.query(
      `CREATE TABLE lines AS SELECT goods_description AS text, substr(commodity_code, 1, 6) AS truth
       FROM read_csv('extract.csv', header = true, auto_detect = false, columns = {${columns}})
       WHERE goods_description IS NOT NULL AND regexp_matches(commodity_code, '^[0-9]{6}')`,
    );
    await db.dropFile("extract.csv");
    const n = Number((await conn.query("SELECT count(*)::DOUBLE AS n FROM lines")).toArray()[0]!.n);
    const readMs = performance.now() - started;
    const { classifier } = await loadBrowserModel(ref);
    const predictions: Prediction[] = [];
    const predicting = performance.now();
    for await (const rows of tablePages<{ text: string; truth: string }>("lines", "text, truth", n, PAGE)) {
      const candidates = await classifier.topK(
        rows.map((r) => r.text),
        5,
      );
      rows.forEach((r, i) => predictions.push({ truth: r.truth, candidates: candidates[i]! }));
    }
    const predictMs = performance.now() - predicting;
    const metrics = computeMetrics(predictions);
    return { lines: n, readMs, predictMs, totalMs: performance.now() - started, hs6Top1: metrics.accuracy.hs6.top1 };
  },
};

(window as unknown as { bench: typeof api }).bench = api;
document.title = "bench ready";
