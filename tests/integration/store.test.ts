import { describe, expect, it } from "vitest";
import { audit, listAudit, SYSTEM_ACTOR } from "../../workbench/store/audit";
import { migrate, openDatabase } from "../../workbench/store/db";
import { beginLoginAttempt, LIMITS, markLoginSucceeded } from "../../workbench/store/login-throttle";
import { createToken, revokeToken, userForToken } from "../../workbench/store/tokens";
import { createUser, setDisabled, setRole, UserError, verifyLogin } from "../../workbench/store/users";

const fresh = () => openDatabase(":memory:");
const pw = "correct-horse-battery";

describe("migrations", () => {
  it("are idempotent", () => {
    const db = fresh();
    expect(migrate(db).applied).toEqual([]);
  });
});

describe("audit log is append-only", () => {
  it("refuses UPDATE and DELETE at the database level", () => {
    const db = fresh();
    audit(db, { actor: SYSTEM_ACTOR, action: "user.create", targetType: "user", targetId: 1, after: { username: "x" } });
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory'").run()).toThrow(/append-only: entries cannot be changed/);
    expect(() => db.prepare("DELETE FROM audit_log").run()).toThrow(/append-only: entries cannot be deleted/);
    expect(() => db.exec("DELETE FROM audit_log WHERE id = 1")).toThrow(/append-only/);
    expect(listAudit(db)).toHaveLength(1);
    expect(listAudit(db)[0]).toMatchObject({ actor: "system", action: "user.create", after: { username: "x" } });
  });
});

describe("users", () => {
  it("creates users with hashed passwords and audits it", async () => {
    const db = fresh();
    const u = await createUser(db, { username: "ana", role: "analyst", password: pw }, SYSTEM_ACTOR);
    const stored = db.prepare("SELECT password_hash FROM users WHERE id = ?").pluck().get(u.id) as string;
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain(pw);
    expect(await verifyLogin(db, "ana", pw)).toMatchObject({ username: "ana" });
    expect(await verifyLogin(db, "ANA", pw)).toMatchObject({ username: "ana" });
    expect(await verifyLogin(db, "ana", "wrong-password!!")).toBeUndefined();
    expect(await verifyLogin(db, "nobody", pw)).toBeUndefined();
    expect(listAudit(db).map((e) => e.action)).toEqual(["user.create"]);
    expect(JSON.stringify(listAudit(db))).not.toContain("scrypt");
  });

  it("rejects duplicates, bad roles and short passwords with a reason, writing nothing", async () => {
    const db = fresh();
    await createUser(db, { username: "ana", role: "analyst", password: pw }, SYSTEM_ACTOR);
    await expect(createUser(db, { username: "Ana", role: "viewer", password: pw }, SYSTEM_ACTOR)).rejects.toThrow(/already exists/);
    await expect(createUser(db, { username: "bo", role: "viewer", password: "short" }, SYSTEM_ACTOR)).rejects.toThrow(UserError);
    await expect(createUser(db, { username: "bo", role: "boss" as never, password: pw }, SYSTEM_ACTOR)).rejects.toThrow(/role must be one of/);
    expect(db.prepare("SELECT COUNT(*) FROM users").pluck().get()).toBe(1);
    expect(listAudit(db)).toHaveLength(1);
  });

  it("audits role changes with before/after and keeps at least one admin", async () => {
    const db = fresh();
    const admin = await createUser(db, { username: "root", role: "admin", password: pw }, SYSTEM_ACTOR, { breakGlass: true });
    const v = await createUser(db, { username: "vic", role: "viewer", password: pw }, SYSTEM_ACTOR);
    setRole(db, v.id, "analyst", { id: admin.id, username: "root" });
    const entry = listAudit(db, { action: "user.role-change" })[0]!;
    expect(entry).toMatchObject({ actor: "root", before: { role: "viewer" }, after: { role: "analyst" } });
    expect(() => setRole(db, admin.id, "viewer", SYSTEM_ACTOR)).toThrow(/last active admin/);
    expect(() => setDisabled(db, admin.id, true, SYSTEM_ACTOR)).toThrow(/last active admin/);
    expect(() => setDisabled(db, v.id, true, { id: v.id, username: "vic" })).toThrow(/your own account/);
    setDisabled(db, v.id, true, { id: admin.id, username: "root" });
    expect(await verifyLogin(db, "vic", pw)).toBeUndefined();
  });
});

