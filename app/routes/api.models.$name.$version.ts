import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { knownFields } from "../../workbench/json-fields";
import { requireApiUserWithRole, requireUser } from "~/auth/guards.server";
import { archiveOrRestore, noteOn } from "~/models/registry-actions.server";
import { getDb } from "~/store/context.server";
import { versionFromParams } from "~/store/registered-version.server";
import { formatModelRef } from "../../workbench/registry/model-ref";
import { versionDetails } from "../../workbench/registry/version-details";

/** GET /api/models/NAME/VERSION — the version, its card or description, imported files or endpoint (never a token), notes. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  return json(await versionDetails(getDb(), await versionFromParams(params)));
}

const changeSchema = z.discriminatedUnion(
  "action",
  [
    knownFields({ action: z.enum(["archive", "restore"]), reason: z.string({ error: "a reason is required" }).max(2000) }),
    knownFields({ action: z.literal("note"), text: z.string({ error: "the note's text is required" }) }),
  ],
  { error: "action must be archive, restore or note" },
);

/** POST /api/models/NAME/VERSION with {action: "archive"|"restore", reason} (admin) or {action: "note", text} (analyst). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  await requireUser(request);
  let body: unknown;
  try {
    body = await request.clone().json();
  } catch {
    return json({ error: "The body is not valid JSON." }, { status: 400 });
  }
  const change = changeSchema.safeParse(body);
  if (!change.success) return json({ error: change.error.issues.map((i) => i.message).join("; ") }, { status: 400 });
  const c = change.data;
  const user = await requireApiUserWithRole(request, c.action === "note" ? "analyst" : "admin");
  const ref = formatModelRef(await versionFromParams(params));
  const outcome =
    c.action === "note" ? await noteOn(ref, c.text, user, context) : await archiveOrRestore(ref, c.action === "archive", c.reason, user, context);
  return outcome.ok
    ? json({ ok: true, message: outcome.message, ...(await versionDetails(getDb(), await versionFromParams(params))) })
    : json({ error: outcome.message }, { status: outcome.status });
}
