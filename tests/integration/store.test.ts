import { describe, expect, it } from "vitest";
import { audit, listAudit, SYSTEM_ACTOR } from "../../workbench/store/audit";
import { migrate, type Db } from "../../workbench/store/db";
import { freshDatabase } from "../support/test-database";
import { beginLoginAttempt, LIMITS, markLoginSucceeded } from "../../workbench/store/login-throttle";
import { createToken, revokeToken, userForToken } from "../../workbench/store/tokens";
import { createUser, setDisabled, setRole, UserError, verifyLogin } from "../../workbench/store/users";

const fresh = freshDatabase;
const pw = "correct-horse-battery";

describe("migrations", () => {
  it("are idempotent", async () => {
    const db = await fresh();
    expect((await migrate(db)).applied).toEqual([]);
  });
});

describe("audit log is append-only", () => {
  it("refuses UPDATE and DELETE at the database level", async () => {
    const db = await fresh();
    await audit(db, { actor: SYSTEM_ACTOR, action: "user.create", targetType: "user", targetId: 1, after: { username: "x" } });
    await expect(db.run("UPDATE audit_log SET actor = 'mallory'")).rejects.toThrow(/append-only: entries cannot be changed/);
    await expect(db.run("DELETE FROM audit_log")).rejects.toThrow(/append-only: entries cannot be deleted/);
    await expect(db.exec("DELETE FROM audit_log WHERE id = 1")).rejects.toThrow(/append-only/);
    expect(await listAudit(db)).toHaveLength(1);
    expect((await listAudit(db))[0]).toMatchObject({ actor: "system", action: "user.create", after: { username: "x" } });
  });
});

describe("users", () => {
  it("creates users with hashed passwords and audits it", async () => {
    const db = await fresh();
    const u = await createUser(db, { username: "ana", role: "analyst", password: pw }, SYSTEM_ACTOR);
    const stored = (await db.value("SELECT password_hash FROM users WHERE id = ?", [u.id])) as string;
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain(pw);
    expect(await verifyLogin(db, "ana", pw)).toMatchObject({ username: "ana" });
    expect(await verifyLogin(db, "ANA", pw)).toMatchObject({ username: "ana" });
    expect(await verifyLogin(db, "ana", "wrong-password!!")).toBeUndefined();
    expect(await verifyLogin(db, "nobody", pw)).toBeUndefined();
    expect((await listAudit(db)).map((e) => e.action)).toEqual(["user.create"]);
    expect(JSON.stringify(await listAudit(db))).not.toContain("scrypt");
  });

  it("rejects duplicates, bad roles and short passwords with a reason, writing nothing", async () => {
    const db = await fresh();
    await createUser(db, { username: "ana", role: "analyst", password: pw }, SYSTEM_ACTOR);
    await expect(createUser(db, { username: "Ana", role: "viewer", password: pw }, SYSTEM_ACTOR)).rejects.toThrow(/already exists/);
    await expect(createUser(db, { username: "bo", role: "viewer", password: "short" }, SYSTEM_ACTOR)).rejects.toThrow(UserError);
    await expect(createUser(db, { username: "bo", role: "boss" as never, password: pw }, SYSTEM_ACTOR)).rejects.toThrow(/role must be one of/);
    expect(await db.value("SELECT COUNT(*) FROM users")).toBe(1);
    expect(await listAudit(db)).toHaveLength(1);
  });

  it("audits role changes with before/after and keeps at least one admin", async () => {
    const db = await fresh();
    const admin = await createUser(db, { username: "root", role: "admin", password: pw }, SYSTEM_ACTOR, { breakGlass: true });
    const v = await createUser(db, { username: "vic", role: "viewer", password: pw }, SYSTEM_ACTOR);
    await setRole(db, v.id, "analyst", { id: admin.id, username: "root" });
    const entry = (await listAudit(db, { action: "user.role-change" }))[0]!;
    expect(entry).toMatchObject({ actor: "root", before: { role: "viewer" }, after: { role: "analyst" } });
    await expect(setRole(db, admin.id, "viewer", SYSTEM_ACTOR)).rejects.toThrow(/last active admin/);
    await expect(setDisabled(db, admin.id, true, SYSTEM_ACTOR)).rejects.toThrow(/last active admin/);
    await expect(setDisabled(db, v.id, true, { id: v.id, username: "vic" })).rejects.toThrow(/your own account/);
    await setDisabled(db, v.id, true, { id: admin.id, username: "root" });
    expect(await verifyLogin(db, "vic", pw)).toBeUndefined();
  });
});

