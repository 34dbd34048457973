import { json } from "@remix-run/node";

/**
 * 405 naming the methods a route takes (and in Allow): an API route answers a wrong method with what to use, never
 * with the framework's bare "Unexpected Server Error" (a GET on a route that only has an action is otherwise a 400).
 */
export const methodNotAllowed = (...allow: string[]) =>
  json({ error: `Use ${allow.join(" or ")}` }, { status: 405, headers: { Allow: allow.join(", ") } });
