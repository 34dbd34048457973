import type { Db, SqlValue } from "./db";
import { nowIso } from "../clock";
import { entryContent, linkHash, type ChainedFields } from "./audit-chain";

export interface Actor {
  id: number | null;
  username: string;
  /** Network address or CLI account the action came from, when known. */
  client?: string;
  /** the credential that authenticated the action: "session", or which API token (and who created it, when) */
  credential?: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, username: "system" };

export type AuditAction =
  | "auth.sign-in"
  | "auth.sign-in-failed"
  | "auth.sign-in-blocked"
  | "auth.sign-out"
  | "auth.sign-out-everywhere"
  | "user.create"
  | "user.role-change"
  | "user.admin-grant-request"
  | "user.admin-grant-confirm"
  | "user.admin-grant-reject"
  | "user.password-change"
  | "user.disable"
  | "user.enable"
  | "token.create"
  | "token.revoke"
  | "model.register"
  | "model.archive"
  | "model.restore"
  | "model.note"
  | "extract.register"
  | "extract.predict"
  | "extract.remove"
  | "promotion.request"
  | "promotion.approve"
  | "promotion.reject"
  | "promotion.override"
  | "promotion.rollback"
  | "demo.reset";

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actor: string;
  action: AuditAction;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  client: string | null;
}

export interface AuditInput {
  actor: Actor;
  action: AuditAction;
  targetType?: string;
  targetId?: string | number;
  before?: unknown;
  after?: unknown;
  client?: string | null;
}

/**
 * Appends one entry, chained to the one before it. Call it inside the same transaction as the change it records. The
 * previous hash is read by the INSERT itself, under the database's write lock, so two processes never chain to the
 * same entry.
 */
export async function audit(db: Db, entry: AuditInput): Promise<void> {
  const fields: ChainedFields = {
    at: nowIso(),
    actor_id: entry.actor.id,
    actor: entry.actor.username,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId === undefined ? null : String(entry.targetId),
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    client: entry.client ?? entry.actor.client ?? null,
  };
  await db.run(
    `INSERT INTO audit_log (at, actor_id, actor, action, target_type, target_id, before_json, after_json, client, prev_hash, hash)
     SELECT ?, CAST(? AS INTEGER), ?, ?, ?, ?, ?, ?, ?, last.hash, audit_link(last.hash, ?)
     FROM (SELECT (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS hash) AS last`,
    [
      fields.at,
      fields.actor_id,
      fields.actor,
      fields.action,
      fields.target_type,
      fields.target_id,
      fields.before_json,
      fields.after_json,
      fields.client,
      entryContent(fields),
    ],
  );
}

/** Walks the chain from the first entry; the first entry whose link does not hold, if any. */
export async function verifyAuditChain(
  db: Db,
): Promise<{ ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; problem: string }> {
  const rows = await db.all<ChainedFields & { id: number; prev_hash: string | null; hash: string | null }>("SELECT * FROM audit_log ORDER BY id");
  let previous: string | null = null;
  let entries = 0;
  for (const row of rows) {
    entries++;
    if (row.prev_hash !== previous)
      return { ok: false, entries, brokenAt: row.id, problem: "it does not follow the entry before it (an entry was removed or inserted)" };
    if (row.hash !== linkHash(previous, entryContent(row)))
      return { ok: false, entries, brokenAt: row.id, problem: "its content does not match its hash (it was changed)" };
    previous = row.hash;
  }
  return { ok: true, entries };
}

interface AuditRow {
  id: number;
  at: string;
  actor_id: number | null;
  actor: string;
  action: AuditAction;
  target_type: string | null;
  target_id: string | null;
  before_json: string | null;
  after_json: string | null;
  client: string | null;
}

export interface AuditQuery {
  action?: string;
  actor?: string;
  /** ISO instants, inclusive */
  from?: string;
  to?: string;
  limit?: number;
  beforeId?: number;
}

export async function listAudit(db: Db, query: AuditQuery = {}): Promise<AuditEntry[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (query.action) {
    where.push("action LIKE ?");
    params.push(`${query.action}%`);
  }
  if (query.actor) {
    where.push("lower(actor) = lower(?)");
    params.push(query.actor);
  }
  if (query.from) {
    where.push("at >= ?");
    params.push(query.from);
  }
  if (query.to) {
    where.push("at <= ?");
    params.push(query.to);
  }
  if (query.beforeId) {
    where.push("id < ?");
    params.push(query.beforeId);
  }
  const rows = (await db.all(`SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`, [
    ...params,
    query.limit ?? 200,
  ])) as AuditRow[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actor: r.actor,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    before: r.before_json ? JSON.parse(r.before_json) : null,
    after: r.after_json ? JSON.parse(r.after_json) : null,
    client: r.client,
  }));
}
