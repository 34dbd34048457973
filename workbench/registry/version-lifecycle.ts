// Keeping the registry tidy without losing anything: archive a version nobody should pick any more, restore it, and
// notes per version. Every change is audited; notes are append-only (the database refuses edits).
import type { Db } from "../store/db";
import { audit, type Actor } from "../store/audit";
import { nowIso } from "../clock";
import { roleAtLeast, type Role } from "./roles";
import { formatModelRef } from "./model-ref";
import { resolveVersion, RegistryError } from "./model-registry";
import { setArchivedStatus } from "./production-state";

export class LifecycleError extends RegistryError {
  override name = "LifecycleError";
  constructor(
    message: string,
    readonly status: 400 | 403 | 409,
  ) {
    super(message);
  }
}

/** An admin archives a candidate (hidden from Classify and the defaults, kept with its evidence) or restores one. */
export async function setArchived(db: Db, ref: string, archive: boolean, reason: string, user: { role: Role }, actor: Actor): Promise<void> {
  if (user.role !== "admin") throw new LifecycleError(`archiving and restoring versions needs the admin role (you are ${user.role})`, 403);
  if (!reason.trim()) throw new LifecycleError("a reason is required", 400);
  await db.transaction(async (db) => {
    const v = await resolveVersion(db, ref);
    if (archive && v.status !== "candidate") throw new LifecycleError(`${formatModelRef(v)} is ${v.status}; only a candidate can be archived`, 409);
    if (!archive && v.status !== "archived") throw new LifecycleError(`${formatModelRef(v)} is ${v.status}, not archived`, 409);
    const open = (await db.get("SELECT id FROM promotion_requests WHERE candidate_version_id = ? AND status = 'open'", [v.id])) as
      { id: number } | undefined;
    if (open) throw new LifecycleError(`request #${open.id} for ${formatModelRef(v)} is open; decide or withdraw it first`, 409);
    const status = archive ? "archived" : "candidate";
    await setArchivedStatus(db, v.id, archive);
    await audit(db, {
      actor,
      action: archive ? "model.archive" : "model.restore",
      targetType: "model_version",
      targetId: v.id,
      before: { status: v.status },
      after: { status, reason: reason.trim() },
    });
  });
}

export interface VersionNote {
  id: number;
  body: string;
  author: string;
  at: string;
}

export async function notesOf(db: Db, versionId: number): Promise<VersionNote[]> {
  return (await db.all("SELECT id, body, author, at FROM model_version_notes WHERE version_id = ? ORDER BY id DESC", [versionId])) as VersionNote[];
}

/** An analyst or admin adds a note to a version (audited). */
export async function addNote(db: Db, ref: string, body: string, user: { role: Role }, actor: Actor): Promise<VersionNote> {
  if (!roleAtLeast(user.role, "analyst")) throw new LifecycleError(`adding a note needs the analyst or admin role (you are ${user.role})`, 403);
  const text = body.trim();
  if (!text || text.length > 4000) throw new LifecycleError("a note has 1 to 4,000 characters", 400);
  return db.transaction(async (db) => {
    const v = await resolveVersion(db, ref);
    const at = nowIso();
    const id = Number(
      (await db.value<number>("INSERT INTO model_version_notes (version_id, body, author, at) VALUES (?, ?, ?, ?) RETURNING id", [
        v.id,
        text,
        actor.username,
        at,
      ]))!,
    );
    await audit(db, { actor, action: "model.note", targetType: "model_version", targetId: v.id, after: { note: id, length: text.length } });
    return { id, body: text, author: actor.username, at };
  });
}
