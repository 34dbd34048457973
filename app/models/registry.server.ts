// The registry table as pages and the JSON API ask for it (query parameters set, sort, dir): versions not measured on
// the set yet are measured in the background, so a page or a client asks again rather than waiting.
import { pooledPredictorOf } from "~/classify/inference.server";
import type { Db } from "../../workbench/store/db";
import { DEFAULT_SET_ID, isShippedSet, shippedSet, type ShippedSetId } from "../../workbench/evaluation/evaluation-sets";
import { encodedPredictionsFor } from "../../workbench/evaluation/prediction-cache";
import { REGISTRY_COLUMNS, registryTable, sortRegistry, type RegistryColumn } from "../../workbench/evaluation/registry-table";
import { resolveVersion } from "../../workbench/registry/model-registry";
import { predictorFor } from "../../workbench/registry/prediction-imports";
import { noteMeasuringFailed, whyNotMeasured } from "./measuring-failures.server";

export async function registryView(db: Db, params: URLSearchParams) {
  const setId: ShippedSetId = isShippedSet(params.get("set") ?? "") ? (params.get("set") as ShippedSetId) : DEFAULT_SET_ID;
  const sort = (REGISTRY_COLUMNS as readonly string[]).includes(params.get("sort") ?? "") ? (params.get("sort") as RegistryColumn) : "hs6top1";
  const descending = params.get("dir") !== "asc";
  const set = shippedSet(setId);
  const rows = sortRegistry(await registryTable(db, set), sort, descending);
  for (const row of rows.filter((r) => !r.figures && !r.unavailable)) {
    void resolveVersion(db, row.ref)
      .then((version) => predictorFor(db, version, pooledPredictorOf))
      .then((predictor) => encodedPredictionsFor(db, predictor, set))
      .catch((error: unknown) => noteMeasuringFailed(row, error));
  }
  // a version whose measuring failed says why instead of "being measured" (it is tried again on each view)
  return { set: setId, sort, descending, rows: rows.map((r) => ({ ...r, notMeasured: r.figures ? null : whyNotMeasured(r.sha256) })) };
}
