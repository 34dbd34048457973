// A version whose files cannot be loaded was measured in the background, failed, and the pages went on saying "not
// measured" / "being measured" with the card's synthetic figures in its place, the failure swallowed; Compare and a
// promotion request showed the loader's message, which names the server's directory. The pages now say why in words,
// the server log has the details, and a version mended is measured on the next view.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const dataDir = mkdtempSync(join(tmpdir(), "workbench-measuring-"));
Object.assign(process.env, { WORKBENCH_DATA_DIR: dataDir, WORKBENCH_SEED_DEMO: "false" });
const { getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { createUser } = await import("../../workbench/store/users");
const { createToken } = await import("../../workbench/store/tokens");
const { SYSTEM_ACTOR } = await import("../../workbench/store/audit");
const { registerModelVersion, resolveVersion } = await import("../../workbench/registry/model-registry");
const { switchProduction } = await import("../../workbench/registry/production-state");
const { readVerifiedFiles } = await import("../../workbench/registry/artifact-files");
const { ensureRealTextFigures } = await import("../../app/overview/overview.server");
const { inferencePool, pooledPredictorOf } = await import("../../app/classify/inference.server");
const { compareVersions } = await import("../../workbench/evaluation/comparison-service");
const { requestPromotion } = await import("../../workbench/registry/promotion");
const { setArchived } = await import("../../workbench/registry/version-lifecycle");
const { measureRealSets } = await import("../../app/models/measuring-failures.server");
const modelsRoute = await import("../../app/routes/models");
const overviewRoute = await import("../../app/routes/overview");
const cardRoute = await import("../../app/routes/models_.$name.$version");
const healthz = await import("../../app/routes/healthz");

const BASELINE = "models/artifacts/hs-baseline/1.0.0";
const STANDARD = "models/artifacts/hs-standard/1.0.0";
// hs-standard@1.0.0's files with one spoilt: loading it fails naming this directory
const spoilt = join(dataDir, "artifacts", "hs-standard");
// a candidate's files changed likewise (hs-hierarchical@1.0.0's, registered as hs-spoilt@1.0.0 by a test)
const spoiltCandidate = join(dataDir, "artifacts", "hs-spoilt");
// background work polled for: generous, for a loaded machine
const WAIT = { timeout: 30_000, interval: 200 };
const standardParams = { name: "hs-standard", version: "1.0.0" };
let token = "";
let analyst: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  const db = getDb();
  const card = (dir: string) => JSON.parse(readFileSync(join(dir, "card.json"), "utf8")) as Record<string, unknown>;
  await registerModelVersion(
    db,
    { name: "hs-baseline", version: "1.0.0", artifactDir: BASELINE, sha256: readVerifiedFiles(BASELINE).manifest.sha256, card: card(BASELINE) },
    SYSTEM_ACTOR,
  );
  // production: hs-standard@1.0.0 as registered, but a file of its directory was changed since (by hand, say)
  cpSync(STANDARD, spoilt, { recursive: true });
  appendFileSync(join(spoilt, "labels.json"), " ");
  const standard = await registerModelVersion(
    db,
    { name: "hs-standard", version: "1.0.0", artifactDir: spoilt, sha256: readVerifiedFiles(STANDARD).manifest.sha256, card: card(STANDARD) },
    SYSTEM_ACTOR,
  );
  await db.transaction((tx) => switchProduction(tx, { name: "hs-standard", current: undefined, nextId: standard.id, reason: "seed" }, SYSTEM_ACTOR));
  const user = await createUser(db, { username: "manager", role: "viewer", password: "correct-horse-battery" }, SYSTEM_ACTOR);
  token = (await createToken(db, user.id, "test", SYSTEM_ACTOR)).token;
  analyst = await createUser(db, { username: "analyst", role: "analyst", password: "correct-horse-battery" }, SYSTEM_ACTOR);
});
afterAll(async () => {
  await inferencePool().close();
  rmSync(dataDir, { recursive: true, force: true });
});

