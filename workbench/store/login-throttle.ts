// Sign-in throttling with atomic counters. An attempt is recorded (as failed) before the password is checked, in one
// IMMEDIATE transaction with the counting, so parallel guesses cannot all slip through; a correct password turns the
// row into a success afterwards. Three limits, each with its own answer:
// - one account from one client: 5 failures in 15 minutes, then wait until the oldest leaves the window;
// - one account from anywhere: after 10 failures a backoff (30 s, doubling, at most 15 minutes) — except for clients
//   this account signed in from before, so an attacker elsewhere cannot lock the rightful owner out;
// - one client across accounts (password spraying): 30 failures in 15 minutes.
import { nowMs } from "../clock";
import type { Db, SqlValue } from "./db";

export const LIMITS = {
  windowMs: 15 * 60 * 1000,
  pair: 5,
  account: 10,
  client: 30,
  backoffStartMs: 30_000,
  backoffMaxMs: 15 * 60 * 1000,
  /** a client that signed in to the account within this time is a known one */
  knownClientMs: 30 * 86_400_000,
};

export type AttemptStart =
  { blocked: false; attemptId: number } | { blocked: true; retryAfterSeconds: number; limit: "account-client" | "account" | "client" };

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export async function beginLoginAttempt(db: Db, username: string, client: string, now = nowMs()): Promise<AttemptStart> {
  return db.transaction(async (db): Promise<AttemptStart> => {
    const since = now - LIMITS.windowMs;
    const lastSuccess = async (who: string, from?: string) =>
      (await db.value<number | null>(
        `SELECT MAX(at) FROM login_attempts WHERE username = ? ${from === undefined ? "" : "AND client = ?"} AND succeeded = 1`,
        from === undefined ? [who] : [who, from],
      )) ?? 0;
    const failuresAt = async (where: string, ...params: SqlValue[]) =>
      (await db.all<{ at: number }>(`SELECT at FROM login_attempts WHERE ${where} AND succeeded = 0 AND at > ? ORDER BY at`, [...params, since])).map(
        (r) => r.at,
      );

    const lastHere = await lastSuccess(username, client);
    const pair = await failuresAt("username = ? AND client = ? AND at > ?", username, client, lastHere);
    if (pair.length >= LIMITS.pair) {
      return { blocked: true, limit: "account-client", retryAfterSeconds: seconds(pair[pair.length - LIMITS.pair]! + LIMITS.windowMs - now) };
    }
    const spray = await failuresAt("client = ?", client);
    if (spray.length >= LIMITS.client) {
      return { blocked: true, limit: "client", retryAfterSeconds: seconds(spray[spray.length - LIMITS.client]! + LIMITS.windowMs - now) };
    }
    const knownClient = lastHere > now - LIMITS.knownClientMs;
    const account = await failuresAt("username = ? AND at > ?", username, await lastSuccess(username));
    if (!knownClient && account.length >= LIMITS.account) {
      const backoff = Math.min(LIMITS.backoffMaxMs, LIMITS.backoffStartMs * 2 ** (account.length - LIMITS.account));
      const wait = account[account.length - 1]! + backoff - now;
      if (wait > 0) return { blocked: true, limit: "account", retryAfterSeconds: seconds(wait) };
    }
    const attemptId = (await db.value<number>("INSERT INTO login_attempts (username, client, at, succeeded) VALUES (?, ?, ?, 0) RETURNING id", [
      username,
      client,
      now,
    ]))!;
    // keep the table small: attempts older than the known-client period are of no use
    await db.run("DELETE FROM login_attempts WHERE at < ?", [now - LIMITS.knownClientMs]);
    return { blocked: false, attemptId };
  });
}

/** A correct password: the attempt counts as a success (it ends the failures before it for this client). */
export async function markLoginSucceeded(db: Db, attemptId: number): Promise<void> {
  await db.run("UPDATE login_attempts SET succeeded = 1 WHERE id = ?", [attemptId]);
}
