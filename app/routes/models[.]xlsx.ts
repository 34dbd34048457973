import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { registryView } from "~/models/registry.server";
import { registryWorkbookSheets } from "~/models/registry-workbook";
import { getDb } from "~/store/context.server";
import { shippedSet } from "../../workbench/evaluation/evaluation-sets";
import { writeWorkbook, XLSX_MEDIA_TYPE } from "../../workbench/extract/xlsx-write";

/** The Models page's table of every version on one set (its set, sort and dir parameters) as an Excel workbook. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const table = await registryView(getDb(), new URL(request.url).searchParams);
  const at = new Date();
  const { parts } = await writeWorkbook(registryWorkbookSheets(shippedSet(table.set), table, at));
  return new Response(new Blob(parts as Uint8Array<ArrayBuffer>[]), {
    headers: {
      "Content-Type": XLSX_MEDIA_TYPE,
      "Content-Disposition": `attachment; filename="models-on-${table.set}-${at.toISOString().slice(0, 10)}.xlsx"`,
    },
  });
}
