import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { createReadStream, statSync } from "node:fs";
import { join } from "node:path";
import { requireUser } from "~/auth/guards.server";
import { fixturesDir } from "../../workbench/hs/load-fixtures";

/** The bundled demo extract (fixtures/demo-extract.parquet), for the Explore page's one-click load. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const file = join(fixturesDir(), "demo-extract.parquet");
  return new Response(createReadableStreamFromReadable(createReadStream(file)), {
    headers: {
      "Content-Type": "application/vnd.apache.parquet",
      "Content-Length": String(statSync(file).size),
      "Cache-Control": "private, max-age=3600",
    },
  });
}

export const action = () => methodNotAllowed("GET");
