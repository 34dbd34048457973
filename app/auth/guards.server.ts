import { json, redirect } from "@remix-run/node";
import { getDb } from "~/store/context.server";
import { sessionUserId } from "../../workbench/store/sessions";
import { tokenCredential } from "../../workbench/store/tokens";
import { getUser, roleAtLeast, type Role, type User } from "../../workbench/store/users";
import { csrfMatches, getSession } from "./session.server";

export type AuthVia = "session" | "token";

// The credential each request's user came with (a fresh User object per request), for actorOf and request budgets.
const credentials = new WeakMap<User, { text: string; tokenId?: number }>();

/** The API token a request's user came with, if it came with one. */
export const tokenIdOf = (user: User): number | undefined => credentials.get(user)?.tokenId;

/** The signed-in user (session cookie or bearer token), or null. Disabled users and ended or expired sessions count as none. */
export async function getOptionalUser(request: Request): Promise<{ user: User; via: AuthVia } | null> {
  const authorization = request.headers.get("Authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const found = match ? await tokenCredential(getDb(), match[1]!) : undefined;
    if (!found) return null;
    credentials.set(found.user, { text: found.credential, tokenId: found.tokenId });
    return { user: found.user, via: "token" };
  }
  const session = await getSession(request);
  const sid = session.get("sid");
  const userId = sid ? await sessionUserId(getDb(), sid) : undefined;
  if (!userId) return null;
  const user = await getUser(getDb(), userId);
  if (!user || user.disabled) return null;
  credentials.set(user, { text: "session" });
  return { user, via: "session" };
}

const wantsJson = (request: Request) => new URL(request.url).pathname.startsWith("/api/") || request.headers.has("Authorization");

export const CHANGE_PASSWORD_PATH = "/account/password";

export async function requireUser(request: Request): Promise<User> {
  const found = await getOptionalUser(request);
  if (found) {
    // a seeded account outside demo mode chooses its own password before it may do anything else
    if (found.via === "session" && found.user.mustChangePassword && new URL(request.url).pathname !== CHANGE_PASSWORD_PATH) {
      throw redirect(CHANGE_PASSWORD_PATH);
    }
    return found.user;
  }
  if (wantsJson(request)) {
    throw json(
      { error: "Sign in or send 'Authorization: Bearer <token>' (create one with `npx workbench token create`)." },
      { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="workbench"' } },
    );
  }
  const url = new URL(request.url);
  throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
}

/** Throws 403 naming the role that was required and the one the user has. Roles are ordered viewer < analyst < admin. */
export async function requireUserWithRole(request: Request, role: Role): Promise<User> {
  const user = await requireUser(request);
  if (!roleAtLeast(user.role, role)) {
    throw json(
      {
        error: `Forbidden: this requires the ${role} role; you are signed in as ${user.username} (${user.role}).`,
        requiredRole: role,
      },
      { status: 403 },
    );
  }
  return user;
}

/**
 * A change through the JSON API: a bearer token (a browser session there would let another site post on the user's
 * behalf; pages post forms with a CSRF token instead) and at least `role`.
 */
export async function requireApiUserWithRole(request: Request, role: Role): Promise<User> {
  const user = await requireUserWithRole(request, role);
  if (credentials.get(user)?.tokenId === undefined) {
    throw json({ error: "Forbidden: changes through the JSON API need 'Authorization: Bearer <token>', not a browser session." }, { status: 403 });
  }
  return user;
}

/**
 * Defends a form post against cross-site request forgery: the Origin (when the browser sends one)
 * must be this site, and the form must carry the session's CSRF token.
 */
export async function assertCsrf(request: Request, formData: FormData): Promise<void> {
  const origin = request.headers.get("Origin");
  // the Host the client connected to; a proxy's X-Forwarded-Host is not trusted here
  const host = request.headers.get("Host");
  if (origin && origin !== "null" && host && originHost(origin) !== host) {
    throw json({ error: "Forbidden: cross-site form post." }, { status: 403 });
  }
  const session = await getSession(request);
  if (!csrfMatches(session, formData.get("csrf"))) {
    throw json({ error: "Forbidden: the form's security token is missing or out of date. Reload the page and try again." }, { status: 403 });
  }
}

/** The host of an Origin header, or null when it is not a URL (a malformed Origin is refused, not a 500). */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** An identifier of the client for throttling and the audit log, from the server's socket. */
export function clientAddress(context: unknown): string {
  const address = (context as { clientAddress?: string } | undefined)?.clientAddress;
  return address ?? "unknown";
}

/** Actor for the audit log, with the client address when the route has its load context. */
export const actorOf = (user: User, context?: unknown) => ({
  id: user.id,
  username: user.username,
  ...(context ? { client: clientAddress(context) } : {}),
  ...(credentials.has(user) ? { credential: credentials.get(user)!.text } : {}),
});
