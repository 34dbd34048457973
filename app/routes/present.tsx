import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { actorOf, assertCsrf, requireUser, requireUserWithRole } from "~/auth/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { startPresenting } from "~/presenter/presenter-bar";
import { STORY, type StoryStep } from "~/presenter/story";
import { roleAtLeast, type Role } from "../../workbench/registry/roles";
import { PromotionError, resetDemo } from "../../workbench/registry/promotion";
import { getDb } from "~/store/context.server";
import { getEnv } from "../../workbench/config/env";
import { demoMode } from "../../workbench/store/boot";

export const meta: MetaFunction = () => [{ title: "Present · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ role: user.role, demoMode: await demoMode(getDb(), getEnv()) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireUserWithRole(request, "admin");
  const formData = await request.formData();
  await assertCsrf(request, formData);
  if (formData.get("confirm") !== "reset") {
    return json({ ok: false, message: "Tick the confirmation to reset the demo: production changes for everyone." }, { status: 400 });
  }
  try {
    const { production, withdrawn } = await resetDemo(getDb(), admin, actorOf(admin, context), { demoMode: await demoMode(getDb(), getEnv()) });
    return json({
      ok: true,
      message: `Demo reset: ${production} is in production again, the other versions are candidates${withdrawn ? `, ${withdrawn} open request(s) withdrawn` : ""}. The audit log keeps every step.`,
    });
  } catch (error) {
    if (error instanceof PromotionError) return json({ ok: false, message: error.message }, { status: error.status });
    throw error;
  }
}

export default function Present() {
  const { role, demoMode } = useLoaderData<typeof loader>();
  const isAdmin = role === "admin";
  // steps this account cannot open or act on: said before the workshop, not found out in front of it
  const beyondRole = (s: StoryStep): s is StoryStep & { needs: Role } => Boolean(s.needs && !roleAtLeast(role, s.needs));
  const beyond = STORY.flatMap((s, i) => (beyondRole(s) ? [i + 1] : []));
  const result = useActionData<typeof action>();
  const navigate = useNavigate();
  const busy = useNavigation().state === "submitting";
  const start = (step: number) => {
    startPresenting(step);
    navigate(STORY[step]!.path);
  };
  return (
    <section className="page story">
      <h1>Present the workbench</h1>
      <p>
        A guided story for workshops, in {STORY.length} steps on the real pages. Large type; <kbd>→</kbd> or <kbd>Space</kbd> next, <kbd>←</kbd> back,{" "}
        <kbd>N</kbd> presenter notes, <kbd>Esc</kbd> ends. Everything runs on this laptop: no network needed.
      </p>
      <ol>
        {STORY.map((s, i) => (
          <li key={s.title}>
            <button type="button" className="link-like-inline" onClick={() => start(i)}>
              {s.title}
            </button>{" "}
            — {s.say}
            {beyondRole(s) ? (
              <span className="muted">
                {" "}
                (needs {article(s.needs)} {s.needs} account)
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      {beyond.length ? (
        <p className="notice" data-testid="story-needs">
          You are signed in as {article(role)} {role}: step{beyond.length > 1 ? "s" : ""} {beyond.join(" and ")}{" "}
          {beyond.length > 1 ? "need" : "needs"} more than {article(role)} {role} may see or do. Sign in with the account each names to present the
          whole story.
        </p>
      ) : null}
      <button type="button" onClick={() => start(0)}>
        Start presenting
      </button>
      <h2>Reset the demo</h2>
      {result ? (
        <p className={result.ok ? "notice success" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
      {!demoMode ? (
        <p className="muted">
          This install is not in demo mode (WORKBENCH_DEMO_MODE), so there is no reset: production changes only through approved requests.
        </p>
      ) : isAdmin ? (
        <Form method="post">
          <CsrfInput />
          <p className="muted">
            Puts the seeded version back into production, makes the other versions candidates again and withdraws open requests.
          </p>
          <label className="inline-label">
            <input type="checkbox" name="confirm" value="reset" required /> I know this changes production for everyone using this install
          </label>{" "}
          <button type="submit" className="secondary" disabled={busy}>
            Reset demo
          </button>
        </Form>
      ) : (
        <p className="muted">Only an admin can reset the demo.</p>
      )}
    </section>
  );
}

const article = (word: string) => (/^[aeiou]/.test(word) ? "an" : "a");
