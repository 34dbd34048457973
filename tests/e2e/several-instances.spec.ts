// Several app instances on one PostgreSQL registry (issue 18): two servers on two ports share sessions, sign-in
// throttling and the API budget; approvals and rollbacks racing from both leave exactly one production version and a
// complete audit, and both serve the new production model at once (every request reads production from the database).
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync, openSync, rmSync } from "node:fs";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { E2E_DEMO_PASSWORD } from "../../playwright.config";
import { createDatabase, startPostgres } from "../support/postgres-server";
import { csrfOf, expect, test } from "./fixtures";
import { waitHealthy } from "./helpers";

const execFileAsync = promisify(execFile);
const PORTS = { a: 3223, b: 3224 } as const;
type Instance = keyof typeof PORTS;
const base = (i: Instance) => `http://localhost:${PORTS[i]}`;

let postgres: Awaited<ReturnType<typeof startPostgres>> | undefined;
const servers: ChildProcess[] = [];
let env: NodeJS.ProcessEnv;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  postgres = await startPostgres();
  const url = await createDatabase(postgres.adminUrl, "registry");
  env = {
    ...process.env,
    NODE_ENV: "production",
    WORKBENCH_DATABASE_URL: url,
    SESSION_SECRET: "several-instances-session-secret-0123456789",
    WORKBENCH_CREDENTIALS_KEY: "5a".repeat(32),
    WORKBENCH_DEMO_PASSWORD: E2E_DEMO_PASSWORD,
    WORKBENCH_API_REQUESTS_PER_MINUTE: "40",
  };
  mkdirSync(".cache", { recursive: true });
  // both start at once: the advisory locks let one migrate and seed, the other waits and finds it done
  for (const i of ["a", "b"] as const) {
    rmSync(`.cache/e2e-instance-${i}`, { recursive: true, force: true });
    // each instance's output goes to .cache/e2e-instance-a.log and -b.log (read them when this test fails)
    const log = openSync(`.cache/e2e-instance-${i}.log`, "w");
    servers.push(
      spawn(process.execPath, ["server.js"], {
        // nothing here reads real-text figures: neither instance measures every version at start (a minute of both cores
        // while the lane beside this one runs; the Overview's own tests cover measuring)
        env: { ...env, PORT: String(PORTS[i]), WORKBENCH_DATA_DIR: `.cache/e2e-instance-${i}`, WORKBENCH_MEASURE_AT_START: "false" },
        stdio: ["ignore", log, log],
      }),
    );
  }
  await Promise.all([waitHealthy(base("a"), 120, "instance a"), waitHealthy(base("b"), 120, "instance b")]);
  for (const i of ["a", "b"] as const) expect(await (await fetch(`${base(i)}/healthz`)).json()).toEqual({ ok: true });
});

test.afterAll(() => {
  for (const s of servers) s.kill();
  postgres?.stop();
  for (const i of ["a", "b"]) rmSync(`.cache/e2e-instance-${i}`, { recursive: true, force: true });
});

async function signedIn(i: Instance, username: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: base(i), extraHTTPHeaders: { Origin: base(i) } });
  const response = await api.post("/login", { form: { username, password: E2E_DEMO_PASSWORD, csrf: await csrfOf(api) }, maxRedirects: 0 });
  expect(response.status(), `${username} signs in on ${i}`).toBe(302);
  return api;
}

// the command line as a third client of the same database (asynchronous: a blocked event loop would leave this
// process's idle keep-alive connections to the instances stale)
const cli = async (args: string[], extra: Record<string, string> = {}) => {
  const { stdout } = await execFileAsync(process.execPath, ["bin/workbench.js", ...args], {
    env: { ...env, WORKBENCH_DATA_DIR: ".cache/e2e-instance-a", ...extra },
  });
  return stdout;
};
const tokenOf = async (user: string) =>
  (JSON.parse(await cli(["token", "create", "--user", user, "--name", "e2e", "--json"])) as { token: string }).token;

async function productionServedBy(i: Instance, token: string): Promise<string> {
  const r = await fetch(`${base(i)}/api/classify`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ descriptions: ["frozen shrimps"], topK: 1 }),
  });
  expect(r.status).toBe(200);
  const body = (await r.json()) as { model: { name: string; version: string } };
  return `${body.model.name}@${body.model.version}`;
}

