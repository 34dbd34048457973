// `workbench evaluate --invoice-lines` against the seeded registry (its own data directory: the other CLI tests
// expect a registry without the shipped versions).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "workbench-cli-invoices-"));
process.env.WORKBENCH_DATA_DIR = join(dir, "data");
const { runCli: run } = await import("./cli-harness");
const { getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { seedModelVersions } = await import("../../workbench/registry/seed-models");
const { repoRoot } = await import("../../workbench/hs/load-fixtures");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("evaluate --invoice-lines", () => {
  it("says how often a version's codes fit the categories of real invoice lines, and how sure it was", async () => {
    await seedModelVersions(getDb(), repoRoot());
    const fitted = await run("evaluate", "--model", "hs-retrieval-fast@1.6.0", "--invoice-lines", "--json");
    expect(fitted.code).toBe(0);
    const { half, agreement } = JSON.parse(fitted.out);
    // measured 2026-12-02: 57.6% of the half never read while writing glossary entries
    expect([half, agreement.lines]).toEqual(["test", 7_500]);
    expect(agreement.top1).toBeGreaterThan(0.54);
    expect(agreement.byConfidence.map((b: { lines: number }) => b.lines).reduce((a: number, b: number) => a + b)).toBe(7_500);
    const told = await run("evaluate", "--model", "hs-retrieval-fast@1.6.0", "--invoice-lines", "--half", "dev");
    expect(told.out).toContain("real Brazilian invoice lines (DESCMERC, the half read while writing glossary entries)");
    expect(told.out).toMatch(/First code fits the category: \d+\.\d% \([\d,]+ of 7,500; 95% interval \d+\.\d–\d+\.\d%\)/);
    expect(told.out).toMatch(/cosmetics\s+2500\s+\d+\.\d%\s+chapter 33/);
    const both = await run("evaluate", "--model", "hs-retrieval-fast@1.6.0", "--invoice-lines", "--input", "x.csv");
    expect(both.code).toBe(2);
    expect(both.err).toContain("give one of --set, --input or --invoice-lines");
    const odd = await run("evaluate", "--model", "hs-retrieval-fast@1.6.0", "--invoice-lines", "--half", "odd");
    expect(odd.err).toContain("--half must be test, dev or all (got 'odd')");
  });
});
