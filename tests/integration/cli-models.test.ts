import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "workbench-cli-models-"));
// a registry of only the versions this test trains: the CLI would otherwise register the shipped ones first
Object.assign(process.env, { WORKBENCH_DATA_DIR: join(dir, "data"), WORKBENCH_SEED_DEMO: "false" });
const { runCli: run } = await import("./cli-harness");
const { listAudit } = await import("../../workbench/store/audit");
const { getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { seedModelVersions } = await import("../../workbench/registry/seed-models");
const { repoRoot } = await import("../../workbench/hs/load-fixtures");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("model commands", () => {
  it("train registers a candidate; list, predict and evaluate use it", async () => {
    const artifacts = join(dir, "artifacts");
    const trained = await run("train", "--config", "models/configs/tiny.json", "--artifacts", artifacts, "--json");
    expect(trained.code).toBe(0);
    const result = JSON.parse(trained.out);
    expect(result.registered).toMatchObject({ name: "hs-tiny", version: "0.0.1", status: "candidate", sha256: result.manifest.sha256 });
    expect(await listAudit(getDb(), { action: "model.register" })).toHaveLength(1);

    const again = await run("train", "--config", "models/configs/tiny.json", "--artifacts", artifacts);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists: versions are immutable/);

    const listed = JSON.parse((await run("models", "list", "--json")).out);
    expect(listed.map((v: { name: string }) => v.name)).toEqual(["hs-tiny"]);
    // its real-text figures are measured when asked for (`models table`, the Models page), not by a list
    expect(listed[0].real).toEqual({});
    expect((await run("models", "list")).out).toMatch(/^hs-tiny +0\.0\.1 +candidate +trained +not measured +not measured /m);

    const input = join(dir, "lines.csv");
    writeFileSync(input, "description,code\nlive horses,0101210000\nlaptop computers,8471.30\nmystery,12345\nold code,8471.99\n");
    const out = join(dir, "predicted.csv");
    const predicted = await run("predict", "--model", "hs-tiny@0.0.1", "--input", input, "--text-column", "description", "--top", "3", "--out", out);
    expect(predicted.code).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe("row,description,code_1,probability_1,code_2,probability_2,code_3,probability_3");
    expect(lines).toHaveLength(5);

    // a line with nothing to classify keeps its row with empty codes, and the summary says which; in an evaluation it is
    // left out with its row, never counted as a miss
    const gaps = join(dir, "gaps.csv");
    writeFileSync(gaps, "description,code\nlive horses,0101210000\n---,0101210000\n,8471300000\n");
    const gapsOut = join(dir, "gaps-predicted.csv");
    const predictGaps = (...options: string[]) =>
      run("predict", "--model", "hs-tiny@0.0.1", "--input", gaps, "--text-column", "description", ...options, "--out", gapsOut);
    const told = await predictGaps("--top", "2");
    expect(told.out).toContain("1 of 3 descriptions classified by hs-tiny@0.0.1");
    // named by their rows in the input file, as `evaluate` names them below (the header is row 1)
    expect(told.out).toContain(`2 have no letter or digit (rows 3, 4 of ${gaps}): nothing to classify, their codes are left empty.`);
    expect(readFileSync(gapsOut, "utf8").trim().split("\n").slice(1)).toEqual([
      expect.stringMatching(/^2,live horses,\d{4}/),
      "3,'---,,,,",
      "4,,,,,",
    ]);
    // with a threshold each line says whether a person decides, in the Classify page's words
    for (const [threshold, horses, toPerson] of [
      ["0", "confident: at or above the threshold", 0],
      ["1", "needs a person: below the threshold", 1],
    ] as const) {
      const decided = await predictGaps("--top", "2", "--threshold", threshold);
      expect(decided.out).toContain(`${toPerson} of 1 need a person: their top code's confidence is below ${threshold} (the decision column).`);
      const rows = readFileSync(gapsOut, "utf8").trim().split("\n");
      expect(rows[0]).toBe("row,description,code_1,probability_1,code_2,probability_2,decision");
      expect(rows.slice(1).map((r) => r.slice(r.lastIndexOf(",") + 1))).toEqual([
        horses,
        "no codes: nothing to classify",
        "no codes: nothing to classify",
      ]);
    }
    const badThreshold = await predictGaps("--threshold", "80");
    expect([badThreshold.code, badThreshold.err.split("\n")[0]]).toEqual([
      2,
      'workbench predict: --threshold must be a confidence from 0 to 1 (e.g. 0.8), not "80"',
    ]);
    const gapsEvaluated = JSON.parse(
      (await run("evaluate", "--model", "hs-tiny@0.0.1", "--input", gaps, "--text-column", "description", "--label-column", "code", "--json")).out,
    );
    expect(gapsEvaluated.metrics.n).toBe(1);
    expect(gapsEvaluated.excluded.examples).toEqual([
      expect.objectContaining({ row: 3, reason: "no description (nothing to classify)" }),
      expect.objectContaining({ row: 4, reason: "no description (nothing to classify)" }),
    ]);

    const evaluated = await run(
      "evaluate",
      "--model",
      "hs-tiny@0.0.1",
      "--input",
      input,
      "--text-column",
      "description",
      "--label-column",
      "code",
      "--json",
    );
    expect(evaluated.code).toBe(0);
    const report = JSON.parse(evaluated.out);
    expect(report.model).toEqual({ name: "hs-tiny", version: "0.0.1", sha256: result.manifest.sha256 });
    expect(report.metrics.n).toBe(2);
    expect(report.excluded.count).toBe(2);
    expect(report.excluded.examples.map((e: { row: number }) => e.row)).toEqual([4, 5]);
    expect(report.excluded.examples[1].reason).toMatch(/not in HS2022/);

    // compare: A and B as given (registered versions only: the registry's message otherwise), the same numbers as
    // evaluate, predictions cached per model sha256 and set hash
    const unregistered = await run("compare", "--a", "hs-tiny@0.0.1", "--b", "hs-baseline@1.0.0", "--set", "held-out");
    expect(unregistered).toMatchObject({ code: 1, err: "workbench compare: no model version hs-baseline@1.0.0 is registered" });
    await seedModelVersions(getDb(), repoRoot());
    const compareArgs = [
      "compare",
      "--a",
      "hs-tiny@0.0.1",
      "--b",
      "hs-baseline@1.0.0",
      "--input",
      input,
      "--text-column",
      "description",
      "--label-column",
      "code",
      "--json",
    ];
    const compared = JSON.parse((await run(...compareArgs)).out);
    expect(compared.a).toEqual({ ...report.model, status: "candidate" });
    expect(compared.b).toMatchObject({ name: "hs-baseline", version: "1.0.0" });
    expect(compared.report.a.metrics).toEqual(report.metrics);
    expect(compared.report.a.chapterMatrix.labels).toHaveLength(97);
    expect(compared.report.n).toBe(2);
    expect(compared.set.excluded.count).toBe(2);
    expect(compared.verdict.headline).toMatch(/^No significant difference between A \(hs-tiny@0\.0\.1\) and B \(hs-baseline@1\.0\.0\)/);
    const cachedRows = async () => await getDb().value<number>("SELECT count(*) AS n FROM prediction_cache");
    expect(await cachedRows()).toBe(2);
    expect(JSON.parse((await run(...compareArgs)).out).report).toEqual(compared.report);
    expect(await cachedRows()).toBe(2);
    expect((await run("compare", "--a", "hs-tiny@0.0.1", "--b", "hs-tiny@0.0.1", "--set", "everything")).err).toMatch(
      /--set must be one of cbp-rulings, marketplace-listings, held-out, demo-extract/,
    );
    expect((await run("compare", "--a", "hs-tiny@0.0.1", "--b", "hs-baseline@1.0.0", "--set", "heldout")).err).toMatch(
      /--set must be one of .* \(got 'heldout': did you mean held-out\?\)\n/,
    );

    // a version that searches tariff lines says which lines none of them shares a word with: a guess, whatever its confidence
    const scripts = join(dir, "scripts.csv");
    writeFileSync(scripts, "description\nstainless steel kitchen sink\nШариковая ручка синяя\n");
    const guessedOut = join(dir, "scripts-predicted.csv");
    const guessed = await run(
      "predict",
      "--model",
      "hs-combined@1.10.0",
      "--input",
      scripts,
      "--text-column",
      "description",
      "--threshold",
      "0",
      "--out",
      guessedOut,
    );
    expect(guessed.code).toBe(0);
    expect(guessed.out).toContain(
      "1 of 2 need a person: their top code's confidence is below 0, or their codes are a guess (1: no tariff line shares a word or a part of a word with them) (the decision column).",
    );
    expect(
      readFileSync(guessedOut, "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .map((r) => r.slice(r.lastIndexOf(",") + 1)),
    ).toEqual(["confident: at or above the threshold", "needs a person: a guess"]);

    const missing = await run("evaluate", "--model", "hs-tiny@0.0.1", "--input", input, "--text-column", "text", "--label-column", "code");
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/has no column 'text'; its columns are description, code/);
    expect((await run("predict", "--model", "nope", "--input", input, "--text-column", "description", "--out", out)).err).toBe(
      "workbench predict: 'nope' is not a model version (expected name@version, e.g. hs-standard@1.0.0, or production)",
    );
  });
});
