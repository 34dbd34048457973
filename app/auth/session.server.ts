import { createCookieSessionStorage, type Session } from "@remix-run/node";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { getEnv } from "../../workbench/config/env";
import { getStore } from "~/store/context.server";
import { createSession, SESSION_MAX_AGE_SECONDS } from "../../workbench/store/sessions";

interface SessionData {
  /** the server-side session (workbench/store/sessions.ts) once signed in */
  sid: string;
  csrf: string;
}

let storage: ReturnType<typeof createCookieSessionStorage<SessionData>> | undefined;

function sessionStorage() {
  storage ??= createCookieSessionStorage<SessionData>({
    cookie: {
      name: "__workbench",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: getEnv().WORKBENCH_SECURE_COOKIES,
      secrets: [getStore().sessionSecret],
      maxAge: SESSION_MAX_AGE_SECONDS,
    },
  });
  return storage;
}

export type WorkbenchSession = Session<SessionData>;

export function getSession(request: Request): Promise<WorkbenchSession> {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

export function commitSession(session: WorkbenchSession): Promise<string> {
  return sessionStorage().commitSession(session);
}

export function destroySession(session: WorkbenchSession): Promise<string> {
  return sessionStorage().destroySession(session);
}

/** The session's CSRF token, creating one when the session has none yet. */
export function ensureCsrfToken(session: WorkbenchSession): { token: string; created: boolean } {
  const existing = session.get("csrf");
  if (existing) return { token: existing, created: false };
  return { token: rotateCsrfToken(session), created: true };
}

/**
 * The session of a user who just proved who they are: a new server-side session and a new CSRF token, so nothing from
 * before (sign-in, or a password change that ended every session) carries over.
 */
export async function startSignedInSession(session: WorkbenchSession, userId: number, client: string | null): Promise<void> {
  session.set("sid", await createSession(getStore().db, userId, client));
  rotateCsrfToken(session);
}

/** A fresh CSRF token (at sign-in: a token seen before signing in is worth nothing after). */
function rotateCsrfToken(session: WorkbenchSession): string {
  const token = randomBytes(24).toString("base64url");
  session.set("csrf", token);
  return token;
}

export function csrfMatches(session: WorkbenchSession, submitted: unknown): boolean {
  const expected = session.get("csrf");
  if (!expected || typeof submitted !== "string") return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(submitted);
  return a.length === b.length && timingSafeEqual(a, b);
}
