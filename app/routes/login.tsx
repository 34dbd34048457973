import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { assertCsrf, clientAddress, getOptionalUser } from "~/auth/guards.server";
import { attemptLogin, loginFormSchema, safeRedirect } from "~/auth/login.server";
import { commitSession, getSession, startSignedInSession } from "~/auth/session.server";
import { getDb } from "~/store/context.server";

export const meta: MetaFunction = () => [{ title: "Sign in · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/overview");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const parsed = loginFormSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return json({ error: parsed.error.issues.map((i) => i.message).join(" ") }, { status: 400 });
  }
  const { username, password, redirectTo } = parsed.data;
  const result = await attemptLogin(getDb(), username, password, clientAddress(context));
  if (!result.ok) {
    return json(
      { error: result.error },
      {
        status: result.status,
        headers: result.retryAfterSeconds ? { "Retry-After": String(result.retryAfterSeconds) } : undefined,
      },
    );
  }
  const session = await getSession(request);
  await startSignedInSession(session, result.user.id, clientAddress(context));
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await commitSession(session) } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  return (
    <section className="login">
      <h1>Sign in</h1>
      <p className="muted">HS Model Workbench — model evaluation for customs data analytics.</p>
      <Form method="post" className="form">
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <label>
          Username
          <input name="username" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {actionData?.error ? (
          <p className="form-error" role="alert">
            {actionData.error}
          </p>
        ) : null}
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Signing in…" : "Sign in"}
        </button>
      </Form>
      <p className="muted small">
        Demo accounts and their passwords are printed when the server creates them at first start (and kept in the data directory's demo-accounts.txt,
        readable by the server's account only).
      </p>
    </section>
  );
}
