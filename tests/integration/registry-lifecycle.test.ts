// The registry page's rules (issue 16): every version on one set in one sortable table, archive and restore by an
// admin only (audited, never the production version or one with an open request), append-only notes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "workbench-registry-"));
Object.assign(process.env, { WORKBENCH_DATA_DIR: join(dir, "data"), WORKBENCH_DEMO_PASSWORD: "integration-pass-2026" });
const { getEnv } = await import("../../workbench/config/env");
const { getStore, getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { seedDemo } = await import("../../workbench/store/boot");
const { findUserByUsername } = await import("../../workbench/store/users");
const { listAudit } = await import("../../workbench/store/audit");
const { resolveVersion } = await import("../../workbench/registry/model-registry");
const { setArchived, addNote, notesOf } = await import("../../workbench/registry/version-lifecycle");
const { registryTable, sortRegistry } = await import("../../workbench/evaluation/registry-table");
const { predictRealSets } = await import("../../workbench/evaluation/real-text");
const { shippedSet } = await import("../../workbench/evaluation/evaluation-sets");
const { classifierOf } = await import("../../models/hs-classifier/registered-classifier");

afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  await seedDemo(getStore(), getEnv());
});
const db = () => getDb();
const as = async (name: string) => {
  const user = (await findUserByUsername(db(), name))!;
  return [user, { id: user.id, username: name }] as const;
};

describe("registry", () => {
  it("lists every version on one set; sorted by a column, unmeasured versions last", async () => {
    for (const ref of ["hs-baseline@1.0.0", "hs-standard@1.0.0"]) await predictRealSets(db(), await resolveVersion(db(), ref), classifierOf);
    const rows = await registryTable(db(), shippedSet("cbp-rulings"));
    const measured = rows.filter((r) => r.figures);
    expect(measured.map((r) => r.ref)).toEqual(expect.arrayContaining(["hs-baseline@1.0.0", "hs-standard@1.0.0"]));
    const baseline = measured.find((r) => r.ref === "hs-baseline@1.0.0")!.figures!;
    expect(baseline.n).toBe(199);
    expect(baseline.hs6top1!).toBeLessThanOrEqual(baseline.hs6top5!);
    expect(baseline.hs2top1!).toBeGreaterThanOrEqual(baseline.hs6top1!);
    const byTop1 = sortRegistry(rows, "hs6top1", true);
    const values = byTop1.filter((r) => r.figures).map((r) => r.figures!.hs6top1!);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(byTop1.slice(-1)[0]!.figures === null || rows.every((r) => r.figures)).toBe(true);
    // calibration error: best (lowest) first
    const eces = sortRegistry(rows, "ece", true)
      .filter((r) => r.figures)
      .map((r) => r.figures!.ece!);
    expect(eces).toEqual([...eces].sort((a, b) => a - b));
  });

  it("archives and restores a candidate (admin only, audited, with a reason); never the production version", async () => {
    const [analyst, analystActor] = await as("analyst");
    const [admin, adminActor] = await as("admin");
    await expect(setArchived(db(), "hs-standard@1.0.0", true, "superseded", analyst, analystActor)).rejects.toThrow(
      /needs the admin role \(you are analyst\)/,
    );
    await expect(setArchived(db(), "hs-standard@1.0.0", true, " ", admin, adminActor)).rejects.toThrow(/a reason is required/);
    await expect(setArchived(db(), "hs-baseline@1.0.0", true, "old", admin, adminActor)).rejects.toThrow(
      /is production; only a candidate can be archived/,
    );
    await setArchived(db(), "hs-standard@1.0.0", true, "superseded by hs-retrieval", admin, adminActor);
    expect((await resolveVersion(db(), "hs-standard@1.0.0")).status).toBe("archived");
    await setArchived(db(), "hs-standard@1.0.0", false, "needed for a comparison", admin, adminActor);
    expect((await resolveVersion(db(), "hs-standard@1.0.0")).status).toBe("candidate");
    const entries = (await listAudit(db())).filter((e) => e.action === "model.archive" || e.action === "model.restore");
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(["model.archive", "model.restore"]));
    expect(entries.find((e) => e.action === "model.archive")).toMatchObject({
      actor: "admin",
      after: { status: "archived", reason: "superseded by hs-retrieval" },
    });
  });

  it("keeps notes per version: analysts add them, nobody edits or removes them", async () => {
    const [viewer, viewerActor] = await as("viewer");
    const [analyst, analystActor] = await as("analyst");
    await expect(addNote(db(), "hs-retrieval@1.0.0", "looks good", viewer, viewerActor)).rejects.toThrow(/needs the analyst or admin role/);
    const note = await addNote(db(), "hs-retrieval@1.0.0", "Weak on chapter 85 listings <script>x</script>", analyst, analystActor);
    const version = await resolveVersion(db(), "hs-retrieval@1.0.0");
    expect((await notesOf(db(), version.id))[0]).toMatchObject({
      id: note.id,
      author: "analyst",
      body: "Weak on chapter 85 listings <script>x</script>",
    });
    await expect(db().run("UPDATE model_version_notes SET body = 'changed' WHERE id = ?", [note.id])).rejects.toThrow(/append-only/);
    await expect(db().run("DELETE FROM model_version_notes WHERE id = ?", [note.id])).rejects.toThrow(/append-only/);
    expect((await listAudit(db(), { action: "model.note" }))[0]).toMatchObject({ actor: "analyst" });
  });
});

