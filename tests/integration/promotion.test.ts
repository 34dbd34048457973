// Promotion end to end on the registry: frozen evidence, gates, four-eyes, racing approvals (two processes), the
// one-production invariant, rollback, point-in-time queries, audit completeness and the signed webhook.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { constraintFailed } from "../support/test-database";

const dir = mkdtempSync(join(tmpdir(), "workbench-promotion-"));
const dataDir = join(dir, "data");
const SECRET = "webhook-secret-for-tests";

// A webhook receiver that fails as many calls as `failures` says, then accepts.
const received: { event: string; signature: string; body: string }[] = [];
let failures = 0;
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push({ event: String(req.headers["x-workbench-event"]), signature: String(req.headers["x-workbench-signature"]), body });
    res.writeHead(failures-- > 0 ? 500 : 204).end();
  });
});
await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
const hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;

Object.assign(process.env, {
  WORKBENCH_DATA_DIR: dataDir,
  WORKBENCH_DEMO_PASSWORD: "integration-pass-2026",
  WORKBENCH_WEBHOOK_URL: hookUrl,
  WORKBENCH_WEBHOOK_SECRET: SECRET,
});
const { getEnv } = await import("../../workbench/config/env");
const { getStore, getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { seedDemo } = await import("../../workbench/store/boot");
const { findUserByUsername } = await import("../../workbench/store/users");
const { createToken } = await import("../../workbench/store/tokens");
const { listAudit } = await import("../../workbench/store/audit");
const { listModelVersions } = await import("../../workbench/registry/model-registry");
const { productionAt, productionVersion } = await import("../../workbench/registry/production-state");
const { classifierOf } = await import("../../models/hs-classifier/registered-classifier");
const models = { predictorOf: classifierOf };
const promotion = await import("../../workbench/registry/promotion");
const jobs = await import("../../workbench/registry/promotion-jobs");
const { nowIso, offsetClock, setClock } = await import("../../workbench/clock");
const clock = offsetClock();
const restoreClock = setClock(clock);
const { claimDelivery, deliverDueWebhooks, enqueueWebhook, listWebhookDeliveries } = await import("../../workbench/registry/webhook");
const { gatesConfigSchema } = await import("../../workbench/registry/gates");

afterAll(async () => {
  restoreClock();
  receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

const db = () => getDb();
const user = async (name: string) => (await findUserByUsername(db(), name))!;
const actor = async (name: string) => ({ id: (await user(name)).id, username: name, client: "test" });
const productionOf = async () => (await productionVersion(db(), "hs-baseline")) ?? (await productionVersion(db(), "hs-standard"));
const productionCount = async () => (await listModelVersions(db())).filter((v) => v.status === "production").length;

/** Runs the real CLI in its own process (same data directory). */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/workbench.js", ...args], { env: { ...process.env, ...env } });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (err += c));
    child.on("close", (code) => resolve({ code: code ?? -1, out, err }));
  });
}

beforeAll(async () => {
  await seedDemo(getStore(), getEnv());
});

// Every test starts from the seeded demo state (hs-baseline@1.0.0 in production, no open request, the other versions
// candidates), whatever ran before it, and sets up what it needs itself.
beforeEach(async () => {
  await promotion.resetDemo(db(), await user("admin"), await actor("admin"), { demoMode: true });
});

const openRequest = async (candidate = "hs-standard@1.0.0", requester = "analyst") =>
  await promotion.requestPromotion(db(), { candidate, set: "held-out" }, await user(requester), await actor(requester), models);

/** hs-standard@1.0.0 promoted on an analyst's request, approved by "approver"; returns the request id. */
async function promoteStandard(): Promise<number> {
  const request = await openRequest();
  await promotion.decidePromotion(db(), request.id, { approve: true }, await user("approver"), await actor("approver"));
  return request.id;
}

