import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { NotYetAvailable } from "~/components/not-yet-available";

export const meta: MetaFunction = () => [{ title: "Classify · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function Page() {
  return <NotYetAvailable title="Classify" what="Classifying goods descriptions into HS codes needs a trained model. Once models are trained by the CLI and registered, this page suggests the top five HS6 codes with explanations." />;
}
