import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { actorOf, assertCsrf, requireUser, requireUserWithRole } from "~/auth/guards.server";
import { evaluationSets } from "../../workbench/evaluation/comparison-service";
import { CsrfInput } from "~/components/csrf-input";
import { VersionOptions } from "~/components/version-options";
import { utcText } from "../../workbench/text/format";
import { listPromotionRequests, PromotionError, rollbackProduction } from "../../workbench/registry/promotion";
import { DEFAULT_SET_ID } from "../../workbench/evaluation/evaluation-sets";
import { recentPromotionJobs, settledPromotionJob, startPromotionRequest } from "../../workbench/registry/promotion-jobs";
import { productionHistory, productionVersion, rollbackTarget } from "../../workbench/registry/production-state";
import { deliverDueWebhooks, listWebhookDeliveries } from "../../workbench/registry/webhook";
import { getDb, getStore } from "~/store/context.server";
import { SHIPPED_SET_IDS } from "../../workbench/evaluation/evaluation-sets";
import { parseModelRef } from "../../workbench/registry/model-ref";
import { listModelVersions } from "../../workbench/registry/model-registry";
import { roleAtLeast } from "../../workbench/registry/roles";
import { formatModelRef } from "../../workbench/registry/model-ref";
import { pooledPredictorOf } from "~/classify/inference.server";
import { strongestCandidate } from "~/overview/overview.server";
import { canaryCheck } from "../../models/remote/remote-version";

export const meta: MetaFunction = () => [{ title: "Promotions · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const production = await productionVersion(db);
  const versions = await listModelVersions(db);
  return json({
    user: { username: user.username, role: user.role },
    production: production ? { ref: formatModelRef(production), since: production.statusChangedAt, sha256: production.sha256 } : null,
    rollback: await rollbackTarget(db),
    candidates: versions.filter((v) => v.status === "candidate").map((v) => formatModelRef(v)),
    // offered first: what the Overview names as the challenger
    strongest: await strongestCandidate(db, versions),
    sets: evaluationSets().filter((s) => s.id !== "explore"),
    defaultSet: DEFAULT_SET_ID,
    open: await listPromotionRequests(db, { status: "open" }),
    decided: (await listPromotionRequests(db)).filter((r) => r.status !== "open").slice(0, 30),
    history: (await productionHistory(db)).slice(0, 30),
    deliveries: roleAtLeast(user.role, "analyst") ? await listWebhookDeliveries(db, 10) : [],
    jobs: recentPromotionJobs(),
  });
}

const actionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("request"),
      candidate: z
        .string({ error: "choose a candidate version" })
        .refine((text) => parseModelRef(text) !== null, { error: "choose a candidate version" }),
      set: z.enum(SHIPPED_SET_IDS, { error: "choose an evaluation set" }),
    }),
    z.object({ intent: z.literal("rollback"), reason: z.string().trim().min(1, { error: "a reason is required to roll back" }).max(2000) }),
  ],
  { error: "unknown action" },
);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithRole(request, "analyst");
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const parsed = actionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return json({ ok: false, message: parsed.error.issues.map((i) => i.message).join("; ") }, { status: 400 });
  const db = getDb();
  try {
    if (parsed.data.intent === "request") {
      // the evidence is computed in the background (off the event loop); a comparison already cached is ready in
      // moments, and then the user lands on the request itself
      const job = await startPromotionRequest(db, { candidate: parsed.data.candidate, set: parsed.data.set }, user, actorOf(user, context), {
        predictorOf: pooledPredictorOf,
        canary: (version) => canaryCheck(getStore(), version),
      });
      const settled = await settledPromotionJob(job.id, 3000);
      if (settled?.state === "done") return redirect(`/promotions/${settled.requestId}`);
      if (settled?.state === "failed") return json({ ok: false, message: settled.error ?? "the request failed" }, { status: 400 });
      return redirect(`/promotions?job=${job.id}`);
    }
    const change = await rollbackProduction(db, parsed.data.reason, user, actorOf(user, context));
    void deliverDueWebhooks(db).catch(() => undefined);
    return json({ ok: true, message: `Rolled back: ${change.from} → ${change.to}. Classification uses ${change.to} from now on.` });
  } catch (error) {
    if (error instanceof PromotionError) return json({ ok: false, message: error.message }, { status: error.status });
    throw error;
  }
}

const when = (iso: string | null) => (iso ? utcText(iso) : "");

