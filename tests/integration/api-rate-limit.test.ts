// Security suite (issue 14): any viewer token could keep the server busy. /api/classify has a per-user budget
// (429 with Retry-After), and classification runs in worker threads with a bounded queue.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "workbench-rate-"));
Object.assign(process.env, { WORKBENCH_DATA_DIR: dir, WORKBENCH_DEMO_PASSWORD: "rate-limit-pass-2026", WORKBENCH_API_REQUESTS_PER_MINUTE: "12" });
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
  for (const name of ["viewer", "analyst", "approver"])
    tokens[name] = (await createToken(getDb(), (await findUserByUsername(getDb(), name))!.id, "rate", SYSTEM_ACTOR)).token;
  tokens["analyst-second"] = (await createToken(getDb(), (await findUserByUsername(getDb(), "analyst"))!.id, "second", SYSTEM_ACTOR)).token;
});

const post = async (who: string) => {
  const request = new Request("http://localhost/api/classify", {
    method: "POST",
    body: JSON.stringify({ descriptions: ["frozen shrimps"], topK: 3 }),
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
