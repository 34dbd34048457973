// The registry never loses a committed promotion: a process changing production in a loop (promotion, rollback, …) is killed with SIGKILL at
// an arbitrary moment; every change it reported as committed is there, the database is intact, one version is in
// production and the history agrees with it.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "workbench-kill-"));
Object.assign(process.env, { WORKBENCH_DATA_DIR: dir, WORKBENCH_DEMO_PASSWORD: "kill-test-password-2026" });
const { getEnv } = await import("../../workbench/config/env");
const { getStore, getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { seedDemo } = await import("../../workbench/store/boot");
const { openDatabase, databaseFile, sqliteConnection } = await import("../../workbench/store/db");
const { connectPostgres } = await import("../../workbench/store/postgres");
const { findUserByUsername } = await import("../../workbench/store/users");
const { decidePromotion } = await import("../../workbench/registry/promotion");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("kill during write", () => {
  it("keeps every committed production change after SIGKILL", async () => {
    await seedDemo(getStore(), getEnv());
    const db = getDb();
    // One approved promotion first, so there is a previous version to swap back to (evidence is not the point here).
    const analyst = (await findUserByUsername(db, "analyst"))!;
    const admin = (await findUserByUsername(db, "admin"))!;
    const idOf = async (n: string) => (await db.value<number>("SELECT id FROM model_versions WHERE name = ?", [n]))!;
    const [baseline, candidate] = [await idOf("hs-baseline"), await idOf("hs-standard")];
    const id = (await db.value<number>(
      `INSERT INTO promotion_requests (model_name, candidate_version_id, baseline_version_id, evaluation_set, report_json, gates_json, status, requested_by, requested_at)
       VALUES ('hs-standard', ?, ?, 'held-out', '{}', '[]', 'open', ?, ?) RETURNING id`,
      [candidate, baseline, analyst.id, new Date().toISOString()],
    ))!;
    await decidePromotion(db, id, { approve: true }, admin, { id: admin.id, username: "admin" });

    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/helpers/rollback-writer.ts"], { env: process.env });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    let stderr = "";
    child.stderr.on("data", (c) => (stderr += c));
    // kill once it has committed a good number of changes, mid-stream
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if ((out.match(/committed/g) ?? []).length >= 40) {
          clearInterval(timer);
          child.kill("SIGKILL");
          resolve();
        }
      }, 5);
      child.on("exit", (code) => code !== null && reject(new Error(`writer exited by itself (${code}): ${stderr}`)));
    });
    await new Promise((r) => child.on("close", r));

    const reported = out.split("\n").filter((l) => /^committed \d+ /.test(l));
    const last = reported.at(-1)!.split(" ");
    // a new connection, as after a restart (PostgreSQL: the server ended the killed client's open transaction)
    const url = process.env.WORKBENCH_DATABASE_URL;
    const fresh = url ? await connectPostgres(url) : await openDatabase(databaseFile(dir));
    if (!url) expect(sqliteConnection(fresh).pragma("integrity_check", { simple: true })).toBe("ok");
    // every production change is one history row; before the writer: the seed and the first promotion
    const changes = (await fresh.value<number>("SELECT count(*) AS n FROM production_history"))! - 2;
    // the writer prints after each commit: the database holds every reported change, and at most one more
    expect(changes === reported.length || changes === reported.length + 1).toBe(true);
    const production = await fresh.all<{ ref: string; id: number }>(
      "SELECT name || '@' || version AS ref, id FROM model_versions WHERE status = 'production'",
    );
    expect(production).toHaveLength(1);
    if (changes === reported.length) expect(production[0]!.ref).toBe(last[2]);
    const open = await fresh.all<{ id: number }>("SELECT model_version_id AS id FROM production_history WHERE ended_at IS NULL");
    expect(open).toEqual([{ id: production[0]!.id }]);
    await fresh.close();
  });
});
