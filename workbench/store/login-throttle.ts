import { nowMs } from "../clock";
import type { Db } from "./db";

/** After this many failures for one username from one client within the window, sign-in is refused. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;
/** Failures from one client across all usernames (password spraying) within the window. */
export const MAX_CLIENT_FAILURES = 20;

export interface ThrottleState {
  blocked: boolean;
  retryAfterSeconds: number;
}

export function loginThrottle(db: Db, username: string, client: string, now = nowMs()): ThrottleState {
  const failures = db
    .prepare(
      `SELECT at FROM login_attempts
       WHERE username = ? AND client = ? AND succeeded = 0 AND at > ?
         AND at > COALESCE((SELECT MAX(at) FROM login_attempts WHERE username = ? AND client = ? AND succeeded = 1), 0)
       ORDER BY at`,
    )
    .pluck()
    .all(username, client, now - WINDOW_MS, username, client) as number[];
  const clientFailures = db
    .prepare("SELECT at FROM login_attempts WHERE client = ? AND succeeded = 0 AND at > ? ORDER BY at")
    .pluck()
    .all(client, now - WINDOW_MS) as number[];
  const retryAfter = (list: number[], max: number) => Math.max(1, Math.ceil((list[list.length - max]! + WINDOW_MS - now) / 1000));
  if (failures.length >= MAX_FAILURES) return { blocked: true, retryAfterSeconds: retryAfter(failures, MAX_FAILURES) };
  if (clientFailures.length >= MAX_CLIENT_FAILURES) {
    return { blocked: true, retryAfterSeconds: retryAfter(clientFailures, MAX_CLIENT_FAILURES) };
  }
  return { blocked: false, retryAfterSeconds: 0 };
}

export function recordLoginAttempt(db: Db, username: string, client: string, succeeded: boolean, now = nowMs()): void {
  db.prepare("INSERT INTO login_attempts (username, client, at, succeeded) VALUES (?, ?, ?, ?)").run(username, client, now, succeeded ? 1 : 0);
  // Keep the table small: attempts older than a day are of no use to the throttle.
  db.prepare("DELETE FROM login_attempts WHERE at < ?").run(now - 86_400_000);
}
