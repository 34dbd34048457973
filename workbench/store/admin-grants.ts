// Granting the admin role takes two admins: one asks, another (not the one asked for) confirms. Without this one
// person could create a second admin account and approve their own promotion request (four-eyes defeated).
import { nowIso } from "../clock";
import { audit, type Actor } from "./audit";
import type { Db } from "./db";
import { getUser, setRole, UserError, type User } from "./users";

export interface AdminGrant {
  id: number;
  user: { id: number; username: string };
  requestedBy: { id: number; username: string };
  requestedAt: string;
  status: "pending" | "confirmed" | "rejected";
  decidedBy: { id: number; username: string } | null;
  decidedAt: string | null;
}

interface GrantRow {
  id: number;
  user_id: number;
  username: string;
  requested_by: number;
  requested_by_name: string;
  requested_at: string;
  status: AdminGrant["status"];
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
}

const SELECT = `SELECT g.*, u.username, r.username AS requested_by_name, d.username AS decided_by_name
  FROM role_grants g JOIN users u ON u.id = g.user_id JOIN users r ON r.id = g.requested_by LEFT JOIN users d ON d.id = g.decided_by`;

const toGrant = (r: GrantRow): AdminGrant => ({
  id: r.id,
  user: { id: r.user_id, username: r.username },
  requestedBy: { id: r.requested_by, username: r.requested_by_name },
  requestedAt: r.requested_at,
  status: r.status,
  decidedBy: r.decided_by === null ? null : { id: r.decided_by, username: r.decided_by_name! },
  decidedAt: r.decided_at,
});

export async function listAdminGrants(db: Db, filter: { status?: AdminGrant["status"] } = {}): Promise<AdminGrant[]> {
  const rows = await db.all(`${SELECT} ${filter.status ? "WHERE g.status = ?" : ""} ORDER BY g.id DESC`, [...(filter.status ? [filter.status] : [])]);
  return (rows as GrantRow[]).map(toGrant);
}

const requireAdmin = (user: User, what: string) => {
  if (user.role !== "admin" || user.disabled) throw new UserError(`only an admin can ${what} (you are ${user.role})`);
};

/** An admin asks for another user to become admin; nothing changes until a second admin confirms. */
export async function requestAdminGrant(db: Db, userId: number, requester: User, actor: Actor): Promise<AdminGrant> {
  requireAdmin(requester, "ask for the admin role to be granted");
  return db.transaction(async (db) => {
    const target = await getUser(db, userId);
    if (!target) throw new UserError(`no user with id ${userId}`);
    if (target.role === "admin") throw new UserError(`${target.username} is already an admin`);
    if (target.disabled) throw new UserError(`${target.username} is disabled`);
    const pending = (await db.get("SELECT id FROM role_grants WHERE user_id = ? AND status = 'pending'", [userId])) as { id: number } | undefined;
    if (pending) throw new UserError(`the admin role for ${target.username} already waits for confirmation (grant #${pending.id})`);
    const id = Number(
      (await db.value<number>(
        "INSERT INTO role_grants (user_id, role, requested_by, requested_at, status) VALUES (?, 'admin', ?, ?, 'pending') RETURNING id",
        [userId, requester.id, nowIso()],
      ))!,
    );
    await audit(db, {
      actor,
      action: "user.admin-grant-request",
      targetType: "user",
      targetId: userId,
      after: { username: target.username, grant: id },
    });
    return (await listAdminGrants(db)).find((g) => g.id === id)!;
  });
}

/** Why `user` cannot decide `grant`, or null (the page explains missing buttons with it). */
export function grantRefusal(grant: AdminGrant, user: User): string | null {
  if (grant.status !== "pending") return `grant #${grant.id} was already ${grant.status}`;
  if (user.role !== "admin" || user.disabled) return `only an admin can confirm the admin role (you are ${user.role})`;
  if (user.id === grant.requestedBy.id) return "two admins are needed: you asked for this grant, so another admin must confirm or reject it";
  if (user.id === grant.user.id) return "nobody confirms their own admin role";
  return null;
}

/** A second admin confirms (the role changes now) or rejects a pending grant; audited either way. */
export async function decideAdminGrant(db: Db, grantId: number, confirm: boolean, decider: User, actor: Actor): Promise<AdminGrant> {
  return db.transaction(async (db) => {
    const grant = (await listAdminGrants(db)).find((g) => g.id === grantId);
    if (!grant) throw new UserError(`no admin grant #${grantId}`);
    const refusal = grantRefusal(grant, decider);
    if (refusal) throw new UserError(refusal);
    const now = nowIso();
    await db.run("UPDATE role_grants SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'", [
      confirm ? "confirmed" : "rejected",
      decider.id,
      now,
      grantId,
    ]);
    if (confirm) await setRole(db, grant.user.id, "admin", actor, { grant: { requestedBy: grant.requestedBy.id, confirmedBy: decider.id } });
    await audit(db, {
      actor,
      action: confirm ? "user.admin-grant-confirm" : "user.admin-grant-reject",
      targetType: "user",
      targetId: grant.user.id,
      after: { username: grant.user.username, grant: grantId, requestedBy: grant.requestedBy.username },
    });
    return (await listAdminGrants(db)).find((g) => g.id === grantId)!;
  });
}
