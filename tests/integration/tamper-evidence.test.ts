// Security suite (issue 14): with file access, production history, requesters and comments could be edited and a
// backdated audit row inserted unnoticed. The database refuses the edits; the audit chain shows the insertion.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "workbench-tamper-"));
Object.assign(process.env, { WORKBENCH_DATA_DIR: join(dir, "data"), WORKBENCH_DEMO_PASSWORD: "tamper-test-pass-2026" });
const { getEnv } = await import("../../workbench/config/env");
const { getStore, getDb } = await import("../../app/store/context.server");
const { seedDemo } = await import("../../workbench/store/boot");
const { findUserByUsername } = await import("../../workbench/store/users");
const { verifyAuditChain, listAudit } = await import("../../workbench/store/audit");
const promotion = await import("../../workbench/registry/promotion");
const { classifierOf } = await import("../../models/hs-classifier/registered-classifier");
const { runCli } = await import("./cli-harness");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const db = () => getDb();
const user = (name: string) => findUserByUsername(db(), name)!;
const actor = (name: string) => ({ id: user(name).id, username: name });
let requestId = 0;

beforeAll(async () => {
  await seedDemo(getStore(), getEnv());
  const request = await promotion.requestPromotion(db(), { candidate: "hs-standard@1.0.0", set: "held-out" }, user("analyst"), actor("analyst"), {
    predictorOf: classifierOf,
  });
  requestId = request.id;
  promotion.decidePromotion(db(), request.id, { approve: true, comment: "good numbers" }, user("approver"), actor("approver"));
});

describe("tamper evidence", () => {
  it("refuses edits of the production history and of decided requests, and their deletion", () => {
    expect(() => db().prepare("UPDATE production_history SET started_by = 'someone else'").run()).toThrow(/production history is append-only/);
    expect(() => db().prepare("UPDATE production_history SET ended_at = '2000-01-01' WHERE ended_at IS NOT NULL").run()).toThrow(/append-only/);
    expect(() => db().prepare("UPDATE promotion_requests SET requested_by = ? WHERE id = ?").run(user("admin").id, requestId)).toThrow(
      /promotion requests are append-only/,
    );
    expect(() => db().prepare("UPDATE promotion_requests SET decision_comment = 'nothing to see' WHERE id = ?").run(requestId)).toThrow(
      /append-only/,
    );
    expect(() => db().prepare("DELETE FROM promotion_requests WHERE id = ?").run(requestId)).toThrow(/cannot be deleted/);
  });

  it("chains every audit entry: intact, then a backdated insertion and a changed entry are found at their link", async () => {
    expect(verifyAuditChain(db())).toMatchObject({ ok: true });
    expect((await runCli("audit", "verify")).out).toMatch(/^Audit log intact: \d+ entries/);
    const first = listAudit(db(), {}).at(-1)!;
    db()
      .prepare(
        "INSERT INTO audit_log (at, actor, action, prev_hash, hash) VALUES ('2020-01-01T00:00:00.000Z', 'admin', 'promotion.approve', 'x', 'y')",
      )
      .run();
    const inserted = Number(db().prepare("SELECT max(id) FROM audit_log").pluck().get());
    expect(verifyAuditChain(db())).toMatchObject({ ok: false, brokenAt: inserted, problem: expect.stringMatching(/removed or inserted/) });
    const cli = await runCli("audit", "verify");
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`broken at entry #${inserted}`);
    // changing an entry needs the append-only trigger lifted (file access): the chain still shows it
    db().exec("DROP TRIGGER audit_log_no_update");
    db().prepare("UPDATE audit_log SET actor = 'someone else' WHERE id = ?").run(first.id);
    expect(verifyAuditChain(db())).toMatchObject({ ok: false, brokenAt: first.id, problem: expect.stringMatching(/content does not match/) });
  });
});