describe("API tokens", () => {
  it("stores only a hash, authenticates, and stops after revoke", async () => {
    const db = await fresh();
    const u = await createUser(db, { username: "ana", role: "analyst", password: pw }, SYSTEM_ACTOR);
    const { token, info } = await createToken(db, u.id, "ci", SYSTEM_ACTOR);
    expect(token).toMatch(/^hsw_/);
    expect(JSON.stringify(await db.all("SELECT * FROM api_tokens"))).not.toContain(token);
    expect((await userForToken(db, token))?.username).toBe("ana");
    expect(await userForToken(db, token + "x")).toBeUndefined();
    await revokeToken(db, info.id, SYSTEM_ACTOR);
    expect(await userForToken(db, token)).toBeUndefined();
    // twice, or an id that never was: said in words (a UserError, printed by the CLI in one line), nothing audited
    await expect(revokeToken(db, info.id, SYSTEM_ACTOR)).rejects.toMatchObject({
      name: "UserError",
      message: expect.stringMatching(/^no active token with id \d+/),
    });
    expect((await listAudit(db)).map((e) => e.action)).toEqual(["token.revoke", "token.create", "user.create"]);
  });

  it("expires", async () => {
    const db = await fresh();
    const u = await createUser(db, { username: "ana", role: "analyst", password: pw }, SYSTEM_ACTOR);
    const { token, info } = await createToken(db, u.id, "short", SYSTEM_ACTOR, 1);
    await db.run("UPDATE api_tokens SET expires_at = ? WHERE id = ?", ["2000-01-01T00:00:00.000Z", info.id]);
    expect(await userForToken(db, token)).toBeUndefined();
  });
});

describe("login throttle", () => {
  const t0 = 1_000_000_000_000;
  const fail = async (db: Db, username: string, client: string, at: number) => {
    const start = await beginLoginAttempt(db, username, client, at);
    return start.blocked ? start : { blocked: false as const };
  };

  it("blocks after repeated failures for one username and client, and resets on success", async () => {
    const db = await fresh();
    for (let i = 0; i < LIMITS.pair; i++) expect((await fail(db, "ana", "1.2.3.4", t0 + i)).blocked).toBe(false);
    const state = await beginLoginAttempt(db, "ana", "1.2.3.4", t0 + 30);
    expect(state).toMatchObject({ blocked: true, limit: "account-client" });
    expect(state.blocked && state.retryAfterSeconds).toBeGreaterThan(800);
    expect((await beginLoginAttempt(db, "ana", "5.6.7.8", t0 + 30)).blocked).toBe(false);
    expect((await beginLoginAttempt(db, "ana", "1.2.3.4", t0 + LIMITS.windowMs + 100)).blocked).toBe(false);
  });

  it("blocks a client spraying many usernames", async () => {
    const db = await fresh();
    for (let i = 0; i < LIMITS.client; i++) await fail(db, `user${i}`, "9.9.9.9", t0 + i);
    expect(await beginLoginAttempt(db, "someone-new", "9.9.9.9", t0 + 100)).toMatchObject({ blocked: true, limit: "client" });
  });

  it("limits one account across clients with a backoff, but not from a client it signed in from before", async () => {
    const db = await fresh();
    const ok = await beginLoginAttempt(db, "ana", "10.0.0.1", t0);
    if (!ok.blocked) await markLoginSucceeded(db, ok.attemptId);
    // 40 guesses from 10 addresses: the account limit stops them after 10
    let checked = 0;
    for (let i = 0; i < 40; i++) if (!(await fail(db, "ana", `192.0.2.${i % 10}`, t0 + 1000 + i)).blocked) checked++;
    expect(checked).toBe(LIMITS.account);
    expect(await beginLoginAttempt(db, "ana", "192.0.2.99", t0 + 2000)).toMatchObject({ blocked: true, limit: "account" });
    // the backoff is short at first: 30 s after the last failure the next guess may try
    expect((await beginLoginAttempt(db, "ana", "192.0.2.99", t0 + 1039 + LIMITS.backoffStartMs + 1)).blocked).toBe(false);
    // the owner's usual client is not locked out by the attacker's failures
    expect((await beginLoginAttempt(db, "ana", "10.0.0.1", t0 + 2000)).blocked).toBe(false);
  });
});
