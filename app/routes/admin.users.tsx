import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { actorOf, assertCsrf, requireUserWithRole } from "~/auth/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { getDb } from "~/store/context.server";
import { ROLES } from "../../workbench/registry/roles";
import { createUser, listUsers, roleSchema, setDisabled, setRole, UserError, usernameSchema } from "../../workbench/store/users";

export const meta: MetaFunction = () => [{ title: "Users · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithRole(request, "admin");
  return json({ users: listUsers(getDb()) });
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
        const user = await createUser(db, input, actor);
        return json({ ok: true, message: `Created ${user.username} (${user.role}).` });
      }
      case "set-role": {
        const user = setRole(db, input.userId, input.role, actor);
        return json({ ok: true, message: `${user.username} is now ${user.role}.` });
      }
      case "disable":
      case "enable": {
        const user = setDisabled(db, input.userId, input.intent === "disable", actor);
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
  const { users } = useLoaderData<typeof loader>();
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
      <h2>Add a user</h2>
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
