import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { NotYetAvailable } from "~/components/not-yet-available";

export const meta: MetaFunction = () => [{ title: "Explore · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function Page() {
  return <NotYetAvailable title="Explore" what="Loading declaration extracts into DuckDB-WASM in the browser, with validation, SQL and charts, comes next. The demo extract is already in fixtures/ (demo-extract.csv and .parquet)." />;
}