export default function Promotions() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const revalidator = useRevalidator();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const computing = data.jobs.some((j) => j.state === "computing");
  // candidates with a request already open are shown, not offered: the strongest first unless it waits for a decision
  const openFor = new Map(data.open.map((r) => [`${r.modelName}@${r.candidate.version}`, r.id]));
  const offered = [data.strongest, ...data.candidates].find((c) => c && !openFor.has(c)) ?? undefined;
  // while evidence is computed, the page follows its progress; the job this browser started opens its request when ready
  useEffect(() => {
    const mine = data.jobs.find((j) => String(j.id) === params.get("job"));
    if (mine?.state === "done" && mine.requestId) navigate(`/promotions/${mine.requestId}`, { replace: true });
    if (!computing) return;
    const timer = setTimeout(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearTimeout(timer);
  }, [data.jobs, computing, params, navigate, revalidator]);
  const canRequest = data.user.role === "admin" || data.user.role === "analyst";
  const isAdmin = data.user.role === "admin";
  return (
    <section className="page">
      <h1>Promotions</h1>
      <p>
        In production:{" "}
        {data.production ? (
          <>
            <strong data-testid="production-version">{data.production.ref}</strong> since {when(data.production.since)}{" "}
            <code className="small">{data.production.sha256.slice(0, 12)}</code>
          </>
        ) : (
          "nothing yet"
        )}
        .{" "}
        {data.production
          ? "A candidate replaces it after an admin other than the requester approves a request with frozen evidence."
          : "The first version goes into production as any other: an admin other than the requester approves a request with frozen evidence (its own figures on the set, with nothing to compare with)."}
      </p>
      {result ? (
        <p className={result.ok ? "notice success" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}

      <div className="two-columns">
        <div className="card">
          <h2>Request a promotion</h2>
          {!canRequest ? (
            <p className="muted" data-testid="request-unavailable">
              Requesting a promotion needs the analyst or admin role; you are signed in as {data.user.username} ({data.user.role}).
            </p>
          ) : data.candidates.length === 0 ? (
            <p className="muted" data-testid="no-candidate">
              No candidate version is registered yet. <Link to="/models">Add one on the Models page</Link> (import a predictions file or register an
              endpoint), or train one with <code>npx workbench train</code>.
            </p>
          ) : (
            <Form method="post" className="form">
              <CsrfInput />
              <input type="hidden" name="intent" value="request" />
              <label>
                Candidate
                <select name="candidate" defaultValue={offered}>
                  <VersionOptions
                    versions={data.candidates.map((c) => ({
                      ref: c,
                      label: `${c}${c === data.strongest ? " (strongest on real text)" : ""}${openFor.has(c) ? ` — request #${openFor.get(c)} open` : ""}`,
                      // a second request for it would be refused: decide the open one
                      disabled: openFor.has(c),
                    }))}
                  />
                </select>
              </label>
              <label>
                Evidence: evaluation set
                {/* real text first: the gates have a minimum of their own for each real set (models/promotion-gates.json) */}
                <select name="set" defaultValue={data.defaultSet}>
                  {data.sets.map((s) => (
                    <option key={s.id} value={s.id} title={s.description}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" disabled={busy}>
                {busy ? (data.production ? "Comparing with production…" : "Measuring the candidate…") : "Request promotion"}
              </button>
              <p className="muted small">
                {data.production
                  ? "The server compares the candidate with production on the set and on the other real sets, runs the gates in models/promotion-gates.json and freezes both into the request. The first comparison on the demo extract takes about a minute."
                  : "Nothing is in production: the server measures the candidate on the set and on the other real sets, runs the gates that need no comparison (its minimum accuracies, its files) from models/promotion-gates.json and freezes both into the request."}
              </p>
            </Form>
          )}
        </div>
        <div className="card">
          <h2>Roll back</h2>
          {!isAdmin ? (
            <p className="muted">Only an admin can roll back production; you are {data.user.role}.</p>
          ) : !data.rollback.ok ? (
            <p className="muted" data-testid="rollback-unavailable">
              Nothing to roll back: {data.rollback.reason}.
            </p>
          ) : (
            <Form method="post" className="form">
              <CsrfInput />
              <input type="hidden" name="intent" value="rollback" />
              <p>
                Put{" "}
                <strong>
                  {data.rollback.target.name}@{data.rollback.target.version}
                </strong>{" "}
                back into production, replacing {data.production?.ref} (an emergency step: {data.production?.ref} becomes a candidate again and can be
                requested anew).
              </p>
              <label>
                Reason (recorded in the audit log)
                <textarea name="reason" required rows={2} />
              </label>
              <button type="submit" className="secondary" disabled={busy}>
                Roll back
              </button>
            </Form>
          )}
        </div>
      </div>

      {data.jobs.length ? (
        <>
          <h2>Requests being prepared</h2>
          <table className="table compact" data-testid="promotion-jobs">
            <thead>
              <tr>
                <th>Candidate</th>
                <th>Set</th>
                <th>Asked by</th>
                <th>State</th>
              </tr>
            </thead>
            <tbody>
              {data.jobs.map((j) => (
                <tr key={j.id}>
                  <td>{j.candidate}</td>
                  <td>{j.set}</td>
                  <td>{j.requestedBy}</td>
                  <td aria-live="polite">
                    {j.state === "done" && j.requestId ? (
                      <Link to={`/promotions/${j.requestId}`}>request #{j.requestId} is open</Link>
                    ) : j.state === "failed" ? (
                      <span className="form-error">{j.error}</span>
                    ) : (
                      <>
                        computing the evidence
                        {j.progress.map((p) => (
                          <span key={p.model}>
                            {" "}
                            · {p.model}: {p.done.toLocaleString("en")} / {p.total.toLocaleString("en")} <progress max={p.total} value={p.done} />
                          </span>
                        ))}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      <h2>Open requests</h2>
      {data.open.length === 0 ? (
        <p className="muted" data-testid="no-open-request">
          None.{" "}
          {canRequest && data.candidates.length
            ? "Request one above: choose a candidate and the evidence set; an admin other than you approves it."
            : "An analyst or admin requests a promotion here; an admin other than them approves it."}
        </p>
      ) : (
        <RequestTable requests={data.open} />
      )}
      <h2>Decided requests</h2>
      {data.decided.length === 0 ? (
        <p className="muted">None yet: approved and rejected requests appear here.</p>
      ) : (
        <RequestTable requests={data.decided} />
      )}

      <h2>Production history</h2>
      <table className="table compact" data-testid="production-history">
        <thead>
          <tr>
            <th>Version</th>
            <th>From (UTC)</th>
            <th>Until</th>
            <th>How</th>
            <th>By</th>
          </tr>
        </thead>
        <tbody>
          {data.history.map((h) => (
            <tr key={`${h.since}-${h.version}-${h.name}`}>
              <td>
                {h.name}@{h.version}
              </td>
              <td>{when(h.since)}</td>
              <td>{h.until ? when(h.until) : "now"}</td>
              <td>{h.requestId ? <Link to={`/promotions/${h.requestId}`}>{`${h.reason} #${h.requestId}`}</Link> : h.reason}</td>
              <td>{h.by}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        What was in production at any moment:{" "}
        {roleAtLeast(data.user.role, "analyst") ? (
          <>
            the <Link to="/audit">Audit</Link> page,{" "}
          </>
        ) : (
          "the Audit page (open to analysts and admins), "
        )}
        <code>npx workbench audit --at DATE</code> or <code>GET /api/production?at=DATE</code>.
      </p>

      {data.deliveries.length ? (
        <>
          <h2>Webhook deliveries</h2>
          <table className="table compact" data-testid="webhook-deliveries">
            <thead>
              <tr>
                <th>#</th>
                <th>Event</th>
                <th>Status</th>
                <th>Attempts</th>
                <th>Last error</th>
                <th>Next attempt</th>
              </tr>
            </thead>
            <tbody>
              {data.deliveries.map((d) => (
                <tr key={d.id}>
                  <td>{d.id}</td>
                  <td>{d.event}</td>
                  <td>{d.status}</td>
                  <td>{d.attempts}</td>
                  <td>{d.lastError ?? ""}</td>
                  <td>{when(d.nextAttemptAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

type RequestRow = ReturnType<typeof useLoaderData<typeof loader>>["open"][number];

function RequestTable({ requests }: { requests: RequestRow[] }) {
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th>#</th>
          <th>Production → candidate</th>
          <th>Evidence</th>
          <th>Gates</th>
          <th>Requested</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/promotions/${r.id}`}>#{r.id}</Link>
            </td>
            <td>
              {r.baseline ? formatModelRef(r.baseline) : "—"} → {r.modelName}@{r.candidate.version}
            </td>
            <td>{r.evaluationSet}</td>
            <td className={r.gatesPassed ? "cell-right" : "cell-wrong"}>
              {r.gates.filter((g) => g.passed).length}/{r.gates.length} passed
            </td>
            <td>
              {r.requestedBy.username}, {when(r.requestedAt)}
            </td>
            <td>
              <span className={`status status-${r.status}`}>{r.status}</span>
              {r.gateOverride ? " (override)" : ""}
              {r.decidedBy ? ` by ${r.decidedBy.username}` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
