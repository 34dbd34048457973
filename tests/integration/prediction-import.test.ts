// Bring your own model (issue 16): a set's lines exported, another model's predictions on them imported as a version,
// checked line by line (nothing written when anything is wrong), then evaluated, compared and requested for promotion
// on exactly the sets it has predictions for.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "workbench-prediction-import-"));
Object.assign(process.env, { WORKBENCH_DATA_DIR: join(dir, "data"), WORKBENCH_DEMO_PASSWORD: "integration-pass-2026" });
const { runCli: run } = await import("./cli-harness");
const { getEnv } = await import("../../workbench/config/env");
const { getStore, getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { seedDemo } = await import("../../workbench/store/boot");
const { findUserByUsername } = await import("../../workbench/store/users");
const { listAudit } = await import("../../workbench/store/audit");
const { listModelVersions, resolveVersion } = await import("../../workbench/registry/model-registry");
const { compareVersions } = await import("../../workbench/evaluation/comparison-service");
const { predictRealSets, realTextFigures } = await import("../../workbench/evaluation/real-text");
const { requestPromotion } = await import("../../workbench/registry/promotion");
const { classifierOf } = await import("../../models/hs-classifier/registered-classifier");
const { shippedSet } = await import("../../workbench/evaluation/evaluation-sets");
const { DuckDBInstance } = await import("@duckdb/node-api");

afterAll(() => rmSync(dir, { recursive: true, force: true }));
// tests run in random order: the version they share is imported before any of them
let imported: Awaited<ReturnType<typeof run>>;
beforeAll(async () => {
  await seedDemo(getStore(), getEnv());
  const predictions = await rulingsPredictedBy("hs-hierarchical@1.0.0");
  imported = await run(
    "models",
    "import-predictions",
    "--name",
    "customs-python",
    "--version",
    "2.1.0",
    "--set",
    "cbp-rulings",
    "--input",
    predictions,
    "--json",
  );
});

const db = () => getDb();
const models = { predictorOf: classifierOf };
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** The rulings predicted by a shipped version through the CLI, as a predictions file. */
async function rulingsPredictedBy(ref: string): Promise<string> {
  const lines = join(dir, "rulings-lines.csv");
  expect((await run("sets", "export", "--set", "cbp-rulings", "--out", lines)).code).toBe(0);
  const out = join(dir, `predicted-${ref.replace(/\W/g, "-")}.csv`);
  const predicted = await run("predict", "--model", ref, "--input", lines, "--text-column", "text", "--id-column", "line_id", "--out", out);
  expect(predicted.code).toBe(0);
  return out;
}

describe("importing another model's predictions", () => {
  it("exports a set's lines without their codes", async () => {
    const out = join(dir, "listings.csv");
    expect((await run("sets", "export", "--set", "marketplace-listings", "--out", out)).code).toBe(0);
    const rows = readFileSync(out, "utf8").trim().split("\n");
    expect(rows[0]).toBe("line_id,text");
    expect(rows).toHaveLength(shippedSet("marketplace-listings").lines.length + 1);
    expect(rows[1]).toMatch(/^hcc-\d+,/);
  });

  it("registers a version that scores exactly as the model that made the file, on that set only", async () => {
    expect(imported.code, imported.err).toBe(0);
    const result = JSON.parse(imported.out);
    expect(result.version).toMatchObject({ name: "customs-python", version: "2.1.0", kind: "predictions", status: "candidate" });
    expect(result.version.registeredBy).toMatch(/^cli:/);
    expect(result.sets).toEqual([
      expect.objectContaining({ setId: "cbp-rulings", lines: 199, topK: 5, fileName: "predicted-hs-hierarchical-1-0-0.csv" }),
    ]);
    expect(result.sets[0].fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await listAudit(db(), { action: "model.register" })).find((e) => e.targetId === String(result.version.id))).toMatchObject({
      actor: expect.stringMatching(/^cli:/),
      after: expect.objectContaining({ kind: "predictions" }),
    });

    // same lines, same codes → the same accuracy as the version that made the file
    const state = await compareVersions(db(), "hs-hierarchical@1.0.0", "customs-python@2.1.0", "cbp-rulings", { ...models, wait: true });
    expect(state.status).toBe("ready");
    if (state.status !== "ready") return;
    const { a, b } = state.comparison.report;
    expect(b.metrics.accuracy).toEqual(a.metrics.accuracy);
    expect(state.comparison.report.mcnemar).toMatchObject({ aOnly: 0, bOnly: 0 });

    // it has no answer for other sets, and says so
    await expect(compareVersions(db(), "hs-hierarchical@1.0.0", "customs-python@2.1.0", "held-out", { ...models, wait: true })).rejects.toThrow(
      /customs-python@2\.1\.0 is a predictions file with predictions for cbp-rulings only/,
    );
    const version = await resolveVersion(db(), "customs-python@2.1.0");
    await predictRealSets(db(), version, classifierOf);
    expect((await realTextFigures(db(), version.sha256)).sets.map((s) => s.set)).toEqual(["cbp-rulings"]);
  });

  it("is judged by the promotion gates on its frozen predictions, and cannot serve without an override", async () => {
    const analyst = (await findUserByUsername(db(), "analyst"))!;
    const request = await requestPromotion(
      db(),
      { candidate: "customs-python@2.1.0", set: "cbp-rulings" },
      analyst,
      { id: analyst.id, username: "analyst" },
      models,
    );
    const gates = Object.fromEntries(request.gates.map((g) => [g.id, g]));
    expect(gates.artifacts).toMatchObject({ passed: true, detail: expect.stringContaining("frozen predictions for cbp-rulings match their sha256") });
    expect(gates.serving).toMatchObject({ passed: false, detail: expect.stringContaining("would refuse every request") });
    expect(gates["min-hs6-top1"]?.detail).toMatch(/on 199 lines/);
  });

  it("refuses a file with any problem, names each row and column, and writes nothing", async () => {
    const before = { versions: (await listModelVersions(db())).length, audit: (await listAudit(db())).length };
    const set = shippedSet("cbp-rulings");
    const [l0, l1, l2, l3] = set.lines;
    const listing = shippedSet("marketplace-listings").lines[0]!;
    const bad = file(
      "bad.csv",
      [
        "line_id,code_1,probability_1,code_2,probability_2",
        `${l0!.ref},847130,0.9,999999,0.05`,
        `${l1!.ref},8471,0.5,,`,
        `${l2!.ref},847130,1.4,,`,
        `${l3!.ref},847130,0.2,847150,0.7`,
        `${l3!.ref},847130,0.9,,`,
        `${listing.ref},847130,0.9,,`,
        `${set.lines[4]!.ref},10121,0.9,,`,
      ].join("\n"),
    );
    const refused = await run("models", "import-predictions", "--name", "bad", "--version", "1.0.0", "--set", "cbp-rulings", "--input", bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("bad.csv");
    expect(refused.err).toContain("nothing imported");
    expect(refused.err).toContain("row 2, code_2: '999999' is not an HS 2022 subheading");
    expect(refused.err).toContain("row 3, code_1: '8471' has 4 digits");
    expect(refused.err).toContain("row 4, probability_1: '1.4' is not a probability between 0 and 1");
    expect(refused.err).toContain("row 5, probability_2: 0.7 is higher than probability_1");
    expect(refused.err).toMatch(/1 duplicate line: row 6 repeats row 5/);
    expect(refused.err).toMatch(/1 row names no line of cbp-rulings \(they are lines of marketplace-listings\): row 7/);
    expect(refused.err).toContain(
      "row 8, code_1: '10121' has 5 digits; HS codes have 2, 4, 6, 8 or 10. If a spreadsheet dropped a leading zero, write the code columns as text",
    );
    expect(refused.err).toMatch(/194 of 199 lines of cbp-rulings have no row: atlas-validation-\d+/);
    expect({ versions: (await listModelVersions(db())).length, audit: (await listAudit(db())).length }).toEqual(before);

    const noSet = await run("models", "import-predictions", "--name", "bad", "--version", "1.0.0", "--input", bad);
    expect(noSet.err).toMatch(/no 'set' column: say which evaluation set/);
    const noKey = await run(
      "models",
      "import-predictions",
      "--name",
      "bad",
      "--version",
      "1.0.0",
      "--set",
      "cbp-rulings",
      "--input",
      file("nokey.csv", "id,code_1,probability_1\nx,010121,1\n"),
    );
    expect(noKey.err).toMatch(/no 'line_id' or 'text' column \(the file's columns are id, code_1, probability_1\)/);
    expect((await listModelVersions(db())).length).toBe(before.versions);
  });

  it("refuses Parquet codes stored as numbers (0101 would become 101)", async () => {
    const path = join(dir, "numeric.parquet");
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    await connection.run(`COPY (SELECT 'atlas-validation-0000' AS line_id, 10121 AS code_1, 0.9 AS probability_1) TO '${path}' (FORMAT parquet)`);
    const refused = await run("models", "import-predictions", "--name", "pq", "--version", "1.0.0", "--set", "cbp-rulings", "--input", path);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/numeric\.parquet: 1 problem.*\n.*code_1 is a number column; codes must be text/);
    // JSON the same: a code written as a number
    const json = file("numeric.json", '[{"line_id": "atlas-validation-0000", "code_1": 10121, "probability_1": 0.9}]');
    const refusedJson = await run("models", "import-predictions", "--name", "js", "--version", "1.0.0", "--set", "cbp-rulings", "--input", json);
    expect(refusedJson.code).toBe(1);
    expect(refusedJson.err).toMatch(/numeric\.json: 1 problem.*\n.*code_1 is a number column; codes must be text/);
  });

  it("matches lines by their exact text too, and takes the set from a set column", async () => {
    const set = shippedSet("cbp-rulings");
    const rows = set.lines.map((l) => `cbp-rulings,"${l.text.replace(/"/g, '""')}",${l.truth},0.6`);
    const path = file("by-text.csv", ["set,text,code_1,probability_1", ...rows].join("\n"));
    const imported = await run("models", "import-predictions", "--name", "oracle", "--version", "1.0.0", "--input", path, "--json");
    expect(imported.code, imported.err).toBe(0);
    const version = await resolveVersion(db(), "oracle@1.0.0");
    await predictRealSets(db(), version, classifierOf);
    expect((await realTextFigures(db(), version.sha256)).sets[0]!.metrics.accuracy.hs6.top1).toBe(1);
    // the same answers as JSON, one object per line
    const ndjson = set.lines.map((l) => JSON.stringify({ set: "cbp-rulings", text: l.text, code_1: l.truth, probability_1: 0.6 })).join("\n");
    const fromJson = await run(
      "models",
      "import-predictions",
      "--name",
      "oracle-json",
      "--version",
      "1.0.0",
      "--input",
      file("by-text.ndjson", ndjson),
    );
    expect(fromJson.code, fromJson.err).toBe(0);
    const jsonVersion = await resolveVersion(db(), "oracle-json@1.0.0");
    await predictRealSets(db(), jsonVersion, classifierOf);
    expect((await realTextFigures(db(), jsonVersion.sha256)).sets[0]!.metrics.accuracy.hs6.top1).toBe(1);
    // a name@version is registered once
    const again = await run("models", "import-predictions", "--name", "oracle", "--version", "1.0.0", "--input", path);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/oracle@1\.0\.0 is already registered/);
  });
});

describe("a predictions version on the command line", () => {
  it("compares with --set on its set, and says why it cannot evaluate a file or compare elsewhere", async () => {
    expect(imported.code, imported.err).toBe(0);
    const compared = await run("compare", "--a", "hs-hierarchical@1.0.0", "--b", "customs-python@2.1.0", "--set", "cbp-rulings", "--json");
    expect(compared.code, compared.err).toBe(0);
    const { report } = JSON.parse(compared.out);
    expect(report.b.metrics.accuracy.hs6.top1).toBe(report.a.metrics.accuracy.hs6.top1);
    // without --set: the US customs rulings, as the Compare page opens
    const byDefault = await run("compare", "--a", "hs-hierarchical@1.0.0", "--b", "customs-python@2.1.0", "--json");
    expect(byDefault.code, byDefault.err).toBe(0);
    expect(JSON.parse(byDefault.out).set.id).toBe("cbp-rulings");

    const heldOut = await run("compare", "--a", "hs-hierarchical@1.0.0", "--b", "customs-python@2.1.0", "--set", "held-out");
    expect(heldOut.code).toBe(1);
    expect(heldOut.err).toMatch(/predictions for cbp-rulings only; it cannot predict other lines/);

    const input = file("labelled.csv", "description,code\nlive horses,0101210000\n");
    const evaluated = await run(
      "evaluate",
      "--model",
      "customs-python@2.1.0",
      "--input",
      input,
      "--text-column",
      "description",
      "--label-column",
      "code",
    );
    expect(evaluated.code).toBe(1);
    expect(evaluated.err).toMatch(
      /customs-python@2\.1\.0 is a predictions file: .*cannot classify new text; compare it on the sets it has predictions for/,
    );

    const listed = await run("models", "list");
    // its figures on the rulings it predicted; the listings it has no predictions for (never "not measured": nothing can)
    expect(listed.out).toMatch(
      /customs-python\s+2\.1\.0\s+candidate\s+predictions\s+[\d.]+% \/ [\d.]+% \/ [\d.]+%\s+no predictions for it\s+\S+\s+cli:/,
    );
  });
});

describe("several versions at once", () => {
  it("compares a predictions version with shipped ones: figures side by side, every pair tested", async () => {
    expect(imported.code, imported.err).toBe(0);
    const many = await run("compare", "--versions", "hs-baseline@1.0.0,hs-hierarchical@1.0.0,customs-python@2.1.0", "--set", "cbp-rulings", "--json");
    expect(many.code, many.err).toBe(0);
    const result = JSON.parse(many.out);
    expect(result.n).toBe(199);
    expect(result.versions.map((v: { ref: string }) => v.ref)).toEqual(["hs-baseline@1.0.0", "hs-hierarchical@1.0.0", "customs-python@2.1.0"]);
    const same = result.pairs.find((p: { a: string; b: string }) => p.a === "hs-hierarchical@1.0.0" && p.b === "customs-python@2.1.0");
    expect(same).toMatchObject({ aOnly: 0, bOnly: 0, better: null });
    const text = await run("compare", "--versions", "hs-baseline@1.0.0,customs-python@2.1.0", "--set", "cbp-rulings");
    expect(text.out).toMatch(/Every pair \(HS6 top-1; McNemar p Holm-adjusted over 1 pairs/);
    const refused = await run("compare", "--versions", "hs-baseline@1.0.0,customs-python@2.1.0", "--set", "held-out");
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/predictions for cbp-rulings only/);
  });
});
