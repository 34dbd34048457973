// Security suite (issue 14): any viewer token could keep the server busy. /api/classify has per-token and per-user
// budgets of requests and of descriptions (429 with Retry-After), and classification runs in worker threads with a
// bounded queue.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "workbench-rate-"));
Object.assign(process.env, {
  WORKBENCH_DATA_DIR: dir,
  WORKBENCH_DEMO_PASSWORD: "rate-limit-pass-2026",
  WORKBENCH_API_REQUESTS_PER_MINUTE: "12",
  WORKBENCH_API_DESCRIPTIONS_PER_MINUTE: "600",
});
const { getEnv } = await import("../../workbench/config/env");
const { getStore, getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { seedDemo } = await import("../../workbench/store/boot");
const { createToken } = await import("../../workbench/store/tokens");
const { findUserByUsername } = await import("../../workbench/store/users");
const { SYSTEM_ACTOR } = await import("../../workbench/store/audit");
const route = await import("../../app/routes/api.classify");
const { inferencePool } = await import("../../app/classify/inference.server");
const { setClock } = await import("../../workbench/clock");
// time stands still: the budget refills only when the test says so
let now = Date.now();
const restoreClock = setClock({ now: () => now });
afterAll(async () => {
  restoreClock();
  await inferencePool().close();
  rmSync(dir, { recursive: true, force: true });
});

const tokens: Record<string, string> = {};
beforeAll(async () => {
  await seedDemo(getStore(), getEnv());
  for (const name of ["viewer", "analyst", "approver", "admin"])
    tokens[name] = (await createToken(getDb(), (await findUserByUsername(getDb(), name))!.id, "rate", SYSTEM_ACTOR)).token;
  for (const name of ["analyst", "admin"])
    tokens[`${name}-second`] = (await createToken(getDb(), (await findUserByUsername(getDb(), name))!.id, "second", SYSTEM_ACTOR)).token;
});

const post = async (who: string, descriptions = ["frozen shrimps"]) => {
  const request = new Request("http://localhost/api/classify", {
    method: "POST",
    body: JSON.stringify({ descriptions, topK: 3 }),
    headers: { Authorization: `Bearer ${tokens[who]}`, "Content-Type": "application/json" },
  });
  return (await route.action({ request, params: {}, context: {} })) as Response;
};

describe("API request budget", () => {
  it("budgets each token, and each user across all their tokens (twice a token's budget)", async () => {
    // 12 a minute per token (bursts of 5), 24 per user (bursts of 6): the analyst's second token has room, the user not for long
    const first: number[] = [];
    for (let i = 0; i < 6; i++) first.push((await post("analyst")).status);
    expect(first.filter((s) => s === 200)).toHaveLength(5);
    expect((await post("analyst-second")).status).toBe(200);
    expect((await post("analyst-second")).status).toBe(429);
  });

  it("answers 429 with Retry-After once a user's budget is spent; other users are not affected", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post("viewer")).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const refused = await post("viewer");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect((await post("approver")).status).toBe(200);
    // 12 a minute: one more request after five seconds
    now += 5_000;
    expect((await post("viewer")).status).toBe(200);
    expect((await post("viewer")).status).toBe(429);
  });
});

describe("API descriptions budget", () => {
  // 600 a minute per token (10 a second), 1,200 per user (20 a second); both hold at most the largest request (500)
  const lines = (n: number, length: number) =>
    Array.from({ length: n }, (_, i) => `${i} frozen boneless chicken breast fillets `.repeat(40).slice(0, length));

  it("counts a description once per 200 characters started: the largest request takes a token's and its user's whole burst", async () => {
    expect((await post("admin", lines(100, 1000))).status).toBe(200);
    // 100 descriptions of 201 characters count 200: the token refills them in 20 s, the user in 10 s; the later says when
    const refused = await post("admin", lines(100, 201));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("20");
    expect(((await refused.json()) as { error: string }).error).toBe(
      "Too many descriptions for this API token: this request counts 200 (a description once per 200 characters started) of 600 a minute; try again in 20 s.",
    );
    // the user's other token has its own budget, but not the user's
    const user = await post("admin-second", lines(100, 201));
    expect(user.status).toBe(429);
    expect(((await user.json()) as { error: string }).error).toBe(
      "Too many descriptions for admin: this request counts 200 (a description once per 200 characters started) of 1200 a minute; try again in 10 s.",
    );
    // a refusal costs nothing: after 10 s the user has 200 again, and the second token is served; the first has 100 of 200
    now += 10_000;
    expect((await post("admin-second", lines(100, 201))).status).toBe(200);
    expect((await post("admin", lines(100, 201))).status).toBe(429);
    // and short lines count once each
    now += 10_000;
    expect((await post("admin", lines(100, 200))).status).toBe(200);
  });
});
