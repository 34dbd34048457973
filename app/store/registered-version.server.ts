import { json } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { formatModelRef, type ModelRef } from "../../workbench/registry/model-ref";
import { ModelVersionNotFound, resolveVersion } from "../../workbench/registry/model-registry";
import { getDb } from "./context.server";

/**
 * The version named by a route's :name and :version, or a 404/400 response with the registry's message as JSON
 * ({"error"}): what an API client reads, and what the error boundary shows on a page.
 */
export async function versionFromParams(params: Params) {
  const ref: ModelRef = { name: params.name ?? "", version: params.version ?? "" };
  try {
    return await resolveVersion(getDb(), formatModelRef(ref));
  } catch (error) {
    if (error instanceof ModelVersionNotFound)
      throw json({ error: error.message }, { status: error.status, statusText: error.status === 404 ? "Not Found" : "Bad Request" });
    throw error;
  }
}
