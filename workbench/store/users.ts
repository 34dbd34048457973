import { z } from "zod";
import { audit, type Actor } from "./audit";
import { nowIso } from "../clock";
import type { Db } from "./db";
import { endUserSessions } from "./sessions";
import { hashPassword, passwordProblem, verifyPassword } from "./password";

import { ROLES, type Role } from "../registry/roles";

export { ROLES, roleAtLeast, type Role } from "../registry/roles";

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  isDemo: boolean;
  disabled: boolean;
  createdAt: string;
  /** when the user got the admin role (null: not an admin), who asked for it and who confirmed it */
  adminSince: string | null;
  adminGrantedBy: number | null;
  adminConfirmedBy: number | null;
  /** a seeded account outside demo mode: must choose its own password before anything else */
  mustChangePassword: boolean;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  is_demo: number;
  disabled_at: string | null;
  created_at: string;
  admin_since: string | null;
  admin_granted_by: number | null;
  admin_confirmed_by: number | null;
  must_change_password: number;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  isDemo: r.is_demo === 1,
  disabled: r.disabled_at !== null,
  createdAt: r.created_at,
  adminSince: r.admin_since,
  adminGrantedBy: r.admin_granted_by,
  adminConfirmedBy: r.admin_confirmed_by,
  mustChangePassword: r.must_change_password === 1,
});

export const usernameSchema = z
  .string()
  .trim()
  .min(2, { error: "the username must have 2 to 64 characters" })
  .max(64, { error: "the username must have 2 to 64 characters" })
  .regex(/^[a-zA-Z0-9._-]+$/, { error: "the username may use letters, digits, '.', '_' and '-' only" });

export const roleSchema = z.enum(ROLES, { error: `the role must be one of ${ROLES.join(", ")}` });

export class UserError extends Error {
  override name = "UserError";
}

export interface NewUser {
  username: string;
  displayName?: string;
  role: Role;
  password: string;
  isDemo?: boolean;
  mustChangePassword?: boolean;
}

/**
 * Creates a user. The admin role is given directly only on the operator's path (the CLI and the demo seed:
 * `breakGlass`); on the Users page an admin is created with a lower role and a pending grant (admin-grants.ts).
 */
