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
  // one read and one write of both buckets: each statement is a round trip to PostgreSQL inside the locked transaction
  return db.transaction(async (db) => {
    const stored = new Map(
      (
        await db.all<{ key: string; tokens: number; at: number }>(
          `SELECT key, tokens, at FROM api_request_buckets WHERE key IN (${wanted.map(() => "?").join(", ")})`,
          wanted.map((w) => w.key),
        )
      ).map((r) => [r.key, r]),
    );
    const buckets = wanted.map(({ key, rate }) => {
      const capacity = Math.max(5, Math.ceil(rate / 4));
      const refillPerMs = rate / 60_000;
      const before = stored.get(key);
      const tokens = before ? Math.min(capacity, before.tokens + Math.max(0, now - before.at) * refillPerMs) : capacity;
      return { key, tokens, refillPerMs };
    });
    const short = buckets.filter((b) => b.tokens < 1);
    const spend = short.length ? 0 : 1;
    await db.run(
      `INSERT INTO api_request_buckets (key, tokens, at) VALUES ${buckets.map(() => "(?, ?, ?)").join(", ")}
       ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, at = excluded.at`,
      buckets.flatMap((b) => [b.key, b.tokens - spend, now]),
    );
    if (short.length) {
      return { ok: false, retryAfterSeconds: Math.max(...short.map((b) => Math.max(1, Math.ceil((1 - b.tokens) / b.refillPerMs / 1000)))) };
    }
    return { ok: true };
  });
}