test("one PostgreSQL registry, two instances: shared sessions and throttling, racing approvals and rollbacks leave one production version", async () => {
  test.setTimeout(180_000);
  // a session made on A is valid on B (same secret, sessions in the database); signing out on B ends it on A too
  const analystOnA = await signedIn("a", "analyst");
  const state = await analystOnA.storageState();
  const analystOnB = await playwrightRequest.newContext({ baseURL: base("b"), storageState: state, extraHTTPHeaders: { Origin: base("b") } });
  expect((await analystOnB.get("/promotions", { maxRedirects: 0 })).status()).toBe(200);
  expect((await analystOnB.post("/logout", { form: { csrf: await csrfOf(analystOnB) }, maxRedirects: 0 })).status()).toBe(302);
  expect((await analystOnA.get("/promotions", { maxRedirects: 0 })).status()).toBe(302);

  // wrong passwords for one account from one client, alternating between the instances: blocked after 5 in all
  const statuses: number[] = [];
  for (let n = 0; n < 6; n++) {
    const api = await playwrightRequest.newContext({ baseURL: base(n % 2 ? "b" : "a"), extraHTTPHeaders: { Origin: base(n % 2 ? "b" : "a") } });
    const r = await api.post("/login", { form: { username: "viewer", password: "wrong-password-123", csrf: await csrfOf(api) }, maxRedirects: 0 });
    statuses.push(r.status());
    await api.dispose();
  }
  expect(statuses.slice(0, 5).every((s) => s === 401 || s === 400)).toBe(true);
  expect(statuses[5]).toBe(429);

  // one API token's budget (40 a minute, bursts of 10) spent alternately on A and B: shared, not 10 on each. First both
  // instances classify once (another user's budget), so the 16 calls are quick and little refills meanwhile.
  const warmToken = await tokenOf("admin");
  for (const instance of ["a", "b"] as const) {
    const warm = await fetch(`${base(instance)}/api/classify`, {
      method: "POST",
      headers: { Authorization: `Bearer ${warmToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ descriptions: ["cotton t-shirts"], topK: 1 }),
    });
    expect(warm.status).toBe(200);
  }
  const budgetToken = await tokenOf("viewer");
  let served = 0;
  let refused = 0;
  const started = Date.now();
  for (let n = 0; n < 16; n++) {
    const r = await fetch(`${base(n % 2 ? "b" : "a")}/api/classify`, {
      method: "POST",
      headers: { Authorization: `Bearer ${budgetToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ descriptions: ["cotton t-shirts"], topK: 1 }),
    });
    await r.text();
    if (r.status === 200) served++;
    if (r.status === 429) refused++;
  }
  const seconds = (Date.now() - started) / 1000;
  const refilled = Math.floor((seconds * 40) / 60);
  expect(seconds, "the 16 calls are quick enough to tell one budget from two").toBeLessThan(8);
  expect(served, `requests served from one shared budget: a burst of 10, ${refilled} refilled in ${seconds.toFixed(1)} s`).toBeLessThanOrEqual(
    10 + refilled,
  );
  expect(refused).toBe(16 - served);

  // a promotion request (from the command line, a third client of the same database)
  const viewerToken = await tokenOf("approver");
  expect(await productionServedBy("a", viewerToken)).toBe("hs-baseline@1.0.0");
  const request = JSON.parse(
    await cli(["promote", "request", "--candidate", "hs-standard@1.0.0", "--set", "held-out", "--json"], {
      WORKBENCH_TOKEN: await tokenOf("analyst"),
    }),
  ) as {
    id: number;
  };

  // two admins approve at the same moment, one on each instance: one wins, the other is told it is decided
  const [adminOnA, approverOnB] = await Promise.all([signedIn("a", "admin"), signedIn("b", "approver")]);
  const approve = async (api: APIRequestContext) =>
    (await api.post(`/promotions/${request.id}`, { form: { intent: "approve", csrf: await csrfOf(api) }, maxRedirects: 0 })).status();
  const decisions = await Promise.all([approve(adminOnA), approve(approverOnB)]);
  expect(
    decisions.filter((s) => s === 302),
    `statuses ${decisions}`,
  ).toHaveLength(1);
  expect(decisions.filter((s) => s === 409)).toHaveLength(1);
  // both instances serve the new production model on the next request
  expect(await productionServedBy("a", viewerToken)).toBe("hs-standard@1.0.0");
  expect(await productionServedBy("b", viewerToken)).toBe("hs-standard@1.0.0");

  // two rollbacks at the same moment: one happens, the other finds nothing left to roll back
  const rollback = async (api: APIRequestContext) =>
    (await api.post("/promotions", { form: { intent: "rollback", reason: "race test", csrf: await csrfOf(api) }, maxRedirects: 0 })).status();
  const rollbacks = await Promise.all([rollback(adminOnA), rollback(approverOnB)]);
  expect(
    rollbacks.filter((s) => s === 200),
    `statuses ${rollbacks}`,
  ).toHaveLength(1);
  expect(rollbacks.filter((s) => s === 409)).toHaveLength(1);
  expect(await productionServedBy("b", viewerToken)).toBe("hs-baseline@1.0.0");
  expect(await productionServedBy("a", viewerToken)).toBe("hs-baseline@1.0.0");

  // the registry agrees: one production version, the history and an intact audit chain with each step once
  const db = new pg.Client({ connectionString: env.WORKBENCH_DATABASE_URL });
  await db.connect();
  expect((await db.query("SELECT name, version FROM model_versions WHERE status = 'production'")).rows).toEqual([
    { name: "hs-baseline", version: "1.0.0" },
  ]);
  const actions = (await db.query("SELECT action FROM audit_log WHERE action IN ('promotion.approve', 'promotion.rollback')")).rows.map(
    (r) => r.action,
  );
  expect(actions.sort()).toEqual(["promotion.approve", "promotion.rollback"]);
  await db.end();
  expect(await cli(["audit", "verify"])).toMatch(/^Audit log intact: \d+ entries/);
});