describe("promotion", () => {
  it("analysts request; the comparison with production and the gate results are frozen into the request", async () => {
    expect((await productionOf())?.version).toBe("1.0.0");
    await expect(openRequest("hs-standard@1.0.0", "viewer")).rejects.toMatchObject({
      status: 403,
      message: expect.stringMatching(/analyst or admin role \(you are viewer\)/),
    });
    await expect(openRequest("hs-baseline@1.0.0")).rejects.toMatchObject({
      status: 409,
      message: "hs-baseline@1.0.0 is production; only a candidate can be promoted",
    });
    await expect(openRequest("hs-nope@1.0.0")).rejects.toMatchObject({ status: 404, message: "no model version hs-nope@1.0.0 is registered" });
    const request = await openRequest();
    expect(request).toMatchObject({
      status: "open",
      modelName: "hs-standard",
      baseline: { name: "hs-baseline", version: "1.0.0" },
      requestedBy: { username: "analyst" },
    });
    expect(request.gates.map((g) => [g.id, g.passed])).toEqual([
      ["min-hs6-top1", true],
      ["chapter-regression", true],
      ["significance", true],
      ["other-real-sets", true],
      ["artifacts", true],
    ]);
    const frozen = (await promotion.frozenReportOf(db(), request.id))!;
    // requested on the held-out set (synthetic), it must hold on real text too: compared with production on both real
    // sets, frozen alike
    expect(frozen.otherSets!.map((o) => [o.set.id, o.comparison!.report.n])).toEqual([
      ["cbp-rulings", 199],
      ["marketplace-listings", 319],
    ]);
    // nothing left unchecked; a request frozen before requests compared the other sets says which it never checked
    expect(promotion.realSetsNotChecked(frozen)).toEqual([]);
    expect(promotion.realSetsNotChecked({ ...frozen, otherSets: undefined })).toEqual([
      { id: "cbp-rulings", label: "US customs rulings (real)" },
      { id: "marketplace-listings", label: "Marketplace listings (real)" },
    ]);
    expect(request.gates.find((g) => g.id === "other-real-sets")!.detail).toMatch(
      /; Marketplace listings \(real\): 6\.0% on 319 lines \(production 2\.2%; Δ 3\.8 points, 95% CI [\d.]+ to [\d.]+, McNemar p = [\d.e-]+\)$/,
    );
    expect(frozen.comparison!.a).toMatchObject({ name: "hs-baseline", sha256: request.baseline!.sha256 });
    expect(frozen.comparison!.b).toMatchObject({ name: "hs-standard", sha256: request.candidate.sha256 });
    expect(frozen.comparison!.report.mcnemar.pValue).toBeLessThan(0.001);
    expect(frozen.comparison!.report.perChapter.length).toBeGreaterThan(80);
    expect(frozen.gatesConfig.minHs6Top1).toBe(0.5);
    await expect(openRequest()).rejects.toMatchObject({
      status: 409,
      message: `request #${request.id} for hs-standard@1.0.0 is already open`,
    });
  });

  it("only an admin who did not request it may decide (four-eyes); rejecting needs a comment", async () => {
    const requestId = (await openRequest()).id;
    const decide = async (name: string, approve: boolean, comment?: string) =>
      promotion.decidePromotion(db(), requestId, { approve, comment }, await user(name), await actor(name));
    await expect(decide("analyst", true)).rejects.toThrow(/only an admin can approve or reject a promotion \(you are analyst\)/);
    await expect(decide("viewer", true)).rejects.toThrow(/only an admin/);
    await expect(decide("admin", false)).rejects.toThrow("a comment is required to reject a promotion");
    const ownRequest = (await openRequest("hs-hierarchical@1.0.0", "admin")).id;
    await expect(promotion.decidePromotion(db(), ownRequest, { approve: true }, await user("admin"), await actor("admin"))).rejects.toThrow(
      /four-eyes rule: you requested this promotion/,
    );
    expect((await promotion.getPromotionRequest(db(), requestId))!.status).toBe("open");
    expect((await productionOf())?.name).toBe("hs-baseline");
    expect(
      await promotion.decidePromotion(
        db(),
        requestId,
        { approve: false, comment: "not on these numbers" },
        await user("admin"),
        await actor("admin"),
      ),
    ).toMatchObject({
      status: "rejected",
      decidedBy: { username: "admin" },
    });
  });

  it("two approvals racing in two processes: one wins, the other gets a conflict and changes nothing", async () => {
    const requestId = (await openRequest()).id;
    const approvals = (await listAudit(db(), { action: "promotion.approve" })).length;
    const tokenOf = async (name: string) => (await createToken(db(), (await user(name)).id, "race", await actor(name))).token;
    const [one, two] = await Promise.all([
      cli(["promote", "approve", "--id", String(requestId), "--json"], { WORKBENCH_TOKEN: await tokenOf("admin") }),
      cli(["promote", "approve", "--id", String(requestId), "--json"], { WORKBENCH_TOKEN: await tokenOf("approver") }),
    ]);
    const outcomes = [one, two].map((r) => r.code).sort();
    expect(outcomes, `${one.err}\n${two.err}`).toEqual([0, 1]);
    const loser = one.code === 1 ? one : two;
    expect(loser.err).toMatch(new RegExp(`request #${requestId} was already approved by (admin|approver)`));
    const request = (await promotion.getPromotionRequest(db(), requestId))!;
    expect(request.status).toBe("approved");
    expect(await productionOf()).toMatchObject({ name: "hs-standard", version: "1.0.0" });
    expect(await productionCount()).toBe(1);
    expect((await listModelVersions(db())).find((v) => v.name === "hs-baseline")!.status).toBe("archived");
    expect(await listAudit(db(), { action: "promotion.approve" })).toHaveLength(approvals + 1);
  });

  it("from the CLI, a request is compared on US customs rulings unless another set is chosen, as on the page", async () => {
    const token = (await createToken(db(), (await user("analyst")).id, "cli", await actor("analyst"))).token;
    const wrong = await cli(["promote", "request", "--candidate", "hs-standard@1.0.0", "--set", "rulings"], { WORKBENCH_TOKEN: token });
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain("--set must be one of cbp-rulings, marketplace-listings, held-out");
    const asked = await cli(["promote", "request", "--candidate", "hs-standard@1.0.0", "--json"], { WORKBENCH_TOKEN: token });
    expect(asked.code, asked.err).toBe(0);
    expect(JSON.parse(asked.out)).toMatchObject({ evaluationSet: "cbp-rulings", requestedBy: { username: "analyst" } });
    // what an approver at a terminal reads before deciding: the gates and every verdict frozen with the request
    const shown = await cli(["promote", "show", "--id", String(JSON.parse(asked.out).id)]);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toMatch(/^#\d+: hs-baseline@1\.0\.0 → hs-standard@1\.0\.0 on cbp-rulings, open \(\d\/5 gates passed\)\n/);
    expect(shown.out).toMatch(
      /\nOn US customs rulings \(real\) \(frozen [\d-]+ [\d:]+ UTC\): No significant difference between A \(hs-baseline@1\.0\.0\) and B \(hs-standard@1\.0\.0\)/,
    );
    expect(shown.out).toMatch(/\nOn Marketplace listings \(real\): B \(hs-standard@1\.0\.0\) /);
    expect(shown.out).not.toContain("Not checked");
    expect((await cli(["promote", "show", "--id", "999"])).err).toBe("workbench promote show: no promotion request #999\n");
  });

  it("the database refuses a second production version", async () => {
    await expect(db().run("UPDATE model_versions SET status = 'production' WHERE name = 'hs-standard'")).rejects.toThrow(constraintFailed.unique);
    expect(await productionCount()).toBe(1);
  });

  it("rollback restores the previous production version (admin, with a reason); history answers point-in-time questions", async () => {
    const beforeApproval = nowIso();
    clock.advance(5);
    const requestId = await promoteStandard();
    await expect(promotion.rollbackProduction(db(), "bad numbers", await user("analyst"), await actor("analyst"))).rejects.toThrow(
      /only an admin can roll back/,
    );
    await expect(promotion.rollbackProduction(db(), "  ", await user("admin"), await actor("admin"))).rejects.toThrow(
      "a reason is required to roll back",
    );
    const afterApproval = nowIso();
    clock.advance(5);
    expect(await promotion.rollbackProduction(db(), "complaints from the Busan office", await user("approver"), await actor("approver"))).toEqual({
      from: "hs-standard@1.0.0",
      to: "hs-baseline@1.0.0",
    });
    expect(await productionOf()).toMatchObject({ name: "hs-baseline", version: "1.0.0" });
    expect(await productionCount()).toBe(1);
    const at = async (instant: string) => (await productionAt(db(), instant)).map((r) => `${r.name}@${r.version} (${r.reason})`);
    // before: the seeded version, put there by the seed, a demo reset or an earlier rollback
    expect(await at(beforeApproval)).toEqual([expect.stringMatching(/^hs-baseline@1\.0\.0 \((seed|rollback)\)$/)]);
    expect(await at(afterApproval)).toEqual(["hs-standard@1.0.0 (promotion)"]);
    expect(await at(nowIso())).toEqual(["hs-baseline@1.0.0 (rollback)"]);
    expect(await at("2000-01-01T00:00:00.000Z")).toEqual([]);
    const cliAt = await cli(["audit", "--at", afterApproval, "--json"]);
    expect(JSON.parse(cliAt.out).production).toMatchObject([{ name: "hs-standard", version: "1.0.0", reason: "promotion", requestId }]);
    expect((await cli(["audit", "--at", "yesterday"])).err).toMatch(/--at must be an ISO 8601 date/);
  });

  it("rollback undoes only an approved promotion: the version rolled back is a candidate again, a second rollback is refused", async () => {
    // production as seeded: nothing approved to undo
    await expect(promotion.rollbackProduction(db(), "no reason", await user("admin"), await actor("admin"))).rejects.toThrow(
      /cannot roll back hs-baseline@1\.0\.0: production came from a (seed|rollback), not an approved promotion/,
    );
    await promoteStandard();
    expect(await promotion.rollbackProduction(db(), "first rollback", await user("admin"), await actor("admin"))).toEqual({
      from: "hs-standard@1.0.0",
      to: "hs-baseline@1.0.0",
    });
    expect((await listModelVersions(db())).find((v) => v.name === "hs-standard")!.status).toBe("candidate");
    // rolling back twice would put hs-standard back without anyone's approval (found in the issue 14 review)
    await expect(promotion.rollbackProduction(db(), "again", await user("admin"), await actor("admin"))).rejects.toThrow(
      /production came from a rollback/,
    );
    expect(await productionOf()).toMatchObject({ name: "hs-baseline" });
    // it can be requested anew, and goes through four-eyes again
    expect((await openRequest()).status).toBe("open");
  });

  it("prepares a request in the background: refusals are immediate, the request appears when its evidence is ready", async () => {
    await expect(
      (async () =>
        jobs.startPromotionRequest(db(), { candidate: "hs-standard@1.0.0", set: "held-out" }, await user("viewer"), await actor("viewer"), models))(),
    ).rejects.toThrow(/analyst or admin role/);
    const job = await jobs.startPromotionRequest(
      db(),
      { candidate: "hs-hierarchical@1.0.0", set: "held-out" },
      await user("analyst"),
      await actor("analyst"),
      models,
    );
    expect(job).toMatchObject({ state: "computing", candidate: "hs-hierarchical@1.0.0", requestedBy: "analyst", requestId: null });
    const settled = await jobs.settledPromotionJob(job.id, 60_000);
    expect(settled).toMatchObject({ state: "done" });
    expect(await promotion.getPromotionRequest(db(), settled!.requestId!)).toMatchObject({ status: "open", modelName: "hs-hierarchical" });
    expect(jobs.recentPromotionJobs().map((j) => j.id)).toContain(job.id);
  });

  it("Reset demo exists only in demo mode", async () => {
    await expect(promotion.resetDemo(db(), await user("admin"), await actor("admin"), { demoMode: false })).rejects.toThrow(/only in demo mode/);
  });

  it("approving despite a failed gate is an override that needs a comment", async () => {
    const strict = gatesConfigSchema.parse({
      minHs6Top1: 0.99,
      chapterRegression: { minSupport: 30, maxLossPoints: 5 },
      significance: { alpha: 0.05 },
      verifyArtifacts: true,
    });
    const overrides = (await listAudit(db(), { action: "promotion.override" })).length;
    const request = await promotion.requestPromotion(
      db(),
      { candidate: "hs-standard@1.0.0", set: "held-out" },
      await user("admin"),
      await actor("admin"),
      {
        ...models,
        gates: strict,
      },
    );
    expect(request.gatesPassed).toBe(false);
    expect(request.gates.find((g) => g.id === "min-hs6-top1")!.passed).toBe(false);
    await expect(promotion.decidePromotion(db(), request.id, { approve: true }, await user("approver"), await actor("approver"))).rejects.toThrow(
      /gates failed .*needs a comment/,
    );
    const approved = await promotion.decidePromotion(
      db(),
      request.id,
      { approve: true, comment: "emergency: the old model mislabels chapter 61" },
      await user("approver"),
      await actor("approver"),
    );
    expect(approved).toMatchObject({ status: "approved", gateOverride: true, decidedBy: { username: "approver" } });
    expect(await listAudit(db(), { action: "promotion.override" })).toHaveLength(overrides + 1);
  });

  it("writes every step to the append-only audit log", async () => {
    await promoteStandard();
    await promotion.rollbackProduction(db(), "audit test", await user("admin"), await actor("admin"));
    const actions = new Set((await listAudit(db(), {})).map((e) => e.action));
    for (const action of ["model.register", "promotion.request", "promotion.approve", "promotion.rollback", "demo.reset"])
      expect(actions).toContain(action);
    const rollback = (await listAudit(db(), { action: "promotion.rollback" }))[0]!;
    await expect(db().run("UPDATE audit_log SET actor = 'someone else' WHERE id = ?", [rollback.id])).rejects.toThrow(/append-only/);
    await expect(db().run("DELETE FROM production_history")).rejects.toThrow(/cannot be deleted/);
  });

  it("announces promotions and rollbacks on the signed webhook, retrying failures without blocking", async () => {
    const dueNow = () => db().run("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE status = 'pending'", [new Date(0).toISOString()]);
    // earlier tests' deliveries out of the way, so this test counts only its own
    await dueNow();
    await deliverDueWebhooks(db());
    received.length = 0;
    failures = 1;
    const requestId = await promoteStandard();
    await promotion.rollbackProduction(db(), "webhook test", await user("admin"), await actor("admin"));
    // the first attempt fails (HTTP 500) and waits for a backoff; make it due now
    await deliverDueWebhooks(db());
    await dueNow();
    await deliverDueWebhooks(db());
    expect((await listWebhookDeliveries(db())).every((d) => d.status === "delivered")).toBe(true);
    expect((await listWebhookDeliveries(db())).find((d) => d.event === "promotion.approved")).toMatchObject({ attempts: 2 });
    expect(received.map((r) => r.event)).toEqual(["promotion.approved", "production.rolled-back", "promotion.approved"]);
    for (const r of received) expect(r.signature).toBe(`sha256=${createHmac("sha256", SECRET).update(r.body).digest("hex")}`);
    expect(JSON.parse(received.at(-1)!.body)).toMatchObject({ from: "hs-baseline@1.0.0", to: "hs-standard@1.0.0", requestId });
  });

  it("sends a due delivery from one instance only: of two claims at once, one wins", async () => {
    const id = (await enqueueWebhook(db(), "test.event", { n: 1 }))!;
    const row = (await db().get<{ id: number; next_attempt_at: string }>("SELECT id, next_attempt_at FROM webhook_deliveries WHERE id = ?", [id]))!;
    const claims = await Promise.all([claimDelivery(db(), row), claimDelivery(db(), row)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    // the winner's lease keeps it from being due for the others until the send has timed out
    expect(await claimDelivery(db(), row)).toBe(false);
  });
});
