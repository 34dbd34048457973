import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { actorOf, assertCsrf, clientAddress, requireUser } from "~/auth/guards.server";
import { commitSession, getSession, startSignedInSession } from "~/auth/session.server";
import { CsrfInput } from "~/components/csrf-input";
import { getDb } from "~/store/context.server";
import { setPassword, UserError, verifyLogin } from "../../workbench/store/users";

export const meta: MetaFunction = () => [{ title: "Your password · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ mustChange: user.mustChangePassword });
}

const formSchema = z
  .object({
    current: z.string({ error: "Enter your current password." }).min(1, { error: "Enter your current password." }).max(1024),
    next: z.string({ error: "Enter a new password." }).max(1024),
    repeat: z.string({ error: "Repeat the new password." }).max(1024),
  })
  .refine((f) => f.next === f.repeat, { error: "The two new passwords differ." })
  .refine((f) => f.next !== f.current, { error: "The new password must differ from the current one." });

/** Changes the signed-in user's own password; every session ends (password change) and this browser gets a new one. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const parsed = formSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return json({ error: parsed.error.issues.map((i) => i.message).join(" ") }, { status: 400 });
  const db = getDb();
  if (!(await verifyLogin(db, user.username, parsed.data.current))) return json({ error: "The current password is wrong." }, { status: 400 });
  try {
    await setPassword(db, user.id, parsed.data.next, actorOf(user, context));
  } catch (error) {
    if (error instanceof UserError) return json({ error: error.message }, { status: 400 });
    throw error;
  }
  const session = await getSession(request);
  await startSignedInSession(session, user.id, clientAddress(context));
  return redirect("/overview", { headers: { "Set-Cookie": await commitSession(session) } });
}

export default function AccountPassword() {
  const { mustChange } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="page narrow">
      <h1>Your password</h1>
      {mustChange ? (
        <p className="notice" role="status">
          This account was created with a known password. Choose your own before you continue; your other sessions end.
        </p>
      ) : (
        <p className="muted">Changing your password ends all your sessions; this browser stays signed in.</p>
      )}
      <Form method="post" className="form">
        <CsrfInput />
        <label>
          Current password <input name="current" type="password" autoComplete="current-password" required />
        </label>
        <label>
          New password (at least 12 characters) <input name="next" type="password" autoComplete="new-password" minLength={12} required />
        </label>
        <label>
          New password again <input name="repeat" type="password" autoComplete="new-password" minLength={12} required />
        </label>
        {result?.error ? (
          <p className="form-error" role="alert">
            {result.error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          Change password
        </button>
      </Form>
    </section>
  );
}