const page = async <T>(route: { loader: (args: never) => Promise<Response> }, url: string, params = {}): Promise<T> => {
  const response = await route.loader({
    request: new Request(url, { headers: { Authorization: `Bearer ${token}` } }),
    params,
    context: {},
  } as never);
  expect(response.status).toBe(200);
  const text = await response.text();
  // not the spoilt file's directory, nor a stack (the registered source directory is shown on purpose, in its column)
  expect([spoilt, spoiltCandidate].reduce((t, dir) => t.replaceAll(`"source":"${dir}"`, ""), text)).not.toMatch(/labels\.json|\/tmp\/|\bat \w+ \(/);
  return JSON.parse(text) as T;
};

describe("a version that cannot be measured", () => {
  it("is named with the reason on the Models list, the registry table, the Overview and its card; logged once; measured once mended", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await ensureRealTextFigures(getDb(), pooledPredictorOf)).toEqual([]); // both jobs ended
    const reason = "its files do not match the registry; the server log names the file";

    type Row = { name: string; notMeasured: string | null; real: Record<string, unknown>; figures?: unknown };
    for (let view = 0; view < 2; view++) {
      const models = await page<{ versions: Row[]; measuring: string[]; registry: { rows: Row[] } }>(modelsRoute, "http://localhost/models");
      expect(models.measuring).toEqual([]);
      const [baseline, standard] = ["hs-baseline", "hs-standard"].map((n) => models.versions.find((v) => v.name === n)!);
      expect(baseline).toMatchObject({ notMeasured: null });
      expect(Object.keys(baseline!.real).sort()).toEqual(["cbp-rulings", "marketplace-listings"]);
      expect(standard).toMatchObject({ notMeasured: reason, real: {} });
      await vi.waitFor(async () => {
        const { registry } = await page<{ registry: { rows: Row[] } }>(modelsRoute, "http://localhost/models");
        expect(registry.rows.find((r) => r.name === "hs-standard")).toMatchObject({ figures: null, notMeasured: reason });
      }, WAIT);
      const overview = await page<{ headline: { origin: string; set: string; notMeasured: string | null } }>(overviewRoute, "http://localhost/");
      expect(overview.headline).toMatchObject({ origin: "synthetic", set: "held-out", notMeasured: reason });
      const card = await page<{ realError: string | null; real: unknown[] }>(cardRoute, "http://localhost/models/hs-standard/1.0.0", standardParams);
      expect(card).toMatchObject({ realError: reason, real: [] });
    }
    // what a load balancer's or an operator's poll sees (a count: /healthz names nothing to the anonymous)
    expect(await (await healthz.loader()).json()).toEqual({ ok: true, versionsNotMeasured: 1 });
    // the card's invoice-line run fails too: said once it has, rather than "being measured" on every view
    await vi.waitFor(async () => {
      const card = await page<{ invoiceFit: unknown }>(cardRoute, "http://localhost/models/hs-standard/1.0.0", standardParams);
      expect(card.invoiceFit).toEqual({ state: "not measured", reason: `it could not be measured: ${reason}` });
    }, WAIT);
    // every view tries again; the log names the version once (with the details a page does not show)
    const lines = logged.mock.calls.map((c) => c.join(" ")).filter((l) => l.includes("Measuring hs-standard@1.0.0 on the evaluation sets"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${spoilt}: labels.json does not match its sha256`);
    expect(logged.mock.calls.filter((c) => c.join(" ").includes("hs-standard@1.0.0 on the invoice lines failed"))).toHaveLength(1);

    // Compare and a promotion request say the same, and log the details
    const failed = "predicting failed: hs-standard@1.0.0: its files do not match the registry; the server log names the file";
    await expect(
      compareVersions(getDb(), "hs-baseline@1.0.0", "hs-standard@1.0.0", "cbp-rulings", { predictorOf: pooledPredictorOf }),
    ).rejects.toMatchObject({ name: "ComparisonError", message: failed });
    await expect(
      requestPromotion(
        getDb(),
        { candidate: "hs-baseline@1.0.0", set: "cbp-rulings" },
        analyst,
        { id: analyst.id, username: "analyst" },
        { predictorOf: pooledPredictorOf },
      ),
    ).rejects.toMatchObject({ name: "PromotionError", message: `cannot compare hs-baseline@1.0.0 with production hs-standard@1.0.0: ${failed}` });
    expect(logged.mock.calls.map((c) => c.join(" ")).filter((l) => l.startsWith("Predicting hs-standard@1.0.0 on cbp-rulings failed:"))).toEqual([
      expect.stringContaining(`${spoilt}: labels.json does not match`),
      expect.stringContaining(`${spoilt}: labels.json does not match`),
    ]);

    // the administrator puts the files back: the next view measures it, and the reason is gone
    cpSync(join(STANDARD, "labels.json"), join(spoilt, "labels.json"));
    expect(await ensureRealTextFigures(getDb(), pooledPredictorOf)).toEqual([]);
    const models = await page<{ versions: Row[] }>(modelsRoute, "http://localhost/models");
    expect(models.versions.find((v) => v.name === "hs-standard")).toMatchObject({ notMeasured: null });
    const overview = await page<{ headline: { origin: string; notMeasured: string | null } }>(overviewRoute, "http://localhost/");
    expect(overview.headline).toMatchObject({ origin: "real", notMeasured: null });
    expect(await (await healthz.loader()).json()).toEqual({ ok: true });
    await vi.waitFor(async () => {
      const card = await page<{ invoiceFit: { state: string } }>(cardRoute, "http://localhost/models/hs-standard/1.0.0", standardParams);
      expect(card.invoiceFit.state).toBe("measured");
    }, WAIT);
    logged.mockRestore();
  });

  it("stops counting on /healthz once archived (it is not tried again), whoever archived it", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    // a candidate whose files were changed since it was registered (its own files: its own sha256)
    const HIERARCHICAL = "models/artifacts/hs-hierarchical/1.0.0";
    cpSync(HIERARCHICAL, spoiltCandidate, { recursive: true });
    appendFileSync(join(spoiltCandidate, "labels.json"), " ");
    const card = JSON.parse(readFileSync(join(HIERARCHICAL, "card.json"), "utf8")) as Record<string, unknown>;
    const sha256 = readVerifiedFiles(HIERARCHICAL).manifest.sha256;
    await registerModelVersion(getDb(), { name: "hs-spoilt", version: "1.0.0", artifactDir: spoiltCandidate, sha256, card }, SYSTEM_ACTOR);
    const version = await resolveVersion(getDb(), "hs-spoilt@1.0.0");
    // measured alone: the other test's version is its own to measure (and to see logged once)
    expect(await measureRealSets(getDb(), version, pooledPredictorOf)).toBe("its files do not match the registry; the server log names the file");
    const counted = async () => ((await (await healthz.loader()).json()) as { versionsNotMeasured?: number }).versionsNotMeasured ?? 0;
    const before = await counted();
    expect(before).toBeGreaterThanOrEqual(1);
    // as the CLI's archive does, in its own process: this server's note of the failure stays, and no longer counts
    await setArchived(getDb(), "hs-spoilt@1.0.0", true, "files changed by hand", { role: "admin" }, SYSTEM_ACTOR);
    expect(await counted()).toBe(before - 1);
    logged.mockRestore();
  });
});
