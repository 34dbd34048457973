import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { actorOf, assertCsrf, requireUserWithRole } from "~/auth/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { EmptyNotice } from "~/components/empty-state";
import { getDb } from "~/store/context.server";
import { ROLES } from "../../workbench/registry/roles";
import { utcText } from "../../workbench/text/format";
import { decideAdminGrant, grantRefusal, listAdminGrants, requestAdminGrant } from "../../workbench/store/admin-grants";
import { createUser, listUsers, roleSchema, setDisabled, setRole, UserError, usernameSchema } from "../../workbench/store/users";

export const meta: MetaFunction = () => [{ title: "Users · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserWithRole(request, "admin");
  const db = getDb();
  const pending = (await listAdminGrants(db, { status: "pending" })).map((g) => ({ ...g, refusal: grantRefusal(g, admin) }));
  const users = await listUsers(db);
  const admins = users.filter((u) => u.role === "admin" && !u.disabled).length;
  return json({ users, pending, admins });
}

const userId = z.coerce.number({ error: "userId must be a number" }).int().positive();
const actionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("create"),
      username: usernameSchema,
      displayName: z.string().trim().max(100).optional(),
      role: roleSchema,
      password: z.string().min(12, { error: "the password must be at least 12 characters" }).max(1024),
    }),
    z.object({ intent: z.literal("set-role"), userId, role: roleSchema }),
    z.object({ intent: z.literal("confirm-grant"), grantId: userId }),
    z.object({ intent: z.literal("reject-grant"), grantId: userId }),
    z.object({ intent: z.literal("disable"), userId }),
    z.object({ intent: z.literal("enable"), userId }),
  ],
  { error: "unknown action" },
);

export async function action({ request, context }: ActionFunctionArgs) {
  // Enforced here on the server: hiding the page from non-admins is not what protects it.
  const admin = await requireUserWithRole(request, "admin");
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const parsed = actionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return json({ ok: false, message: parsed.error.issues.map((i) => i.message).join("; ") }, { status: 400 });
  }
  const db = getDb();
  const actor = actorOf(admin, context);
  try {
    const input = parsed.data;
    switch (input.intent) {
      case "create": {
        // an admin account starts as a viewer until a second admin confirms the grant
        const user = await createUser(db, { ...input, role: input.role === "admin" ? "viewer" : input.role }, actor);
        if (input.role !== "admin") return json({ ok: true, message: `Created ${user.username} (${user.role}).` });
        await requestAdminGrant(db, user.id, admin, actor);
        return json({ ok: true, message: `Created ${user.username} (viewer). The admin role waits for a second admin's confirmation.` });
      }
      case "set-role": {
        if (input.role === "admin") {
          const grant = await requestAdminGrant(db, input.userId, admin, actor);
          return json({ ok: true, message: `The admin role for ${grant.user.username} waits for a second admin's confirmation.` });
        }
        const user = await setRole(db, input.userId, input.role, actor);
        return json({ ok: true, message: `${user.username} is now ${user.role}.` });
      }
      case "confirm-grant":
      case "reject-grant": {
        const grant = await decideAdminGrant(db, input.grantId, input.intent === "confirm-grant", admin, actor);
        return json({ ok: true, message: `${grant.user.username}: admin role ${grant.status}.` });
      }
      case "disable":
      case "enable": {
        const user = await setDisabled(db, input.userId, input.intent === "disable", actor);
        return json({ ok: true, message: `${user.username} is ${user.disabled ? "disabled" : "enabled"}.` });
      }
    }
  } catch (error) {
    if (error instanceof UserError || error instanceof z.ZodError) {
      return json({ ok: false, message: error.message }, { status: 400 });
    }
    throw error;
  }
}

export default function Users() {
  const { users, pending, admins } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="page">
      <h1>Users</h1>
      {result ? (
        <p className={result.ok ? "notice success" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
      {users.length === 1 ? (
        <EmptyNotice
          what="You are the only user."
          action={
            <>
              <a href="#add-user">add the people who will use the workbench</a>: viewers read, analysts evaluate and request promotions, admins
              approve them.
            </>
          }
        />
      ) : null}
      {admins < 2 ? (
        <p className="notice" data-testid="one-admin">
          There is one admin. Giving someone the admin role here takes two admins (one asks, another confirms), and a promotion an admin requests
          needs another admin to approve it. An operator with access to the server names the second admin:{" "}
          <code>npx workbench users set-role --username NAME --role admin</code> (recorded in the audit log).
        </p>
      ) : null}
      <table className="table">
        <thead>
          <tr>
            <th>Username</th>
            <th>Name</th>
            <th>Role</th>
            <th>State</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                {u.username} {u.isDemo ? <span className="tag">demo</span> : null}
              </td>
              <td>{u.displayName}</td>
              <td>
                <Form method="post" className="inline">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="set-role" />
                  <input type="hidden" name="userId" value={u.id} />
                  <select name="role" defaultValue={u.role} aria-label={`Role of ${u.username}`}>
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                  <button type="submit" disabled={busy}>
                    Set role
                  </button>
                </Form>
              </td>
              <td>{u.disabled ? "disabled" : "active"}</td>
              <td>
                <Form method="post" className="inline">
                  <CsrfInput />
                  <input type="hidden" name="intent" value={u.disabled ? "enable" : "disable"} />
                  <input type="hidden" name="userId" value={u.id} />
                  <button type="submit" disabled={busy}>
                    {u.disabled ? "Enable" : "Disable"}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Admin role waiting for confirmation</h2>
      {pending.length === 0 ? (
        <p className="muted">None. Giving someone the admin role takes two admins: one asks here, another confirms.</p>
      ) : (
        <table className="table" data-testid="pending-admin-grants">
          <thead>
            <tr>
              <th>User</th>
              <th>Asked by</th>
              <th>Asked at (UTC)</th>
              <th>Decision</th>
            </tr>
          </thead>
          <tbody>
            {pending.map((g) => (
              <tr key={g.id}>
                <td>{g.user.username}</td>
                <td>{g.requestedBy.username}</td>
                <td>{utcText(g.requestedAt)}</td>
                <td>
                  {g.refusal ? (
                    <span className="muted">{g.refusal}</span>
                  ) : (
                    <Form method="post" className="inline">
                      <CsrfInput />
                      <input type="hidden" name="grantId" value={g.id} />
                      <button type="submit" name="intent" value="confirm-grant" disabled={busy}>
                        Confirm admin role
                      </button>
                      <button type="submit" name="intent" value="reject-grant" className="secondary" disabled={busy}>
                        Reject
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="add-user">Add a user</h2>
      <Form method="post" className="form">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <label>
          Username <input name="username" required pattern="[a-zA-Z0-9._\-]{2,64}" />
        </label>
        <label>
          Display name <input name="displayName" />
        </label>
        <label>
          Role
          <select name="role" defaultValue="viewer">
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Initial password <input name="password" type="password" minLength={12} required autoComplete="new-password" />
        </label>
        <button type="submit" disabled={busy}>
          Create user
        </button>
      </Form>
    </section>
  );
}
