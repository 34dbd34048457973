// `npm run bench:browser-predict`: Explore's batch prediction in headless Chromium, the same descriptions classified
// by the classification workers (as many as the batch gets: workersFor) and on the page's own thread, each in a fresh
// browser context (nothing kept between them): descriptions per second, loading, and the page's longest task while it
// ran (how long it could not answer a click); then a small batch on the page, in its one worker and in as many as the
// large batch got. The answers must be the same. Prints a table and writes
// bench/results/browser-predict-<timestamp>.json.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseCsvRecords } from "../workbench/csv";
import { bundlePage, launchChromium, serve } from "./browser";
import { printResults, updateReadme, type BenchRow } from "./report";

const latestCombined = readdirSync("models/artifacts/hs-combined")
  .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
  .pop();
const { values } = parseArgs({
  options: {
    descriptions: { type: "string", default: "20000" },
    // a batch as small as most tables analysts load: what one worker costs against two (LINES_PER_WORKER)
    small: { type: "string", default: "3000" },
    model: { type: "string", default: `hs-combined@${latestCombined}` },
  },
});
const N = Number(values.descriptions);
const SMALL = Number(values.small);
const MODEL = values.model!;
const root = resolve(".");
const dataDir = join(root, ".cache/bench");
mkdirSync(dataDir, { recursive: true });

interface Measured {
  workers: number;
  loadMs: number;
  predictMs: number;
  longestTaskMs: number;
  longTasksMs: number;
  answers: string;
}

async function main() {
  if (!existsSync(join(root, "public/workers/classify-worker.js"))) throw new Error("no public/workers/classify-worker.js: run npm run build first");
  const texts = parseCsvRecords(readFileSync("fixtures/demo-extract.csv", "utf8"), ["goods_description"])
    .map((r) => r.goods_description!)
    .slice(0, N);
  writeFileSync(join(dataDir, "predict-texts.json"), JSON.stringify(texts));
  writeFileSync(join(dataDir, "predict-texts-small.json"), JSON.stringify(texts.slice(0, SMALL)));
  const { server, port } = await serve(await bundlePage(join(root, "bench/browser-predict-page.ts")), root, dataDir);
  const browser = await launchChromium();
  try {
    /** `lines`: the batch's size the workers are chosen for (workersFor), the texts' number unless given */
    const run = async (where: "workers" | "page", file: string, lines?: number) => {
      console.log(`${MODEL}: ${file} classified ${where === "page" ? "on the page" : "in workers"}${lines ? ` as for ${lines} lines` : ""}…`);
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => document.title === "bench ready");
      type Api = { bench: { predict(ref: string, url: string, where: string, lines?: number): Promise<Measured> } };
      const result = await page.evaluate(
        ([ref, url, w, n]) => (window as unknown as Api).bench.predict(ref as string, url as string, w as string, n as number | undefined),
        [MODEL, `/data/${file}`, where, lines] as const,
      );
      await context.close();
      return result;
    };
    const onPage = await run("page", "predict-texts.json");
    const inWorkers = await run("workers", "predict-texts.json");
    if (inWorkers.answers !== onPage.answers) throw new Error("the workers' answers differ from the page's");
    // the small batch: on the page, in the workers it gets (one), and in as many as the large batch got
    const smallOnPage = await run("page", "predict-texts-small.json");
    const smallInWorkers = await run("workers", "predict-texts-small.json");
    const smallAsLarge = await run("workers", "predict-texts-small.json", texts.length);
    if (smallInWorkers.answers !== smallOnPage.answers || smallAsLarge.answers !== smallOnPage.answers)
      throw new Error("the small batch's answers differ between the page and the workers");
    const total = (r: Measured) => r.loadMs + r.predictMs;
    const where = (r: Measured) => (r.workers ? `${r.workers} worker${r.workers === 1 ? "" : "s"}` : "the page");
    const perSecond = (r: { predictMs: number }) => Math.round(texts.length / (r.predictMs / 1000));
    const rows: BenchRow[] = [
      { figure: `${MODEL}, ${texts.length.toLocaleString("en")} descriptions: on the page, descriptions/s`, value: perSecond(onPage) },
      { figure: `in ${where(inWorkers)}, descriptions/s`, value: perSecond(inWorkers) },
      { figure: "workers' speed / the page's", value: Math.round((onPage.predictMs / inWorkers.predictMs) * 100) / 100 },
      { figure: "the page's longest task (ms; it answers no click meanwhile): on the page", value: onPage.longestTaskMs },
      { figure: "the page's longest task (ms): with workers", value: inWorkers.longestTaskMs },
      { figure: "loading the version (ms): on the page / in the workers", value: `${onPage.loadMs} / ${inWorkers.loadMs}` },
      { figure: "same answers (top code and probability) both ways", value: "yes" },
      {
        figure: `${SMALL.toLocaleString("en")} descriptions, loading and classifying (ms): on the page / in ${where(smallInWorkers)}, as Explore gives it / in ${where(smallAsLarge)}`,
        value: `${total(smallOnPage)} / ${total(smallInWorkers)} / ${total(smallAsLarge)}`,
      },
    ];
    const at = new Date().toISOString();
    const strip = ({ answers: _, ...r }: Measured) => r;
    const result = {
      benchmark: "browser-predict",
      at,
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model },
      detail: {
        model: MODEL,
        descriptions: texts.length,
        page: strip(onPage),
        workers: strip(inWorkers),
        small: { descriptions: SMALL, page: strip(smallOnPage), workers: strip(smallInWorkers), asLarge: strip(smallAsLarge) },
      },
      table: rows,
    };
    mkdirSync("bench/results", { recursive: true });
    writeFileSync(`bench/results/browser-predict-${at.replace(/[:.]/g, "-")}.json`, JSON.stringify(result, null, 2) + "\n");
    writeFileSync("bench/results/browser-predict-latest.json", JSON.stringify(result, null, 2) + "\n");
    printResults("Batch prediction in the browser", rows);
    updateReadme(
      "browser-predict",
      `**Batch prediction in the browser** — ${at.slice(0, 10)}, headless Chromium on ${cpus().length} cores: Explore's "Predict HS codes" path (pages of 4,096 descriptions from the demo extract, top code), in the classification workers and on the page's own thread, each in a fresh browser context (ADR 0006).`,
      rows,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