export async function createUser(db: Db, input: NewUser, actor: Actor, options: { breakGlass?: boolean } = {}): Promise<User> {
  const username = usernameSchema.parse(input.username);
  const role = roleSchema.parse(input.role);
  if (role === "admin" && !options.breakGlass)
    throw new UserError("the admin role is granted with a second admin's confirmation (Users page), not directly");
  const problem = passwordProblem(input.password);
  if (problem) throw new UserError(problem);
  const hash = await hashPassword(input.password);
  return db.transaction(async (db) => {
    if (await findUserByUsername(db, username)) throw new UserError(`a user named '${username}' already exists`);
    const now = nowIso();
    const id = Number(
      (await db.value<number>(
        `INSERT INTO users (username, display_name, role, password_hash, is_demo, created_at, updated_at, admin_since, admin_granted_by, must_change_password)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [
          username,
          input.displayName?.trim() || username,
          role,
          hash,
          input.isDemo ? 1 : 0,
          now,
          now,
          role === "admin" ? now : null,
          role === "admin" ? actor.id : null,
          input.mustChangePassword ? 1 : 0,
        ],
      ))!,
    );
    const user = (await getUser(db, id))!;
    await audit(db, { actor, action: "user.create", targetType: "user", targetId: id, after: { username, role } });
    return user;
  });
}

export async function getUser(db: Db, id: number): Promise<User | undefined> {
  const row = (await db.get("SELECT * FROM users WHERE id = ?", [id])) as UserRow | undefined;
  return row && toUser(row);
}

export async function findUserByUsername(db: Db, username: string): Promise<User | undefined> {
  const row = (await db.get("SELECT * FROM users WHERE username = ?", [username])) as UserRow | undefined;
  return row && toUser(row);
}

export async function listUsers(db: Db): Promise<User[]> {
  return ((await db.all("SELECT * FROM users ORDER BY username")) as UserRow[]).map(toUser);
}

/** Checks a password; undefined for unknown users, wrong passwords and disabled accounts alike. */
export async function verifyLogin(db: Db, username: string, password: string): Promise<User | undefined> {
  const row = (await db.get("SELECT * FROM users WHERE username = ?", [username])) as UserRow | undefined;
  if (!row) {
    // Spend the same time as a real check so response times do not reveal which usernames exist.
    await verifyPassword(password, DUMMY_HASH);
    return undefined;
  }
  const ok = await verifyPassword(password, row.password_hash);
  return ok && row.disabled_at === null ? toUser(row) : undefined;
}
const DUMMY_HASH = "scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA==$EmMZ5AFxdy1pp8QjW5Mr/N/gBpk9Xwk8c6s6e2cEqRY=";

/**
 * Changes a user's role. The admin role is given directly only on the operator's path (`breakGlass`: the CLI), or
 * as the confirmation of a pending grant (`grant`: who asked for it and who confirmed it).
 */
export async function setRole(
  db: Db,
  userId: number,
  role: Role,
  actor: Actor,
  options: { breakGlass?: boolean; grant?: { requestedBy: number; confirmedBy: number } } = {},
): Promise<User> {
  roleSchema.parse(role);
  return db.transaction(async (db) => {
    const before = await getUser(db, userId);
    if (!before) throw new UserError(`no user with id ${userId}`);
    if (before.role === role) return before;
    if (role === "admin" && !options.breakGlass && !options.grant) {
      throw new UserError("the admin role is granted with a second admin's confirmation, not directly");
    }
    if (before.role === "admin" && role !== "admin") await assertAnotherActiveAdmin(db, userId, "change the role of");
    const now = nowIso();
    await db.run("UPDATE users SET role = ?, updated_at = ?, admin_since = ?, admin_granted_by = ?, admin_confirmed_by = ? WHERE id = ?", [
      role,
      now,
      role === "admin" ? now : null,
      role === "admin" ? (options.grant?.requestedBy ?? actor.id) : null,
      role === "admin" ? (options.grant?.confirmedBy ?? null) : null,
      userId,
    ]);
    await endUserSessions(db, userId, "role-change");
    await audit(db, {
      actor,
      action: "user.role-change",
      targetType: "user",
      targetId: userId,
      before: { username: before.username, role: before.role },
      after: { username: before.username, role },
    });
    return (await getUser(db, userId))!;
  });
}

export async function setDisabled(db: Db, userId: number, disabled: boolean, actor: Actor): Promise<User> {
  return db.transaction(async (db) => {
    const before = await getUser(db, userId);
    if (!before) throw new UserError(`no user with id ${userId}`);
    if (before.disabled === disabled) return before;
    if (disabled && before.role === "admin") await assertAnotherActiveAdmin(db, userId, "disable");
    if (disabled && actor.id === userId) throw new UserError("you cannot disable your own account");
    await db.run("UPDATE users SET disabled_at = ?, updated_at = ? WHERE id = ?", [disabled ? nowIso() : null, nowIso(), userId]);
    if (disabled) await endUserSessions(db, userId, "disabled");
    await audit(db, {
      actor,
      action: disabled ? "user.disable" : "user.enable",
      targetType: "user",
      targetId: userId,
      before: { username: before.username, disabled: before.disabled },
      after: { username: before.username, disabled },
    });
    return (await getUser(db, userId))!;
  });
}

export async function setPassword(db: Db, userId: number, password: string, actor: Actor): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new UserError(problem);
  const hash = await hashPassword(password);
  await db.transaction(async (db) => {
    const user = await getUser(db, userId);
    if (!user) throw new UserError(`no user with id ${userId}`);
    await db.run("UPDATE users SET password_hash = ?, updated_at = ?, must_change_password = 0 WHERE id = ?", [hash, nowIso(), userId]);
    await endUserSessions(db, userId, "password-change");
    // The hash itself is never written to the audit log.
    await audit(db, { actor, action: "user.password-change", targetType: "user", targetId: userId, after: { username: user.username } });
  });
}

/** Four-eyes approval needs two admins; never let the last active one go. */
async function assertAnotherActiveAdmin(db: Db, userId: number, verb: string) {
  const others = (await db.value("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> ?", [userId])) as number;
  if (others === 0) throw new UserError(`cannot ${verb} the last active admin`);
}
