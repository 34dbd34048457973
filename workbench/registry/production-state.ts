// Which model version is in production, and since when: the one module that writes a version's status and the
// production history (append-only rows with started/ended), and that every reader asks. The database backs it with a
// partial unique index (one production version at a time).
import type { Actor } from "../store/audit";
import { type Db } from "../store/db";
import { nowIso } from "../clock";
import { VERSION_COLUMNS, type RegisteredVersion } from "./model-version";

export type ProductionReason = "seed" | "promotion" | "rollback";

/** The version in production now (of one model name, when given). */
export async function productionVersion(db: Db, name?: string): Promise<RegisteredVersion | undefined> {
  return (await db.get(
    `SELECT ${VERSION_COLUMNS} FROM model_versions WHERE status = 'production' ${name ? "AND name = ?" : ""} ORDER BY status_changed_at DESC LIMIT 1`,
    [...(name ? [name] : [])],
  )) as RegisteredVersion | undefined;
}

/**
 * Puts a version into production: the current one (if any) is archived (or, after a rollback, a candidate again) and
 * its history row ended, the next one gets a history row saying who and why. Call inside the caller's transaction.
 */
export async function switchProduction(
  db: Db,
  change: { name: string; current: { id: number } | undefined; nextId: number; reason: ProductionReason; requestId?: number | null },
  actor: Actor,
  now = nowIso(),
): Promise<void> {
  if (change.current) {
    const leaving = change.reason === "rollback" ? "candidate" : "archived";
    await db.run("UPDATE model_versions SET status = ?, status_changed_at = ? WHERE id = ?", [leaving, now, change.current.id]);
    await db.run("UPDATE production_history SET ended_at = ? WHERE ended_at IS NULL", [now]);
  }
  await db.run("UPDATE model_versions SET status = 'production', status_changed_at = ? WHERE id = ?", [now, change.nextId]);
  await db.run(
    "INSERT INTO production_history (model_name, model_version_id, started_at, started_by, reason, promotion_request_id) VALUES (?, ?, ?, ?, ?, ?)",
    [change.name, change.nextId, now, actor.username, change.reason, change.requestId ?? null],
  );
}

/** Archived versions become candidates again (the demo reset); returns how many. Call inside a transaction. */
export async function archivedToCandidates(db: Db, now = nowIso()): Promise<number> {
  return (await db.run("UPDATE model_versions SET status = 'candidate', status_changed_at = ? WHERE status = 'archived'", [now])).changes;
}

/**
 * Where a rollback may go: only back to the version the current production replaced through an approved promotion.
 * Production that came from a seed or from a rollback has nothing to roll back to (a second rollback would put a
 * version into production without anyone's approval).
 */
export async function rollbackTarget(
  db: Db,
): Promise<{ ok: true; target: { id: number; name: string; version: string } } | { ok: false; reason: string }> {
  const row = (await db.get(`SELECT h.reason, b.id, b.name, b.version, b.status FROM production_history h
       LEFT JOIN promotion_requests r ON r.id = h.promotion_request_id LEFT JOIN model_versions b ON b.id = r.baseline_version_id
       WHERE h.ended_at IS NULL`)) as { reason: ProductionReason; id: number | null; name: string; version: string; status: string } | undefined;
  if (!row) return { ok: false, reason: "no model version is in production" };
  if (row.reason !== "promotion") {
    return { ok: false, reason: `production came from a ${row.reason}, not an approved promotion: there is no approved change to undo` };
  }
  // a promotion's request names the version it replaced (its foreign key keeps that version), or none: the first
  if (row.id === null) return { ok: false, reason: "production's first version replaced none: there is no earlier version to put back" };
  if (row.status !== "archived") return { ok: false, reason: "the version production replaced is not available any more" };
  return { ok: true, target: { id: row.id, name: row.name, version: row.version } };
}

export interface ProductionAt {
  name: string;
  version: string;
  sha256: string;
  since: string;
  until: string | null;
  by: string;
  reason: ProductionReason;
  requestId: number | null;
}

const HISTORY_SELECT = `SELECT h.model_name AS name, v.version, v.sha256, h.started_at AS since, h.ended_at AS until, h.started_by AS by, h.reason,
       h.promotion_request_id AS "requestId"
  FROM production_history h JOIN model_versions v ON v.id = h.model_version_id`;

/** What was in production at an instant (ISO 8601), from the production history (one row, or none before the first). */
export async function productionAt(db: Db, at: string): Promise<ProductionAt[]> {
  return (await db.all(`${HISTORY_SELECT} WHERE h.started_at <= ? AND (h.ended_at IS NULL OR h.ended_at > ?) ORDER BY h.model_name`, [
    at,
    at,
  ])) as ProductionAt[];
}

export async function productionHistory(db: Db): Promise<ProductionAt[]> {
  return (await db.all(`${HISTORY_SELECT} ORDER BY h.started_at DESC, h.id DESC`)) as ProductionAt[];
}

/** A candidate archived by an admin, or an archived version restored as a candidate (the caller checks and audits). */
export async function setArchivedStatus(db: Db, versionId: number, archived: boolean, now = nowIso()): Promise<void> {
  await db.run("UPDATE model_versions SET status = ?, status_changed_at = ? WHERE id = ?", [archived ? "archived" : "candidate", now, versionId]);
}
