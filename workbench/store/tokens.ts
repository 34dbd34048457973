import { randomBytes } from "node:crypto";
import { sha256 as hashToken } from "../sha256";
import { audit, type Actor } from "./audit";
import { nowIso, nowMs } from "../clock";
import type { Db } from "./db";
import { getUser, UserError, type User } from "./users";

const PREFIX = "hsw_";

export interface TokenInfo {
  id: number;
  userId: number;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

// Tokens carry 256 random bits, so a fast hash is enough; only the hash is stored.

/** Creates an API bearer token; the plain token is returned once and never stored. */
export async function createToken(
  db: Db,
  userId: number,
  name: string,
  actor: Actor,
  expiresInDays?: number,
): Promise<{ token: string; info: TokenInfo }> {
  const token = PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = expiresInDays ? new Date(nowMs() + expiresInDays * 86_400_000).toISOString() : null;
  return db.transaction(async (db) => {
    const user = await getUser(db, userId);
    if (!user) throw new UserError(`no user with id ${userId}`);
    const id = Number(
      (await db.value<number>(
        "INSERT INTO api_tokens (user_id, name, prefix, token_hash, created_at, expires_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [userId, name, token.slice(0, PREFIX.length + 6), hashToken(token), nowIso(), expiresAt, actor.username],
      ))!,
    );
    await audit(db, {
      actor,
      action: "token.create",
      targetType: "api_token",
      targetId: id,
      after: { user: user.username, name, expiresAt },
    });
    return { token, info: (await listTokens(db, userId)).find((t) => t.id === id)! };
  });
}

export async function listTokens(db: Db, userId?: number): Promise<TokenInfo[]> {
  const rows = (await db.all(
    `SELECT id, user_id AS "userId", name, prefix, created_at AS "createdAt", expires_at AS "expiresAt",
              last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
       FROM api_tokens ${userId === undefined ? "" : "WHERE user_id = ?"} ORDER BY id`,
    [...(userId === undefined ? [] : [userId])],
  )) as TokenInfo[];
  return rows;
}

/** The active user a bearer token belongs to, or undefined (unknown, revoked, expired, user disabled). */
export const userForToken = async (db: Db, token: string): Promise<User | undefined> => (await tokenCredential(db, token))?.user;

/**
 * The user of an active bearer token and the credential as the audit and the request page name it (which token, who
 * created it and when: a CLI-created token is the operator's break-glass path).
 */
export async function tokenCredential(db: Db, token: string): Promise<{ user: User; credential: string; tokenId: number } | undefined> {
  if (!token.startsWith(PREFIX)) return undefined;
  const row = (await db.get("SELECT id, user_id, name, created_at, created_by, expires_at, revoked_at FROM api_tokens WHERE token_hash = ?", [
    hashToken(token),
  ])) as
    | {
        id: number;
        user_id: number;
        name: string;
        created_at: string;
        created_by: string | null;
        expires_at: string | null;
        revoked_at: string | null;
      }
    | undefined;
  if (!row || row.revoked_at || (row.expires_at && row.expires_at < nowIso())) return undefined;
  const user = await getUser(db, row.user_id);
  if (!user || user.disabled) return undefined;
  await db.run("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", [nowIso(), row.id]);
  return {
    user,
    tokenId: row.id,
    credential: `API token #${row.id} '${row.name}', created by ${row.created_by ?? "(unknown)"} at ${row.created_at}`,
  };
}

export async function revokeToken(db: Db, tokenId: number, actor: Actor): Promise<void> {
  await db.transaction(async (db) => {
    const changed = (await db.run("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [nowIso(), tokenId])).changes;
    if (changed === 0) throw new UserError(`no active token with id ${tokenId} (see \`workbench token list\`)`);
    await audit(db, { actor, action: "token.revoke", targetType: "api_token", targetId: tokenId });
  });
}