describe("registry on the command line", () => {
  it("archives, restores and notes as the token's user; shows a version and the table on a set as JSON", async () => {
    const { runCli: run } = await import("./cli-harness");
    const { createToken } = await import("../../workbench/store/tokens");
    const [admin, adminActor] = await as("admin");
    const [viewer] = await as("viewer");
    const tokenOf = async (user: { id: number }) => (await createToken(db(), user.id, "cli test", adminActor)).token;

    expect((await run("models", "archive", "--model", "hs-hierarchical@1.0.0", "--reason", "x")).err).toMatch(/who is acting\? set WORKBENCH_TOKEN/);
    process.env.WORKBENCH_TOKEN = await tokenOf(viewer);
    const refused = await run("models", "archive", "--model", "hs-hierarchical@1.0.0", "--reason", "x");
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/needs the admin role \(you are viewer\)/);
    process.env.WORKBENCH_TOKEN = await tokenOf(admin);
    expect((await run("models", "archive", "--model", "hs-hierarchical@1.0.0", "--reason", "cli test")).code).toBe(0);
    expect((await run("models", "restore", "--model", "hs-hierarchical@1.0.0", "--reason", "cli test")).code).toBe(0);
    const noted = await run("models", "note", "--model", "hs-hierarchical@1.0.0", "--text", "noted from the CLI", "--json");
    expect(JSON.parse(noted.out)).toMatchObject({ author: "admin", body: "noted from the CLI" });
    delete process.env.WORKBENCH_TOKEN;

    const shown = JSON.parse((await run("models", "show", "--model", "hs-hierarchical@1.0.0", "--json")).out);
    expect(shown.version).toMatchObject({ name: "hs-hierarchical", kind: "trained", status: "candidate" });
    expect(shown.notes[0]).toMatchObject({ author: "admin", body: "noted from the CLI" });
    expect(shown.version.artifactDir).toBeUndefined();

    const table = await run("models", "table", "--set", "cbp-rulings", "--sort", "hs6top5", "--json");
    expect(table.code, table.err).toBe(0);
    const rows = JSON.parse(table.out).rows as { ref: string; figures: { hs6top5: number } | null }[];
    expect(rows.every((r) => r.figures)).toBe(true);
    expect(rows.map((r) => r.figures!.hs6top5)).toEqual([...rows.map((r) => r.figures!.hs6top5)].sort((a, b) => b - a));
  }, 120_000);
});
