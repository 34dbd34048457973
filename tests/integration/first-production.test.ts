// An install without the demo (WORKBENCH_SEED_DEMO=false) starts with nothing in production. Its first version goes in
// as any other: a request with frozen evidence — the candidate's own figures, there being nothing to compare with —
// approved by another admin, audited; there is nothing earlier to roll back to. Requests refused before this.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "workbench-first-production-"));
Object.assign(process.env, { WORKBENCH_DATA_DIR: join(dir, "data"), WORKBENCH_SEED_DEMO: "false" });
const { getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { createUser } = await import("../../workbench/store/users");
const { SYSTEM_ACTOR, listAudit } = await import("../../workbench/store/audit");
const { registerModelVersion } = await import("../../workbench/registry/model-registry");
const { readVerifiedFiles } = await import("../../workbench/registry/artifact-files");
const { productionVersion, rollbackTarget } = await import("../../workbench/registry/production-state");
const { classifierOf } = await import("../../models/hs-classifier/registered-classifier");
const promotion = await import("../../workbench/registry/promotion");
const { runCli } = await import("./cli-harness");
const { createToken } = await import("../../workbench/store/tokens");
const promotionsApi = await import("../../app/routes/api.promotions");
const promotionApi = await import("../../app/routes/api.promotions.$id");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const db = () => getDb();
const password = "first-production-2026";
const actorOf = (u: { id: number; username: string }) => ({ id: u.id, username: u.username, client: "test" });

async function registerShipped(name: string, version: string) {
  const artifactDir = `models/artifacts/${name}/${version}`;
  const { manifest, files } = readVerifiedFiles(artifactDir);
  await registerModelVersion(
    db(),
    { name, version, status: "candidate", artifactDir, sha256: manifest.sha256, card: JSON.parse(files["card.json"]!.toString("utf8")) },
    SYSTEM_ACTOR,
  );
}

describe("the first version in production", () => {
  it("is requested with the candidate's own figures, approved by another admin; nothing earlier to roll back to", async () => {
    const ada = await createUser(db(), { username: "ada", role: "admin", password }, SYSTEM_ACTOR, { breakGlass: true });
    const bo = await createUser(db(), { username: "bo", role: "admin", password }, SYSTEM_ACTOR, { breakGlass: true });
    const ana = await createUser(db(), { username: "ana", role: "analyst", password }, SYSTEM_ACTOR);
    await registerShipped("hs-standard", "1.0.0");
    await registerShipped("hs-retrieval", "1.15.0");
    expect(await productionVersion(db())).toBeUndefined();

    const request = await promotion.requestPromotion(db(), { candidate: "hs-retrieval@1.15.0", set: "cbp-rulings" }, ada, actorOf(ada), {
      predictorOf: classifierOf,
    });
    expect(request).toMatchObject({ baseline: null, evaluationSet: "cbp-rulings", status: "open", gatesPassed: true });
    // only the gates that need no comparison: its own minimum on the set and on the other real set, its files
    expect(request.gates.map((g) => [g.id, g.passed])).toEqual([
      ["min-hs6-top1", true],
      ["other-real-sets", true],
      ["artifacts", true],
    ]);
    expect(request.gates[0]!.detail).toMatch(/^22\.6% on 199 lines \(production: none yet\)$/);
    expect(request.gates[1]!.detail).toBe("Marketplace listings (real): 31.3% on 319 lines (production: none yet)");
    const frozen = (await promotion.frozenReportOf(db(), request.id))!;
    expect(frozen.comparison).toBeUndefined();
    expect(frozen.evaluation).toMatchObject({
      version: { name: "hs-retrieval", version: "1.15.0", sha256: request.candidate.sha256 },
      set: { id: "cbp-rulings", lines: 199 },
    });
    expect(frozen.evaluation!.scores.metrics.accuracy.hs6.top1).toBeCloseTo(45 / 199, 6);

    // the JSON API reads what the page shows: the open requests, and one as an approver reads it
    const bearer = { Authorization: `Bearer ${(await createToken(db(), ana.id, "api", SYSTEM_ACTOR)).token}` };
    const get = async (route: { loader: (args: never) => unknown }, path: string, params = {}) =>
      (await route.loader({ request: new Request(`http://localhost${path}`, { headers: bearer }), params, context: {} } as never)) as Response;
    const listed = await (await get(promotionsApi, "/api/promotions?status=open")).json();
    expect(listed.requests.map((r: { id: number }) => r.id)).toEqual([request.id]);
    expect(await (await get(promotionsApi, "/api/promotions?state=open")).json()).toEqual({
      error: 'unknown parameter "state"; the only parameter is status',
    });
    const shown = await get(promotionApi, `/api/promotions/${request.id}`, { id: String(request.id) });
    expect(await shown.json()).toMatchObject({
      request: { id: request.id, status: "open", gatesPassed: true },
      evidence: { set: { id: "cbp-rulings" }, verdict: expect.stringMatching(/^the candidate alone: HS6 top-1 22\.6% \(45 of 199; /) },
      otherSets: [{ set: { id: "marketplace-listings" }, verdict: expect.stringMatching(/^the candidate alone: HS6 top-1 31\.3% \(100 of 319; /) }],
      notChecked: [],
    });
    const missing = await get(promotionApi, "/api/promotions/99", { id: "99" });
    expect([missing.status, await missing.json()]).toEqual([404, { error: "no promotion request #99" }]);

    // four-eyes as for any promotion: never the requester's own decision
    await expect(promotion.decidePromotion(db(), request.id, { approve: true }, ada, actorOf(ada))).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("four-eyes rule"),
    });
    const approved = await promotion.decidePromotion(db(), request.id, { approve: true }, bo, actorOf(bo));
    expect(approved.status).toBe("approved");
    expect(await productionVersion(db())).toMatchObject({ name: "hs-retrieval", version: "1.15.0" });
    const [audited] = await listAudit(db(), { action: "promotion.approve" });
    expect(audited).toMatchObject({ actor: "bo", before: { status: "open", production: null }, after: { production: "hs-retrieval@1.15.0" } });
    const [requested] = await listAudit(db(), { action: "promotion.request" });
    expect(requested!.after).toMatchObject({ production: null, productionSha256: null, hs6Top1: 45 / 199 });
    expect(await rollbackTarget(db())).toEqual({
      ok: false,
      reason: "production's first version replaced none: there is no earlier version to put back",
    });
    expect((await runCli("promote", "list")).out).toMatch(/^1 +none \(first production\) +hs-retrieval@1\.15\.0 /m);

    // the next request compares with it, as always
    const next = await promotion.requestPromotion(db(), { candidate: "hs-standard@1.0.0", set: "cbp-rulings" }, ana, actorOf(ana), {
      predictorOf: classifierOf,
    });
    expect(next.baseline).toMatchObject({ name: "hs-retrieval", version: "1.15.0" });
    expect(next.gates.map((g) => g.id)).toEqual(["min-hs6-top1", "chapter-regression", "significance", "other-real-sets", "artifacts"]);
    expect((await promotion.frozenReportOf(db(), next.id))!.comparison!.a).toMatchObject({ name: "hs-retrieval", version: "1.15.0" });
  });
});
