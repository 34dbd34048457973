import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { NotYetAvailable } from "~/components/not-yet-available";

export const meta: MetaFunction = () => [{ title: "Overview · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function Page() {
  return <NotYetAvailable title="Overview" what="This page will show which model version is in production, since when and who approved it, its accuracy by HS section and chapter, and open promotion requests. It fills in once models are trained and evaluated." />;
}
