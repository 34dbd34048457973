// Security suite (issue 14): with file access, production history, requesters and comments could be edited and a
// backdated audit row inserted unnoticed. The database refuses the edits; the audit chain shows the insertion.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "workbench-tamper-"));
Object.assign(process.env, { WORKBENCH_DATA_DIR: join(dir, "data"), WORKBENCH_DEMO_PASSWORD: "tamper-test-pass-2026" });
const { getEnv } = await import("../../workbench/config/env");
const { getStore, getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { seedDemo } = await import("../../workbench/store/boot");
const { findUserByUsername } = await import("../../workbench/store/users");
const { verifyAuditChain, listAudit } = await import("../../workbench/store/audit");
const promotion = await import("../../workbench/registry/promotion");
const { classifierOf } = await import("../../models/hs-classifier/registered-classifier");
const { runCli } = await import("./cli-harness");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const db = () => getDb();
const user = async (name: string) => (await findUserByUsername(db(), name))!;
const actor = async (name: string) => ({ id: (await user(name)).id, username: name });
let requestId = 0;

beforeAll(async () => {
  await seedDemo(getStore(), getEnv());
  const request = await promotion.requestPromotion(
    db(),
    { candidate: "hs-standard@1.0.0", set: "held-out" },
    await user("analyst"),
    await actor("analyst"),
    {
      predictorOf: classifierOf,
    },
  );
  requestId = request.id;
  await promotion.decidePromotion(db(), request.id, { approve: true, comment: "good numbers" }, await user("approver"), await actor("approver"));
});

describe("tamper evidence", () => {
  it("refuses edits of the production history and of decided requests, and their deletion", async () => {
    await expect(db().run("UPDATE production_history SET started_by = 'someone else'")).rejects.toThrow(/production history is append-only/);
    await expect(db().run("UPDATE production_history SET ended_at = '2000-01-01' WHERE ended_at IS NOT NULL")).rejects.toThrow(/append-only/);
    await expect(db().run("UPDATE promotion_requests SET requested_by = ? WHERE id = ?", [(await user("admin")).id, requestId])).rejects.toThrow(
      /promotion requests are append-only/,
    );
    await expect(db().run("UPDATE promotion_requests SET decision_comment = 'nothing to see' WHERE id = ?", [requestId])).rejects.toThrow(
      /append-only/,
    );
    await expect(db().run("DELETE FROM promotion_requests WHERE id = ?", [requestId])).rejects.toThrow(/cannot be deleted/);
  });

  it("chains every audit entry: intact, then a backdated insertion and a changed entry are found at their link", async () => {
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
    expect((await runCli("audit", "verify")).out).toMatch(/^Audit log intact: \d+ entries/);
    const first = (await listAudit(db(), {})).at(-1)!;
    await db().run(
      "INSERT INTO audit_log (at, actor, action, prev_hash, hash) VALUES ('2020-01-01T00:00:00.000Z', 'admin', 'promotion.approve', 'x', 'y')",
    );
    const inserted = Number(await db().value("SELECT max(id) FROM audit_log"));
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, brokenAt: inserted, problem: expect.stringMatching(/removed or inserted/) });
    const cli = await runCli("audit", "verify");
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`broken at entry #${inserted}`);
    // changing an entry needs the append-only trigger lifted (file access): the chain still shows it
    await db().exec(db().dialect === "postgres" ? "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update" : "DROP TRIGGER audit_log_no_update");
    await db().run("UPDATE audit_log SET actor = 'someone else' WHERE id = ?", [first.id]);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, brokenAt: first.id, problem: expect.stringMatching(/content does not match/) });
  });
});
