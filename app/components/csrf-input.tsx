import { useRouteLoaderData } from "@remix-run/react";

/** Hidden field carrying the session's CSRF token (from the root loader); every POST form includes it. */
export function CsrfInput() {
  const data = useRouteLoaderData<{ csrf?: string }>("root");
  return <input type="hidden" name="csrf" value={data?.csrf ?? ""} />;
}
