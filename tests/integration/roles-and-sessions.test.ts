import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dataDir = mkdtempSync(join(tmpdir(), "workbench-roles-"));
process.env.WORKBENCH_DATA_DIR = dataDir;
process.env.WORKBENCH_SEED_DEMO = "false";

const { getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { createUser } = await import("../../workbench/store/users");
const { createToken } = await import("../../workbench/store/tokens");
const { SYSTEM_ACTOR, listAudit } = await import("../../workbench/store/audit");
const { commitSession, getSession } = await import("../../app/auth/session.server");
const { createSession } = await import("../../workbench/store/sessions");
const { setDisabled, setPassword, setRole } = await import("../../workbench/store/users");
const logoutRoute = await import("../../app/routes/logout");
const passwordRoute = await import("../../app/routes/account.password");
const usersRoute = await import("../../app/routes/admin.users");
const auditRoute = await import("../../app/routes/audit");
const auditDownloads = [await import("../../app/routes/audit[.]csv"), await import("../../app/routes/audit[.]xlsx")];
const loginRoute = await import("../../app/routes/login");

const password = "correct-horse-battery";
const tokens: Record<string, string> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  for (const role of ["admin", "analyst", "viewer"] as const) {
    const user = await createUser(getDb(), { username: role, role, password }, SYSTEM_ACTOR, { breakGlass: true });
    ids[role] = user.id;
    tokens[role] = (await createToken(getDb(), user.id, "test", SYSTEM_ACTOR)).token;
  }
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const url = "http://localhost/admin/users";
const bearer = (role: string) => ({ Authorization: `Bearer ${tokens[role]}` });

async function sessionCookie(userId: number | null, opts: { expired?: boolean; csrf?: string } = {}) {
  const session = await getSession(new Request("http://localhost/"));
  if (userId !== null) {
    const sid = await createSession(getDb(), userId, "test");
    if (opts.expired) await getDb().run("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = (SELECT max(id) FROM sessions)");
    session.set("sid", sid);
  }
  session.set("csrf", opts.csrf ?? "token-123");
  return (await commitSession(session)).split(";")[0]!;
}

/** Runs a loader/action and returns the Response it returned or threw. */
async function outcome(fn: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await fn();
    return result instanceof Response ? result : new Response(JSON.stringify(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const args = (request: Request) => ({ request, params: {}, context: { clientAddress: "127.0.0.9" } });

describe("role checks on the server", () => {
  it("a viewer gets 403 naming the required role, on the page and on the action", async () => {
    const page = await outcome(() => usersRoute.loader(args(new Request(url, { headers: bearer("viewer") }))));
    expect(page.status).toBe(403);
    expect((await page.json()).error).toMatch(/requires the admin role; you are signed in as viewer \(viewer\)/);

    const form = new URLSearchParams({ intent: "set-role", userId: String(ids.viewer), role: "admin", csrf: "x" });
    const post = await outcome(() => usersRoute.action(args(new Request(url, { method: "POST", body: form, headers: bearer("viewer") }))));
    expect(post.status).toBe(403);
    expect((await listAudit(getDb(), { action: "user.role-change" })).filter((e) => e.targetId === String(ids.viewer))).toHaveLength(0);
  });

  it("an analyst may read the audit log but not manage users; an admin may do both", async () => {
    expect((await outcome(() => auditRoute.loader(args(new Request("http://localhost/audit", { headers: bearer("analyst") }))))).status).toBe(200);
    expect((await outcome(() => usersRoute.loader(args(new Request(url, { headers: bearer("analyst") }))))).status).toBe(403);
    expect((await outcome(() => auditRoute.loader(args(new Request("http://localhost/audit", { headers: bearer("viewer") }))))).status).toBe(403);
    // its downloads likewise, by the server (the page's links are not the guard)
    for (const [route, path] of [
      [auditDownloads[0]!, "/audit.csv"],
      [auditDownloads[1]!, "/audit.xlsx"],
    ] as const) {
      expect((await outcome(() => route.loader(args(new Request(`http://localhost${path}`, { headers: bearer("viewer") }))))).status, path).toBe(403);
      const given = await outcome(() => route.loader(args(new Request(`http://localhost${path}?action=user.`, { headers: bearer("analyst") }))));
      expect(given.status, path).toBe(200);
      expect(given.headers.get("content-disposition"), path).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.(csv|xlsx)"$/);
    }
    const ok = await outcome(() => usersRoute.loader(args(new Request(url, { headers: bearer("admin") }))));
    expect(ok.status).toBe(200);
    expect((await ok.json()).users.map((u: { username: string }) => u.username)).toContain("viewer");
  });

  it("without credentials pages redirect to sign-in, and an unknown token is refused", async () => {
    const anonymous = await outcome(() => usersRoute.loader(args(new Request(url))));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fusers");
    const badToken = await outcome(() => usersRoute.loader(args(new Request(url, { headers: { Authorization: "Bearer hsw_nope" } }))));
    expect(badToken.status).toBe(401);
  });
});

describe("sessions and CSRF", () => {
  it("accepts a form post with the session's CSRF token and refuses one without", async () => {
    const cookie = await sessionCookie(ids.admin!, { csrf: "token-123" });
    const post = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      outcome(() =>
        usersRoute.action(args(new Request(url, { method: "POST", body: new URLSearchParams(body), headers: { Cookie: cookie, ...headers } }))),
      );
    const create = { intent: "create", username: "newbie", role: "viewer", password };
    expect((await post(create)).status).toBe(403);
    expect((await post({ ...create, csrf: "wrong-token" })).status).toBe(403);
    expect((await post({ ...create, csrf: "token-123" }, { Origin: "http://evil.example", Host: "localhost" })).status).toBe(403);
    const ok = await post({ ...create, csrf: "token-123" }, { Origin: "http://localhost", Host: "localhost" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, message: "Created newbie (viewer)." });
    const bad = await post({ intent: "create", username: "x y", role: "boss", password: "1", csrf: "token-123" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/letters, digits.*role must be one of.*12 characters/);
  });

  it("treats an expired or tampered session as signed out", async () => {
    const expired = await sessionCookie(ids.admin!, { expired: true });
    expect((await outcome(() => usersRoute.loader(args(new Request(url, { headers: { Cookie: expired } }))))).status).toBe(302);
    // A viewer rewrites the signed cookie's payload to claim another session, keeping the old signature.
    const viewerCookie = await sessionCookie(ids.viewer!);
    const [name, value] = viewerCookie.split("=") as [string, string];
    const [payload, signature] = decodeURIComponent(value).split(".") as [string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sid: "someone-elses-session" })).toString("base64");
    const tampered = `${name}=${encodeURIComponent(`${forged}.${signature}`)}`;
    expect((await outcome(() => usersRoute.loader(args(new Request(url, { headers: { Cookie: tampered } }))))).status).toBe(302);
    const valid = await sessionCookie(ids.admin!);
    expect((await outcome(() => usersRoute.loader(args(new Request(url, { headers: { Cookie: valid } }))))).status).toBe(200);
  });
});

describe("sign-in", () => {
  const login = async (username: string, pw: string) => {
    const cookie = await sessionCookie(null, { csrf: "c" });
    return outcome(() =>
      loginRoute.action(
        args(
          new Request("http://localhost/login", {
            method: "POST",
            body: new URLSearchParams({ username, password: pw, csrf: "c", redirectTo: "//evil.example" }),
            headers: { Cookie: cookie },
          }),
        ),
      ),
    );
  };

  it("checks at most the allowed number of passwords when guesses arrive in parallel (atomic counters)", async () => {
    const before = (await listAudit(getDb(), { action: "auth.sign-in-failed" })).filter((e) => e.actor === "race-target").length;
    const outcomes = await Promise.all(Array.from({ length: 40 }, () => login("race-target", "guess")));
    expect(outcomes.filter((r) => r.status === 401)).toHaveLength(5);
    expect(outcomes.filter((r) => r.status === 429)).toHaveLength(35);
    const after = (await listAudit(getDb(), { action: "auth.sign-in-failed" })).filter((e) => e.actor === "race-target").length;
    expect(after - before).toBe(5);
  });

  it("signs in, refuses open redirects, audits success and failure, then throttles", async () => {
    const ok = await login("analyst", password);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/overview");
    expect(ok.headers.get("Set-Cookie")).toMatch(/__workbench=.*HttpOnly; SameSite=Lax/);
    // the signed-in cookie holds a new server session and a new CSRF token (the one from before sign-in, "c", is gone)
    const value = /__workbench=([^;]+)/.exec(ok.headers.get("Set-Cookie")!)![1]!;
    const claims = JSON.parse(Buffer.from(decodeURIComponent(value).split(".")[0]!, "base64").toString());
    expect(claims.csrf).not.toBe("c");
    expect(claims.sid).toMatch(/^[\w-]{40,}$/);
    const wrong = await login("viewer", "not-the-password");
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toBe("Wrong username or password.");
    for (let i = 0; i < 4; i++) await login("viewer", "not-the-password");
    const blocked = await login("viewer", password);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect((await blocked.json()).error).toMatch(/Too many failed sign-ins\. Try again in \d+ minutes/);
    const actions = (await listAudit(getDb(), { action: "auth." })).map((e) => `${e.action}:${e.actor}:${e.client}`);
    expect(actions).toContain("auth.sign-in:analyst:127.0.0.9");
    expect(actions.filter((a) => a.startsWith("auth.sign-in-failed:viewer"))).toHaveLength(5);
    expect(actions).toContain("auth.sign-in-blocked:viewer:127.0.0.9");
  });
});

describe("server-side sessions (issue 14)", () => {
  const page = (cookie: string) => outcome(() => usersRoute.loader(args(new Request(url, { headers: { Cookie: cookie } }))));
  const logout = (cookie: string, intent?: string) =>
    outcome(() =>
      logoutRoute.action(
        args(
          new Request("http://localhost/logout", {
            method: "POST",
            body: new URLSearchParams({ csrf: "token-123", ...(intent ? { intent } : {}) }),
            headers: { Cookie: cookie },
          }),
        ),
      ),
    );

  it("a cookie replayed after sign-out no longer works", async () => {
    const cookie = await sessionCookie(ids.admin!);
    expect((await page(cookie)).status).toBe(200);
    expect((await logout(cookie)).status).toBe(302);
    expect((await page(cookie)).status).toBe(302);
  });

  it("a password change, a role change and disabling end the user's sessions at once", async () => {
    const extra = await createUser(getDb(), { username: `second-admin`, role: "admin", password }, SYSTEM_ACTOR, { breakGlass: true });
    const cookie = await sessionCookie(extra.id);
    expect((await page(cookie)).status).toBe(200);
    await setPassword(getDb(), extra.id, "another-long-password", SYSTEM_ACTOR);
    expect((await page(cookie)).status).toBe(302);

    const afterPassword = await sessionCookie(extra.id);
    await setRole(getDb(), extra.id, "analyst", SYSTEM_ACTOR);
    await setRole(getDb(), extra.id, "admin", SYSTEM_ACTOR, { breakGlass: true });
    expect((await page(afterPassword)).status).toBe(302);

    const afterRole = await sessionCookie(extra.id);
    await setDisabled(getDb(), extra.id, true, { ...SYSTEM_ACTOR, id: ids.admin! });
    expect((await page(afterRole)).status).toBe(302);
  });

  it("'end all my sessions' ends the sessions of every browser", async () => {
    const [one, two] = [await sessionCookie(ids.admin!), await sessionCookie(ids.admin!)];
    expect((await logout(one, "everywhere")).status).toBe(302);
    expect((await page(two)).status).toBe(302);
    expect(await listAudit(getDb(), { action: "auth.sign-out-everywhere" })).toHaveLength(1);
  });

  it("an account that must choose its password is sent to do so first, and continues with a new session", async () => {
    const seeded = await createUser(getDb(), { username: "seeded-admin", role: "admin", password, mustChangePassword: true }, SYSTEM_ACTOR, {
      breakGlass: true,
    });
    const cookie = await sessionCookie(seeded.id);
    const blocked = await page(cookie);
    expect(blocked.status).toBe(302);
    expect(blocked.headers.get("Location")).toBe("/account/password");
    const changed = await outcome(() =>
      passwordRoute.action(
        args(
          new Request("http://localhost/account/password", {
            method: "POST",
            body: new URLSearchParams({ csrf: "token-123", current: password, next: "my-own-password-now", repeat: "my-own-password-now" }),
            headers: { Cookie: cookie },
          }),
        ),
      ),
    );
    expect(changed.status).toBe(302);
    expect(changed.headers.get("Location")).toBe("/overview");
    const fresh = /__workbench=[^;]+/.exec(changed.headers.get("Set-Cookie")!)![0];
    expect((await page(fresh)).status).toBe(200);
    expect((await page(cookie)).status).toBe(302); // the old session ended with the password change
  });
});
