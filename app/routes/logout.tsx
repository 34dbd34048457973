import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { actorOf, assertCsrf, getOptionalUser } from "~/auth/guards.server";
import { destroySession, getSession } from "~/auth/session.server";
import { audit } from "../../workbench/store/audit";
import { getDb } from "~/store/context.server";

export async function action({ request, context }: ActionFunctionArgs) {
  await assertCsrf(request, await request.formData());
  const found = await getOptionalUser(request);
  if (found) audit(getDb(), { actor: actorOf(found.user, context), action: "auth.sign-out" });
  const session = await getSession(request);
  return redirect("/login", { headers: { "Set-Cookie": await destroySession(session) } });
}

export const loader = () => redirect("/");
