// The CLI on a data directory no server has opened: it registers the shipped model versions as a server start does
// (WORKBENCH_SEED_DEMO), so `workbench predict` works right after install; demo accounts are left to the server.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "workbench-cli-fresh-"));
Object.assign(process.env, { WORKBENCH_DATA_DIR: join(dir, "data"), WORKBENCH_SEED_DEMO: "true" });
const { runCli } = await import("./cli-harness");
const { closeCliStore } = await import("../../models/cli/cli-store");
const { seededProduction } = await import("../../workbench/registry/seed-models");
const { repoRoot } = await import("../../workbench/hs/load-fixtures");
afterAll(async () => {
  await closeCliStore();
  rmSync(dir, { recursive: true, force: true });
});

describe("the CLI before any server start", () => {
  it("registers the shipped versions, predicts with the one in production, and creates no account", async () => {
    const listed = await runCli("models", "list", "--json");
    expect(listed.code).toBe(0);
    const versions = JSON.parse(listed.out) as { name: string; version: string; status: string }[];
    const production = seededProduction(repoRoot()).map((r) => `${r.name}@${r.version}`);
    expect(versions.filter((v) => v.status === "production").map((v) => `${v.name}@${v.version}`)).toEqual(production);
    expect(versions.map((v) => `${v.name}@${v.version}`)).toContain("hs-combined@1.20.0");

    const input = join(dir, "lines.csv");
    writeFileSync(input, "id;beschreibung\r\n1;frozen shrimps peeled 10 kg\r\n");
    const predicted = await runCli("predict", "--input", input, "--text-column", "beschreibung", "--out", join(dir, "out.csv"));
    expect(predicted.code, predicted.err).toBe(0);
    expect(predicted.out).toContain(`by ${production[0]}`);

    expect(JSON.parse((await runCli("users", "list", "--json")).out)).toEqual([]);
  });
});
