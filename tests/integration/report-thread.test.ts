// Comparison reports of large sets run in the report thread: the same report as where it is asked, while the event loop
// stays free (it stood still for the whole report before: seconds on the demo extract, 13 s on 1,000,000 lines).
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { Comparison, SetInfo } from "../../workbench/evaluation/compare";
import type { ManyComparison } from "../../workbench/evaluation/compare-many";
import { encodePredictions, type EncodedPredictions } from "../../workbench/evaluation/prediction-cache";
import { KeptReports, OFF_THREAD_FROM_LINES, report, runReport, type ReportTask } from "../../workbench/evaluation/report-thread";
import { createRng } from "../../workbench/random";
import { eventLoopWhile } from "../support/event-loop";

const LINES = 20_000;
const rng = createRng(7);
const codes = ["010121", "030617", "090111", "392690", "610910", "620342", "847130", "851712", "870323", "940360"];
const pick = () => rng.pick(codes);
const truths = Array.from({ length: LINES }, pick);
const alsoAccepted = truths.map((_, i) => (i % 97 === 0 ? [pick()] : undefined));
const version = (rightShare: number): EncodedPredictions => {
  const candidates = truths.map((t) =>
    [rng.chance(rightShare) ? t : pick(), pick(), pick()].map((code, j) => ({ code, probability: rng.next() / (j + 1) })),
  );
  return { ...encodePredictions(candidates, 5), lines: LINES, k: 5 };
};
const labels = { lines: LINES, truths: truths.join("\n"), alsoAccepted };
const set: SetInfo = { id: "synthetic", label: "synthetic", description: "", hash: "h", lines: LINES, excluded: 0 };
const ref = (name: string) => ({ name, version: "1.0.0", sha256: name.padEnd(64, "0"), status: "candidate" as const });
const pair: ReportTask = { kind: "pair", ...labels, a: ref("a"), b: ref("b"), set, predictions: [version(0.5), version(0.55)] };
const many: ReportTask = { kind: "many", ...labels, versions: ["a", "b", "c"].map((v, i) => ({ ref: v, predictions: version(0.5 + i / 20) })) };
const expected = new Map<ReportTask, ReturnType<typeof runReport>>();
/** the report computed here, once per task */
const reportHere = (task: ReportTask) => expected.get(task) ?? expected.set(task, runReport(task)).get(task)!;

describe("the report thread", () => {
  it("gives the report computed where it is asked, and the event loop runs meanwhile", async () => {
    expect(LINES).toBeGreaterThanOrEqual(OFF_THREAD_FROM_LINES);
    const here = await eventLoopWhile(async () => expected.set(pair, runReport(pair)));
    // here, the whole report is one wait of the event loop
    expect(here.longest).toBeGreaterThanOrEqual(here.took * 0.9);
    let pairReport!: Comparison;
    await report(pair); // the thread starts (tsx loads in it) before the measured run
    const there = await eventLoopWhile(async () => (pairReport = await report(pair)));
    expect(pairReport).toEqual(reportHere(pair));
    expect(pairReport.report.n).toBe(LINES);
    // in the thread the loop never waits a quarter of what the report takes in place, and keeps turning
    expect(there.longest).toBeLessThan(here.took / 4);
    expect(there.ticks).toBeGreaterThanOrEqual(5);

    const manyReport = (await report(many)) as ManyComparison;
    expect(manyReport).toEqual(reportHere(many));
    expect(manyReport.pairs).toHaveLength(3);
  });

  it("answers reports asked together each with its own, and a failed report with its reason, then goes on", async () => {
    const broken: ReportTask = { ...pair, predictions: [pair.predictions[0], { ...version(0.5), lines: LINES - 1 }] };
    const [first, failed, third] = await Promise.allSettled([report(many), report(broken), report(pair)]);
    expect(first).toEqual({ status: "fulfilled", value: reportHere(many) });
    expect(failed).toMatchObject({ status: "rejected", reason: { message: expect.stringMatching(/predictions do not line up/) } });
    expect(third).toEqual({ status: "fulfilled", value: reportHere(pair) });
  });

  it("writes the paired lines as CSV there too (the Compare page's drill-down)", async () => {
    const rows: ReportTask = {
      kind: "rows",
      ...labels,
      refs: truths.map((_, i) => `row ${i + 2}`),
      texts: truths.map((_, i) => (i === 0 ? 'FROZEN "SHRIMP", PEELED' : `line ${i}`)),
      predictions: pair.predictions,
    };
    const csv = await report(rows);
    expect(csv).toBe(runReport(rows));
    const [header, first, ...rest] = csv.trimEnd().split("\n");
    expect(header).toBe("line,ref,description,truth,a_code,a_probability,b_code,b_probability");
    expect(first).toMatch(new RegExp(`^1,row 2,"FROZEN ""SHRIMP"", PEELED",${truths[0]},\\d{6},0\\.\\d{4},\\d{6},0\\.\\d{4}$`));
    expect(rest).toHaveLength(LINES - 1);
  });

  it("keeps the reports asked for most recently: the least recently asked goes first, however early it was made", async () => {
    const kept = new KeptReports<string>(2);
    const made: string[] = [];
    const make = (key: string) => kept.share(key, async () => (made.push(key), key));
    await make("a");
    await make("b");
    await make("a"); // asked again: now b is the least recent
    await make("c");
    expect(kept.known("b")).toBeUndefined();
    expect(await kept.known("a")).toBe("a");
    await make("d"); // c is the least recent now (a was just looked at)
    expect(kept.known("c")).toBeUndefined();
    expect(made).toEqual(["a", "b", "c", "d"]);
  });
  it("reports a small set where it is asked", async () => {
    const smallVersion = (): EncodedPredictions => ({ ...encodePredictions([[{ code: "010121", probability: 0.9 }], [], []], 5), lines: 3, k: 5 });
    const small: ReportTask = {
      ...pair,
      lines: 3,
      truths: truths.slice(0, 3).join("\n"),
      alsoAccepted: undefined,
      set: { ...set, lines: 3 },
      predictions: [smallVersion(), smallVersion()],
    };
    const pending = report(small);
    // settled before any other task of the event loop: nothing crossed threads
    let settled = false;
    void pending.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(true);
    expect((await pending) as Comparison).toEqual(runReport(small));
  });

  it("does not keep a process alive once its reports are done (the CLI exits)", () => {
    const code = [
      'import { report } from "./workbench/evaluation/report-thread.ts";',
      'import { encodePredictions } from "./workbench/evaluation/prediction-cache.ts";',
      "const n = 6000;",
      'const p = { ...encodePredictions(Array.from({ length: n }, () => [{ code: "010121", probability: 0.5 }]), 5), lines: n, k: 5 };',
      'const task = { kind: "many", lines: n, truths: Array(n).fill("010121").join("\\n"), versions: [{ ref: "a", predictions: p }, { ref: "b", predictions: p }] };',
      'void report(task).then((r) => console.log("reported", r.n));',
    ].join("\n");
    const run = spawnSync("node_modules/.bin/tsx", ["--eval", code], { encoding: "utf8", timeout: 60_000 });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe("reported 6000");
    expect(run.status).toBe(0);
  }, 70_000);
});
