// Security suite (issue 14): one person must not satisfy four-eyes. Replays of the attacks that worked: an admin
// requests a promotion, makes a second admin on the Users page and approves with it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { constraintFailed } from "../support/test-database";

const dir = mkdtempSync(join(tmpdir(), "workbench-four-eyes-"));
Object.assign(process.env, { WORKBENCH_DATA_DIR: join(dir, "data"), WORKBENCH_DEMO_PASSWORD: "four-eyes-pass-2026" });
const { getEnv } = await import("../../workbench/config/env");
const { getStore, getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { seedDemo } = await import("../../workbench/store/boot");
const { createUser, findUserByUsername } = await import("../../workbench/store/users");
const { SYSTEM_ACTOR, listAudit } = await import("../../workbench/store/audit");
const { decideAdminGrant, listAdminGrants, requestAdminGrant } = await import("../../workbench/store/admin-grants");
const { createToken, tokenCredential } = await import("../../workbench/store/tokens");
const promotion = await import("../../workbench/registry/promotion");
const { classifierOf } = await import("../../models/hs-classifier/registered-classifier");
const { offsetClock, setClock } = await import("../../workbench/clock");
const { createSession } = await import("../../workbench/store/sessions");
const { commitSession, getSession } = await import("../../app/auth/session.server");
const usersRoute = await import("../../app/routes/admin.users");

const clock = offsetClock();
const restoreClock = setClock(clock);
afterAll(async () => {
  restoreClock();
  rmSync(dir, { recursive: true, force: true });
});
beforeAll(async () => {
  await seedDemo(getStore(), getEnv());
});

const db = () => getDb();
const user = async (name: string) => (await findUserByUsername(db(), name))!;
const actor = async (name: string) => ({ id: (await user(name)).id, username: name, client: "test" });
const models = { predictorOf: classifierOf };
let counter = 0;
const requestAs = async (name: string) =>
  await promotion.requestPromotion(db(), { candidate: "hs-standard@1.0.0", set: "held-out" }, await user(name), await actor(name), models);

beforeEach(async () => {
  await promotion.resetDemo(db(), await user("admin"), await actor("admin"), { demoMode: true });
  clock.advance(1000);
});

/** A form post to the Users page as `name`, with a real session cookie and CSRF token. */
async function usersPage(name: string, fields: Record<string, string>) {
  const session = await getSession(new Request("http://localhost/"));
  session.set("sid", await createSession(db(), (await user(name)).id, "test"));
  session.set("csrf", "csrf-token");
  const cookie = (await commitSession(session)).split(";")[0]!;
  const request = new Request("http://localhost/admin/users", {
    method: "POST",
    body: new URLSearchParams({ ...fields, csrf: "csrf-token" }),
    headers: { Cookie: cookie },
  });
  const response = (await usersRoute.action({ request, params: {}, context: { clientAddress: "127.0.0.1" } })) as Response;
  return { status: response.status, body: (await response.json()) as { ok: boolean; message: string } };
}

describe("separation of duties", () => {
  it("an admin who creates a second admin on the Users page cannot use it: the role waits for another admin", async () => {
    const request = await requestAs("admin");
    const name = `sock-puppet-${++counter}`;
    const created = await usersPage("admin", { intent: "create", username: name, role: "admin", password: "a-long-enough-password" });
    expect(created.body).toEqual({ ok: true, message: `Created ${name} (viewer). The admin role waits for a second admin's confirmation.` });
    expect((await user(name)).role).toBe("viewer");
    // the same admin cannot confirm it, nor can the account itself
    const grant = (await listAdminGrants(db(), { status: "pending" })).find((g) => g.user.username === name)!;
    expect((await usersPage("admin", { intent: "confirm-grant", grantId: String(grant.id) })).body.message).toMatch(/two admins are needed/);
    await expect(decideAdminGrant(db(), grant.id, true, await user(name), await actor(name))).rejects.toThrow(/only an admin/);
    // the account cannot approve the request
    await expect(promotion.decidePromotion(db(), request.id, { approve: true }, await user(name), await actor(name))).rejects.toThrow(
      /only an admin/,
    );
    expect((await user(name)).role).toBe("viewer");
  });

  it("an admin confirmed after the request was made does not count as a second pair of eyes", async () => {
    const request = await requestAs("admin");
    clock.advance(1000);
    const late = await createUser(db(), { username: `late-admin-${++counter}`, role: "viewer", password: "a-long-enough-password" }, SYSTEM_ACTOR);
    const grant = await requestAdminGrant(db(), late.id, await user("approver"), await actor("approver"));
    // a third admin confirms: a real grant, but after the request
    const third = await createUser(db(), { username: `third-${counter}`, role: "admin", password: "a-long-enough-password" }, SYSTEM_ACTOR, {
      breakGlass: true,
    });
    await decideAdminGrant(db(), grant.id, true, third, { id: third.id, username: third.username });
    expect((await findUserByUsername(db(), late.username))!.role).toBe("admin");
    await expect(
      (async () =>
        promotion.decidePromotion(
          db(),
          request.id,
          { approve: true },
          (await findUserByUsername(db(), late.username))!,
          await actor(late.username),
        ))(),
    ).rejects.toThrow(/four-eyes rule: you hold the admin role since .* after this request was made/);
    // an admin from before the request may approve
    expect((await promotion.decidePromotion(db(), request.id, { approve: true }, await user("approver"), await actor("approver"))).status).toBe(
      "approved",
    );
  });

  it("an admin whose role the requester asked for or confirmed cannot approve the requester's promotion", async () => {
    const name = `protege-${++counter}`;
    const protege = await createUser(db(), { username: name, role: "viewer", password: "a-long-enough-password" }, SYSTEM_ACTOR);
    const grant = await requestAdminGrant(db(), protege.id, await user("admin"), await actor("admin"));
    await decideAdminGrant(db(), grant.id, true, await user("approver"), await actor("approver"));
    clock.advance(1000);
    const request = await requestAs("admin");
    await expect(promotion.decidePromotion(db(), request.id, { approve: true }, await user(name), await actor(name))).rejects.toThrow(
      /the requester took part in giving you the admin role/,
    );
    expect((await listAudit(db(), { action: "user.admin-grant-confirm" })).some((e) => JSON.stringify(e.after).includes(name))).toBe(true);
  });

  it("the request records which credential decided it: a session, or an API token with who created it", async () => {
    const request = await requestAs("analyst");
    const { token } = await createToken(db(), (await user("approver")).id, "break-glass", { id: null, username: "cli:root", client: "cli" });
    const found = (await tokenCredential(db(), token))!;
    const decided = await promotion.decidePromotion(db(), request.id, { approve: true }, found.user, {
      ...(await actor("approver")),
      credential: found.credential,
    });
    expect(decided.decidedVia).toMatch(/^API token #\d+ 'break-glass', created by cli:root at \d{4}-/);
  });

  it("the database refuses a grant decided by its requester or its subject", async () => {
    const insert = (userId: number, requestedBy: number, decidedBy: number) =>
      db().run(
        "INSERT INTO role_grants (user_id, role, requested_by, requested_at, status, decided_by, decided_at) VALUES (?, 'admin', ?, '2026-01-01', 'confirmed', ?, '2026-01-01')",
        [userId, requestedBy, decidedBy],
      );
    const [viewer, admin] = [(await user("viewer")).id, (await user("admin")).id];
    await expect(insert(viewer, admin, admin)).rejects.toThrow(constraintFailed.check);
    await expect(insert(viewer, admin, viewer)).rejects.toThrow(constraintFailed.check);
  });
});
