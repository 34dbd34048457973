import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { registryView } from "~/models/registry.server";
import { registryWorkbookSheets } from "~/models/registry-workbook";
import { getDb } from "~/store/context.server";
import { workbookResponse } from "~/workbook-response.server";
import { shippedSet } from "../../workbench/evaluation/evaluation-sets";

/** The Models page's table of every version on one set (its set, sort and dir parameters) as an Excel workbook. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const table = await registryView(getDb(), new URL(request.url).searchParams);
  const at = new Date();
  return workbookResponse(registryWorkbookSheets(shippedSet(table.set), table, at), `models-on-${table.set}-${at.toISOString().slice(0, 10)}.xlsx`);
}
