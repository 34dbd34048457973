// The request budget of /api/classify: token buckets per API token (the configured rate on average) and per user
// across all their tokens and sessions (twice that), bursts of a quarter. Kept in the database, so several app
// instances share one budget; one transaction per request.
import { nowMs } from "../clock";
import type { Db } from "./sql";

export async function takeApiRequest(
  db: Db,
  perMinute: number,
  keys: { user: number; token?: number },
  now = nowMs(),
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  if (perMinute === 0) return { ok: true };
  const wanted = [
    { key: `user:${keys.user}`, rate: perMinute * 2 },
    ...(keys.token === undefined ? [] : [{ key: `token:${keys.token}`, rate: perMinute }]),
  ];
  return db.transaction(async (db) => {
    const buckets = [];
    for (const { key, rate } of wanted) {
      const capacity = Math.max(5, Math.ceil(rate / 4));
      const refillPerMs = rate / 60_000;
      const stored = await db.get<{ tokens: number; at: number }>("SELECT tokens, at FROM api_request_buckets WHERE key = ?", [key]);
      const tokens = stored ? Math.min(capacity, stored.tokens + Math.max(0, now - stored.at) * refillPerMs) : capacity;
      buckets.push({ key, tokens, refillPerMs });
    }
    const short = buckets.filter((b) => b.tokens < 1);
    const spend = short.length ? 0 : 1;
    for (const b of buckets) {
      await db.run(
        "INSERT INTO api_request_buckets (key, tokens, at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, at = excluded.at",
        [b.key, b.tokens - spend, now],
      );
    }
    if (short.length) {
      return { ok: false, retryAfterSeconds: Math.max(...short.map((b) => Math.max(1, Math.ceil((1 - b.tokens) / b.refillPerMs / 1000)))) };
    }
    return { ok: true };
  });
}
