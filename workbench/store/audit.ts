import type { Db } from "./db";
import { nowIso } from "../clock";

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

/** Appends one entry. Call it inside the same transaction as the change it records. */
export function audit(db: Db, entry: AuditInput): void {
  db.prepare(
    `INSERT INTO audit_log (at, actor_id, actor, action, target_type, target_id, before_json, after_json, client)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    nowIso(),
    entry.actor.id,
    entry.actor.username,
    entry.action,
    entry.targetType ?? null,
    entry.targetId === undefined ? null : String(entry.targetId),
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
    entry.client ?? entry.actor.client ?? null,
  );
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

export function listAudit(db: Db, query: AuditQuery = {}): AuditEntry[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.action) {
    where.push("action LIKE ?");
    params.push(`${query.action}%`);
  }
  if (query.actor) {
    where.push("actor = ? COLLATE NOCASE");
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
  const rows = db
    .prepare(`SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`)
    .all(...params, query.limit ?? 200) as AuditRow[];
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
