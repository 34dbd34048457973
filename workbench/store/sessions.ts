// Sign-in sessions kept on the server: the browser's cookie holds a random id (only its sha256 is stored), and every
// request asks here whether it is still valid. Ending a session takes effect on the next request.
import { randomBytes } from "node:crypto";
import { sha256 as hashOf } from "../sha256";
import { nowIso, nowMs } from "../clock";
import type { Db } from "./db";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export type SessionEndReason = "sign-out" | "sign-out-everywhere" | "password-change" | "role-change" | "disabled" | "expired";

/** A new session for a user who just proved who they are; returns the id for the cookie (never stored as is). */
export async function createSession(db: Db, userId: number, client: string | null): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const now = nowMs();
  await db.run("INSERT INTO sessions (id_hash, user_id, created_at, expires_at, last_seen_at, client) VALUES (?, ?, ?, ?, ?, ?)", [
    hashOf(id),
    userId,
    new Date(now).toISOString(),
    new Date(now + SESSION_MAX_AGE_SECONDS * 1000).toISOString(),
    new Date(now).toISOString(),
    client,
  ]);
  return id;
}

/** The user of a valid session (not ended, not expired), or undefined. */
export async function sessionUserId(db: Db, id: string): Promise<number | undefined> {
  const row = (await db.get('SELECT user_id AS "userId", expires_at AS "expiresAt" FROM sessions WHERE id_hash = ? AND ended_at IS NULL', [
    hashOf(id),
  ])) as { userId: number; expiresAt: string } | undefined;
  if (!row || row.expiresAt <= nowIso()) return undefined;
  return row.userId;
}

export async function endSession(db: Db, id: string, reason: SessionEndReason): Promise<void> {
  await db.run("UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id_hash = ? AND ended_at IS NULL", [nowIso(), reason, hashOf(id)]);
}

/** Ends every open session of a user; returns how many. Call inside the transaction of the change that causes it. */
export async function endUserSessions(db: Db, userId: number, reason: SessionEndReason): Promise<number> {
  return (await db.run("UPDATE sessions SET ended_at = ?, end_reason = ? WHERE user_id = ? AND ended_at IS NULL", [nowIso(), reason, userId]))
    .changes;
}
