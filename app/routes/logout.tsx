import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { actorOf, assertCsrf, clientAddress, getOptionalUser } from "~/auth/guards.server";
import { destroySession, getSession } from "~/auth/session.server";
import { audit } from "~/store/audit.server";
import { getDb } from "~/store/context.server";

export async function action({ request, context }: ActionFunctionArgs) {
  await assertCsrf(request, await request.formData());
  const found = await getOptionalUser(request);
  if (found) audit(getDb(), { actor: actorOf(found.user), action: "auth.sign-out", client: clientAddress(context) });
  const session = await getSession(request);
  return redirect("/login", { headers: { "Set-Cookie": await destroySession(session) } });
}

export const loader = () => redirect("/");
