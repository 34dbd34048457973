import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { actorOf, assertCsrf, getOptionalUser } from "~/auth/guards.server";
import { destroySession, getSession } from "~/auth/session.server";
import { getDb } from "~/store/context.server";
import { audit } from "../../workbench/store/audit";
import { endSession, endUserSessions } from "../../workbench/store/sessions";

/** Sign out (this session), or with intent=everywhere end every session of the signed-in user. */
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const db = getDb();
  const found = await getOptionalUser(request);
  const session = await getSession(request);
  const sid = session.get("sid");
  if (found && formData.get("intent") === "everywhere") {
    await db.transaction(async (db) => {
      const n = await endUserSessions(db, found.user.id, "sign-out-everywhere");
      await audit(db, { actor: actorOf(found.user, context), action: "auth.sign-out-everywhere", after: { sessions: n } });
    });
  } else {
    if (sid) await endSession(db, sid, "sign-out");
    if (found) await audit(db, { actor: actorOf(found.user, context), action: "auth.sign-out" });
  }
  return redirect("/login", { headers: { "Set-Cookie": await destroySession(session) } });
}

export const loader = () => redirect("/");
