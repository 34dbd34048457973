import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/auth/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return redirect((await getOptionalUser(request)) ? "/overview" : "/login");
}
