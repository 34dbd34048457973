import { json } from "@remix-run/node";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { getStore } from "~/store/context.server";
import { storeHealth } from "../../workbench/store/boot";
import { productionVersion } from "../../workbench/registry/production-state";
import { formatModelRef } from "../../workbench/registry/model-ref";
import { endpointHealth } from "../../models/remote/remote-version";
import { nowMs } from "../../workbench/clock";
import { versionsBeingMeasured } from "~/overview/overview.server";
import { versionsNotMeasured } from "~/models/measuring-failures.server";

/** A remote production endpoint is asked at most every 30 s, however often the load balancer polls. */
let lastEndpointCheck: { sha256: string; at: number; result: { ok: boolean; message: string } } | undefined;

async function productionEndpoint(): Promise<{ ref: string; ok: boolean; message: string } | null> {
  const store = getStore();
  const production = await productionVersion(store.db);
  if (production?.kind !== "remote") return null;
  if (!lastEndpointCheck || lastEndpointCheck.sha256 !== production.sha256 || nowMs() - lastEndpointCheck.at > 30_000) {
    lastEndpointCheck = { sha256: production.sha256, at: nowMs(), result: await endpointHealth(store, production) };
  }
  return { ref: formatModelRef(production), ...lastEndpointCheck.result };
}

/**
 * Liveness for load balancers and operators: 503 when the registry database is gone, replaced or not answering. When
 * production is a remote endpoint, whether it answers is reported too (this instance stays up when it does not). While
 * versions' real-text figures are being measured (the first start on a data directory, a new version), how many:
 * classification is slower until they are done; and how many versions could not be measured when last tried (their
 * files do not match the registry, their endpoint is down: the Models page says which and why).
 */
export async function loader() {
  const health = await storeHealth(getStore());
  if (!health.ok) return json({ ok: false, error: health.problem }, { status: 503, headers: { "Cache-Control": "no-store" } });
  const endpoint = await productionEndpoint();
  const [measuring, failed] = [versionsBeingMeasured(), await versionsNotMeasured(getStore().db)];
  return json(
    {
      ok: true,
      ...(endpoint ? { productionEndpoint: endpoint } : {}),
      ...(measuring ? { measuringRealTextFigures: measuring } : {}),
      ...(failed ? { versionsNotMeasured: failed } : {}),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export const action = () => methodNotAllowed("GET");
