import { z } from "zod";
import { audit } from "../../workbench/store/audit";
import type { Db } from "../../workbench/store/db";
import { beginLoginAttempt, markLoginSucceeded } from "../../workbench/store/login-throttle";
import { verifyLogin, type User } from "../../workbench/store/users";

export const loginFormSchema = z.object({
  username: z.string({ error: "Enter your username." }).trim().min(1, { error: "Enter your username." }).max(64),
  password: z.string({ error: "Enter your password." }).min(1, { error: "Enter your password." }).max(1024),
  redirectTo: z.string().optional(),
});

export type LoginResult = { ok: true; user: User } | { ok: false; status: 400 | 401 | 429; error: string; retryAfterSeconds?: number };

/** Checks credentials with throttling, and writes sign-in / failed sign-in / blocked to the audit log. */
export async function attemptLogin(db: Db, username: string, password: string, client: string): Promise<LoginResult> {
  const throttle = await beginLoginAttempt(db, username, client);
  if (throttle.blocked) {
    await audit(db, {
      actor: { id: null, username },
      action: "auth.sign-in-blocked",
      client,
      after: { retryAfterSeconds: throttle.retryAfterSeconds, limit: throttle.limit },
    });
    const minutes = Math.ceil(throttle.retryAfterSeconds / 60);
    return {
      ok: false,
      status: 429,
      error: `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      retryAfterSeconds: throttle.retryAfterSeconds,
    };
  }
  const user = await verifyLogin(db, username, password);
  await db.transaction(async (db) => {
    if (user) await markLoginSucceeded(db, throttle.attemptId);
    await audit(db, {
      actor: user ? { id: user.id, username: user.username } : { id: null, username },
      action: user ? "auth.sign-in" : "auth.sign-in-failed",
      targetType: "user",
      targetId: user?.id,
      client,
    });
  });
  return user ? { ok: true, user } : { ok: false, status: 401, error: "Wrong username or password." };
}

/** Only same-site paths are allowed as a post-login destination (no open redirects). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/overview"): string {
  // Only a path on this site: browsers drop tabs and newlines and read "\\" as "/", so "/\t/evil" and "/\\evil" would
  // leave it; refuse any control character, space or backslash, and anything that does not stay on our origin.
  if (typeof to !== "string" || to.length > 2000 || !to.startsWith("/")) return fallback;
  if ([...to].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f || c === "\\")) return fallback;
  const base = "http://workbench.invalid";
  const url = new URL(to, base);
  return url.origin === base && !to.startsWith("//") ? url.pathname + url.search + url.hash : fallback;
}
