// The budgets of /api/classify: token buckets per API token (the configured rate on average) and per user across all
// their tokens and sessions (twice that), bursts of a quarter. Two budgets: requests, and descriptions, which a request
// draws by its work (a description of 1,000 characters costs about five of 200), so one token cannot keep the workers
// busy within its request budget. Kept in the database, so several app instances share them; one transaction per request.
import { nowMs } from "../clock";
import type { Db } from "./sql";

export type BudgetName = "requests" | "descriptions";

/** What a request draws from one budget. */
export interface ApiCharge {
  budget: BudgetName;
  /** a token's rate; a user's is twice that. 0: this budget is off */
  perMinute: number;
  cost: number;
  /** the smallest full bucket: the costliest request allowed must fit one, or it could never be served */
  burstAtLeast: number;
}

export type BudgetAnswer = { ok: true } | { ok: false; budget: BudgetName; of: "token" | "user"; perMinute: number; retryAfterSeconds: number };

/** a bucket's key: the requests budget keeps the names it had before descriptions were counted */
const keyOf = (budget: BudgetName, of: "token" | "user", id: number) => `${budget === "requests" ? "" : `${budget}:`}${of}:${id}`;

/** Takes every charge from the token's and the user's buckets, or none of them when one is short (a refusal costs nothing). */
export async function takeApiBudget(
  db: Db,
  charges: readonly ApiCharge[],
  keys: { user: number; token?: number },
  now = nowMs(),
): Promise<BudgetAnswer> {
  const wanted = charges
    .filter((c) => c.perMinute > 0)
    .flatMap((charge) => [
      { charge, of: "user" as const, key: keyOf(charge.budget, "user", keys.user), rate: charge.perMinute * 2 },
      ...(keys.token === undefined ? [] : [{ charge, of: "token" as const, key: keyOf(charge.budget, "token", keys.token), rate: charge.perMinute }]),
    ]);
  if (!wanted.length) return { ok: true };
  // one read and one write of every bucket: each statement is a round trip to PostgreSQL inside the locked transaction
  return db.transaction(async (db) => {
    const stored = new Map(
      (
        await db.all<{ key: string; tokens: number; at: number }>(
          `SELECT key, tokens, at FROM api_request_buckets WHERE key IN (${wanted.map(() => "?").join(", ")})`,
          wanted.map((w) => w.key),
        )
      ).map((r) => [r.key, r]),
    );
    const buckets = wanted.map((w) => {
      const capacity = Math.max(w.charge.burstAtLeast, Math.ceil(w.rate / 4));
      const refillPerMs = w.rate / 60_000;
      const before = stored.get(w.key);
      const tokens = before ? Math.min(capacity, before.tokens + Math.max(0, now - before.at) * refillPerMs) : capacity;
      return { ...w, tokens, refillPerMs, retryAfterSeconds: Math.max(1, Math.ceil((w.charge.cost - tokens) / refillPerMs / 1000)) };
    });
    const short = buckets.filter((b) => b.tokens < b.charge.cost);
    await db.run(
      `INSERT INTO api_request_buckets (key, tokens, at) VALUES ${buckets.map(() => "(?, ?, ?)").join(", ")}
       ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, at = excluded.at`,
      buckets.flatMap((b) => [b.key, b.tokens - (short.length ? 0 : b.charge.cost), now]),
    );
    if (!short.length) return { ok: true };
    // the bucket that refills last says when to come back
    const last = short.reduce((a, b) => (b.retryAfterSeconds > a.retryAfterSeconds ? b : a));
    return { ok: false, budget: last.charge.budget, of: last.of, perMinute: last.rate, retryAfterSeconds: last.retryAfterSeconds };
  });
}
