// Optional outbound webhook on promotion and rollback: queued in the same transaction as the change, delivered after
// it with an HMAC-SHA256 signature, retried with exponential backoff. A failing receiver never blocks a promotion;
// every attempt is visible on the Promotions page.
import { createHmac } from "node:crypto";
import { getEnv } from "../config/env";
import { nowIso, nowMs } from "../clock";
import type { Db } from "../store/db";

export const MAX_ATTEMPTS = 6;
const TIMEOUT_MS = 5000;

export interface WebhookDelivery {
  id: number;
  event: string;
  url: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** `sha256=<hex>` of the exact body bytes, as receivers verify it. */
export const signBody = (secret: string, body: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

/** Seconds to wait after the n-th failed attempt: 2, 4, 8, 16, 32. */
export const backoffSeconds = (attempts: number) => 2 ** attempts;

/** Queues an event when a webhook is configured (call inside the transaction of the change). */
export async function enqueueWebhook(db: Db, event: string, payload: Record<string, unknown>): Promise<number | null> {
  const url = getEnv().WORKBENCH_WEBHOOK_URL;
  if (!url) return null;
  const body = JSON.stringify({ event, ...payload });
  return Number(
    (await db.value<number>(
      "INSERT INTO webhook_deliveries (event, url, payload_json, status, created_at, next_attempt_at) VALUES (?, ?, ?, 'pending', ?, ?) RETURNING id",
      [event, url, body, nowIso(), nowIso()],
    ))!,
  );
}

export async function listWebhookDeliveries(db: Db, limit = 20): Promise<WebhookDelivery[]> {
  return (await db.all(
    `SELECT id, event, url, status, attempts, last_error AS "lastError", created_at AS "createdAt", next_attempt_at AS "nextAttemptAt", delivered_at AS "deliveredAt"
       FROM webhook_deliveries ORDER BY id DESC LIMIT ?`,
    [limit],
  )) as WebhookDelivery[];
}

async function attempt(db: Db, row: { id: number; event: string; url: string; payload_json: string; attempts: number }): Promise<void> {
  const secret = getEnv().WORKBENCH_WEBHOOK_SECRET ?? "";
  let error: string | null = null;
  try {
    const response = await fetch(row.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Workbench-Event": row.event,
        "X-Workbench-Delivery": String(row.id),
        "X-Workbench-Signature": signBody(secret, row.payload_json),
      },
      body: row.payload_json,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) error = `HTTP ${response.status}`;
  } catch (e) {
    error = (e as Error).message;
  }
  const attempts = row.attempts + 1;
  if (!error) {
    await db.run(
      "UPDATE webhook_deliveries SET status = 'delivered', attempts = ?, last_error = NULL, delivered_at = ?, next_attempt_at = NULL WHERE id = ?",
      [attempts, nowIso(), row.id],
    );
  } else if (attempts >= MAX_ATTEMPTS) {
    await db.run("UPDATE webhook_deliveries SET status = 'failed', attempts = ?, last_error = ?, next_attempt_at = NULL WHERE id = ?", [
      attempts,
      error,
      row.id,
    ]);
  } else {
    const next = new Date(nowMs() + backoffSeconds(attempts) * 1000).toISOString();
    await db.run("UPDATE webhook_deliveries SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?", [attempts, error, next, row.id]);
  }
}

let running: Promise<void> | null = null;

/**
 * Takes a due delivery for this process: its next attempt moves past the send's timeout, in one statement that only
 * one instance can win (the others see it is no longer due). An instance that dies while sending leaves it to be
 * retried when that time passes: receivers get each event at least once, and deduplicate by X-Workbench-Delivery.
 */
export async function claimDelivery(db: Db, row: { id: number; next_attempt_at: string }): Promise<boolean> {
  const lease = new Date(nowMs() + 2 * TIMEOUT_MS).toISOString();
  const { changes } = await db.run("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ? AND status = 'pending' AND next_attempt_at = ?", [
    lease,
    row.id,
    row.next_attempt_at,
  ]);
  return changes === 1;
}

/** One attempt for every delivery that is due; concurrent calls share the run; each delivery goes out from one instance. */
export async function deliverDueWebhooks(db: Db): Promise<void> {
  running ??= (async () => {
    const due = (await db.all(
      "SELECT id, event, url, payload_json, attempts, next_attempt_at FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id",
      [nowIso()],
    )) as { id: number; event: string; url: string; payload_json: string; attempts: number; next_attempt_at: string }[];
    for (const row of due) if (await claimDelivery(db, row)) await attempt(db, row);
  })().finally(() => (running = null));
  return running;
}

let timer: NodeJS.Timeout | null = null;

/** In the server: retries due deliveries every second (cheap when none is pending). */
export function startWebhookWorker(db: Db): void {
  if (timer || !getEnv().WORKBENCH_WEBHOOK_URL) return;
  timer = setInterval(() => void deliverDueWebhooks(db).catch(() => undefined), 1000);
  timer.unref();
}
