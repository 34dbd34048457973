import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { NotYetAvailable } from "~/components/not-yet-available";

export const meta: MetaFunction = () => [{ title: "Promotions · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function Page() {
  return <NotYetAvailable title="Promotions" what="Promotion requests with gates, four-eyes approval and rollback come once models can be registered and compared." />;
}