describe("API tokens", () => {
  it("stores only a hash, authenticates, and stops after revoke", async () => {
    const db = fresh();
    const u = await createUser(db, { username: "ana", role: "analyst", password: pw }, SYSTEM_ACTOR);
    const { token, info } = createToken(db, u.id, "ci", SYSTEM_ACTOR);
    expect(token).toMatch(/^hsw_/);
    expect(JSON.stringify(db.prepare("SELECT * FROM api_tokens").all())).not.toContain(token);
    expect(userForToken(db, token)?.username).toBe("ana");
    expect(userForToken(db, token + "x")).toBeUndefined();
    revokeToken(db, info.id, SYSTEM_ACTOR);
    expect(userForToken(db, token)).toBeUndefined();
    expect(listAudit(db).map((e) => e.action)).toEqual(["token.revoke", "token.create", "user.create"]);
  });

  it("expires", async () => {
    const db = fresh();
    const u = await createUser(db, { username: "ana", role: "analyst", password: pw }, SYSTEM_ACTOR);
    const { token, info } = createToken(db, u.id, "short", SYSTEM_ACTOR, 1);
    db.prepare("UPDATE api_tokens SET expires_at = ? WHERE id = ?").run("2000-01-01T00:00:00.000Z", info.id);
    expect(userForToken(db, token)).toBeUndefined();
  });
});

describe("login throttle", () => {
  const t0 = 1_000_000_000_000;
  const fail = (db: ReturnType<typeof fresh>, username: string, client: string, at: number) => {
    const start = beginLoginAttempt(db, username, client, at);
    return start.blocked ? start : { blocked: false as const };
  };

  it("blocks after repeated failures for one username and client, and resets on success", () => {
    const db = fresh();
    for (let i = 0; i < LIMITS.pair; i++) expect(fail(db, "ana", "1.2.3.4", t0 + i).blocked).toBe(false);
    const state = beginLoginAttempt(db, "ana", "1.2.3.4", t0 + 30);
    expect(state).toMatchObject({ blocked: true, limit: "account-client" });
    expect(state.blocked && state.retryAfterSeconds).toBeGreaterThan(800);
    expect(beginLoginAttempt(db, "ana", "5.6.7.8", t0 + 30).blocked).toBe(false);
    expect(beginLoginAttempt(db, "ana", "1.2.3.4", t0 + LIMITS.windowMs + 100).blocked).toBe(false);
  });

  it("blocks a client spraying many usernames", () => {
    const db = fresh();
    for (let i = 0; i < LIMITS.client; i++) fail(db, `user${i}`, "9.9.9.9", t0 + i);
    expect(beginLoginAttempt(db, "someone-new", "9.9.9.9", t0 + 100)).toMatchObject({ blocked: true, limit: "client" });
  });

  it("limits one account across clients with a backoff, but not from a client it signed in from before", () => {
    const db = fresh();
    const ok = beginLoginAttempt(db, "ana", "10.0.0.1", t0);
    if (!ok.blocked) markLoginSucceeded(db, ok.attemptId);
    // 40 guesses from 10 addresses: the account limit stops them after 10
    let checked = 0;
    for (let i = 0; i < 40; i++) if (!fail(db, "ana", `192.0.2.${i % 10}`, t0 + 1000 + i).blocked) checked++;
    expect(checked).toBe(LIMITS.account);
    expect(beginLoginAttempt(db, "ana", "192.0.2.99", t0 + 2000)).toMatchObject({ blocked: true, limit: "account" });
    // the backoff is short at first: 30 s after the last failure the next guess may try
    expect(beginLoginAttempt(db, "ana", "192.0.2.99", t0 + 1039 + LIMITS.backoffStartMs + 1).blocked).toBe(false);
    // the owner's usual client is not locked out by the attacker's failures
    expect(beginLoginAttempt(db, "ana", "10.0.0.1", t0 + 2000).blocked).toBe(false);
  });
});
