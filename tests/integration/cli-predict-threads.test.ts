// `workbench predict --threads`: a large file classified on every core (worker threads, each loading the version)
// answers exactly as on one. The registry plays no part, so this runs on SQLite only.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "workbench-cli-threads-"));
process.env.WORKBENCH_DATA_DIR = join(dir, "data");
const { runCli: run } = await import("./cli-harness");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("predict on several threads", () => {
  it.skipIf(availableParallelism() < 2)("answers as on one thread, in the order of the file, and says so", async () => {
    const file = join(dir, "threads.csv");
    // more lines than one batch of a thread (2,048), repeats among them: each distinct text classified once, wherever it is
    const goods = ["frozen shrimps peeled", "live horses for breeding", "cotton t-shirts for men", "steel screws", "roasted coffee beans"];
    writeFileSync(file, ["description", ...Array.from({ length: 2100 }, (_, i) => `${goods[i % goods.length]} lot ${i % 997}`)].join("\n"));
    const outputs = [];
    for (const threads of ["1", "2"]) {
      const out = join(dir, `threads-${threads}.csv`);
      const result = await run("predict", "--model", "hs-baseline@1.0.0", "--input", file, "--threads", threads, "--out", out);
      expect(result.code, result.err).toBe(0);
      expect(result.out.includes("on 2 threads")).toBe(threads === "2");
      outputs.push(readFileSync(out, "utf8"));
    }
    expect(outputs[1]!.split("\n")).toHaveLength(2102);
    expect(outputs[1]).toBe(outputs[0]);
  });

  it("refuses more threads than cores, or none (exit 2)", async () => {
    for (const threads of ["0", String(availableParallelism() + 1), "two"]) {
      const result = await run("predict", "--input", join(dir, "threads.csv"), "--threads", threads, "--out", join(dir, "x.csv"));
      expect([result.code, result.err]).toEqual([2, expect.stringContaining(`--threads must be a whole number from 1 to ${availableParallelism()}`)]);
    }
  });
});
