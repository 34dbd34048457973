import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { NotYetAvailable } from "~/components/not-yet-available";

export const meta: MetaFunction = () => [{ title: "Compare · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function Page() {
  return <NotYetAvailable title="Compare" what="Comparing two model versions on confusion matrices by HS chapter needs at least two evaluated model versions." />;
}
