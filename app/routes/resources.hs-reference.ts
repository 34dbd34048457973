import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/method-not-allowed.server";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { requireUser } from "~/auth/guards.server";
import { fixturesDir } from "../../workbench/hs/load-fixtures";

let cached: { nomenclature: string; sections: string; correlation: string } | undefined;

/** The HS reference data as CSV text, for the browser's copy of the HS core (validation on the Explore page). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const dir = join(fixturesDir(), "hs");
  cached ??= {
    nomenclature: readFileSync(join(dir, "hs2022-nomenclature.csv"), "utf8"),
    sections: readFileSync(join(dir, "hs2022-sections.csv"), "utf8"),
    correlation: readFileSync(join(dir, "hs2017-hs2022-correlation.csv"), "utf8"),
  };
  return json(cached, { headers: { "Cache-Control": "private, max-age=86400" } });
}

export const action = () => methodNotAllowed("GET");
