import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { overviewReportHtml } from "~/overview/overview-report";
import { overviewData } from "~/overview/overview.server";
import { getDb } from "~/store/context.server";

/** The Overview as a self-contained HTML file for managers. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const now = new Date();
  return new Response(overviewReportHtml(await overviewData(getDb()), now), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="hs-workbench-overview-${now.toISOString().slice(0, 10)}.html"`,
    },
  });
}
