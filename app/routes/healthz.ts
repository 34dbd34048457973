import { json } from "@remix-run/node";
import { getStore } from "~/store/context.server";
import { storeHealth } from "../../workbench/store/boot";

/** Liveness for load balancers and operators: 503 when the registry database is gone, replaced or not answering. */
export function loader() {
  const health = storeHealth(getStore());
  return health.ok ? json({ ok: true }) : json({ ok: false, error: health.problem }, { status: 503, headers: { "Cache-Control": "no-store" } });
}
