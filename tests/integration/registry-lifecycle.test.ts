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
const { REAL_TEXT_POLICY } = await import("../../models/hs-classifier/model-card");
const { registryWorkbookSheets } = await import("../../app/models/registry-workbook");
const { writeWorkbook } = await import("../../workbench/extract/xlsx-write");
const { readWorkbook } = await import("../../workbench/extract/xlsx");

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

  it("downloads the table as an Excel workbook: the set and the sort first, then each version's figures or why it has none", async () => {
    // measured here too: tests run in any order
    await predictRealSets(db(), await resolveVersion(db(), "hs-baseline@1.0.0"), classifierOf);
    const set = shippedSet("cbp-rulings");
    const rows = sortRegistry(await registryTable(db(), set), "hs6top1", true).map((r) => ({ ...r, notMeasured: null }));
    const { parts } = await writeWorkbook(registryWorkbookSheets(set, { sort: "hs6top1", descending: true, rows }, new Date("2026-12-03T10:00:00Z")));
    const bytes = new Uint8Array(Buffer.concat(parts));
    const about = (await readWorkbook(bytes, "models.xlsx")).csv.split("\r\n");
    expect(about[1]).toBe("Evaluation set,US customs rulings (real)");
    expect(about.find((l) => l.startsWith("Figures,"))).toMatch(/Sorted by HS6 top-1, best first\."$/);
    const versions = (await readWorkbook(bytes, "models.xlsx", "Versions")).csv.split("\r\n");
    expect(versions[0]).toBe(
      'version,status,kind,lines,Chapter top-1,Chapter top-3,Chapter top-5,Heading top-1,Heading top-3,Heading top-5,HS6 top-1,HS6 top-3,HS6 top-5,Calibration error,"Auto-accepted, shown ≥ 95%",no figures because,sha256',
    );
    expect(versions.filter((l) => l)).toHaveLength(rows.length + 1);
    const baseline = rows.find((r) => r.ref === "hs-baseline@1.0.0")!;
    const line = versions.find((l) => l.startsWith("hs-baseline@1.0.0,"))!.split(",");
    expect(line.slice(0, 4)).toEqual(["hs-baseline@1.0.0", "production", "trained here", "199"]);
    // a share as a number (Excel keeps 15 digits), shown in percent format
    expect(Number(line[4])).toBeCloseTo(baseline.figures!.hs2top1!, 12);
    expect(line.at(-1)).toBe(baseline.sha256);
    // a version not measured on the set says so instead of figures
    const unmeasured = rows.find((r) => !r.figures);
    if (unmeasured)
      expect(versions.find((l) => l.startsWith(`${unmeasured.ref},`))).toContain("being measured on this set: download again in a moment");
    // signed out: sent to sign in, nothing measured or written
    const modelsXlsx = await import("../../app/routes/models[.]xlsx");
    const refused = await modelsXlsx
      .loader({ request: new Request("http://localhost/models.xlsx?set=cbp-rulings"), params: {}, context: {} })
      .catch((thrown: unknown) => thrown);
    expect(refused instanceof Response && refused.status).toBe(302);
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
  it("archives, restores and notes as the token's user; shows a version as JSON", async () => {
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
    // as text: real text first (measured by the registry, never trained on), then the card: what it is for, the policy
    // on real text among its limits (its card predates the real sets), its figures on our own text, the note
    await predictRealSets(db(), await resolveVersion(db(), "hs-standard@1.0.0"), classifierOf);
    const text = (await run("models", "show", "--model", "hs-standard@1.0.0")).out.split("\n");
    expect(text.slice(3, 6)).toEqual([
      "  on real text (never trained on), chapter / HS6 top-1 / HS6 top-5:",
      "    US customs rulings (real): 46.2% / 11.6% / 25.6% (n=199)",
      "    Marketplace listings (real): 25.4% / 6.0% / 13.2% (n=319)",
    ]);
    expect(text).toContain(`  limitation: ${REAL_TEXT_POLICY}`);
    expect(text).toContain("  on our own text (the card), chapter / HS6 top-1 / HS6 top-5:");
    expect(text.some((l) => /^ {4}Held-out split \(synthetic\): [\d.]+% \/ [\d.]+% \/ [\d.]+% \(n=\d+\)$/.test(l))).toBe(true);
    const unmeasured = (await run("models", "show", "--model", "hs-hierarchical@1.0.0")).out;
    expect(unmeasured).toMatch(/US customs rulings \(real\): (not measured \(workbench models table --set cbp-rulings\)|[\d.]+% \/)/);
    expect(unmeasured).toContain("  note ");
    // a combined version whose description leads with the members it was first written for says what it is built from
    expect((await run("models", "show", "--model", "hs-combined@1.20.0")).out).toContain(
      "  built from hs-retrieval@1.15.0 and hs-hierarchical-glossary@1.0.0 (the description names the members it was first written for)",
    );
    // `models table` measures what is not measured yet: tested where every version is measured anyway (overview.test.ts)
  });
});
