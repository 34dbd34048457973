import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { actorOf, assertCsrf, requireUser } from "~/auth/guards.server";
import { ComparisonSummary } from "~/compare/comparison-summary";
import { AccuracyTable } from "~/components/accuracy-table";
import { CsrfInput } from "~/components/csrf-input";
import { hs6Top1Text, pct, utcText } from "../../workbench/text/format";
import {
  decidePromotion,
  decisionRefusal,
  frozenReportOf,
  getPromotionRequest,
  PromotionError,
  realSetsNotChecked,
  type FrozenReport,
} from "../../workbench/registry/promotion";
import { deliverDueWebhooks } from "../../workbench/registry/webhook";
import { getDb } from "~/store/context.server";
import { CHAPTERS } from "../../workbench/evaluation/confusion-matrix";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { formatModelRef } from "../../workbench/registry/model-ref";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Promotion #${data?.request.id ?? ""} · HS Model Workbench` }];

const idSchema = z.coerce.number().int().positive();

async function requestOr404(id: string | undefined) {
  const parsed = idSchema.safeParse(id);
  const request = parsed.success ? await getPromotionRequest(getDb(), parsed.data) : undefined;
  if (!request) throw json({ error: `There is no promotion request #${id}.` }, { status: 404 });
  return request;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const promotion = await requestOr404(params.id);
  const nomenclature = loadNomenclature();
  const frozen = (await frozenReportOf(getDb(), promotion.id))!;
  return json({
    request: promotion,
    frozen,
    unchecked: realSetsNotChecked(frozen),
    refusal: decisionRefusal(promotion, user)?.message ?? null,
    chapterNames: Object.fromEntries(CHAPTERS.map((c) => [c, nomenclature.nameOf(c)])),
  });
}

const decisionSchema = z.object({
  intent: z.enum(["approve", "reject"], { error: "unknown action" }),
  comment: z.string().trim().max(2000, { error: "the comment may have at most 2,000 characters" }).optional(),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  // Roles and four-eyes are checked in decidePromotion, for the page, the CLI and any hand-made POST alike.
  const user = await requireUser(request);
  const promotion = await requestOr404(params.id);
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const parsed = decisionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return json({ message: parsed.error.issues.map((i) => i.message).join("; ") }, { status: 400 });
  try {
    const db = getDb();
    await decidePromotion(
      db,
      promotion.id,
      { approve: parsed.data.intent === "approve", comment: parsed.data.comment },
      user,
      actorOf(user, context),
    );
    void deliverDueWebhooks(db).catch(() => undefined);
    return redirect(`/promotions/${promotion.id}`);
  } catch (error) {
    if (error instanceof PromotionError) return json({ message: error.message }, { status: error.status });
    throw error;
  }
}

const when = (iso: string | null) => (iso ? utcText(iso) : "");

export default function PromotionRequest() {
  const { request: r, frozen, refusal, chapterNames, unchecked } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { comparison, evaluation } = frozen;
  const set = (comparison ?? evaluation)!.set;
  const candidateRef = `${r.modelName}@${r.candidate.version}`;
  return (
    <section className="page wide-page">
      <p>
        <Link to="/promotions">← Promotions</Link>
      </p>
      <h1>
        Promotion #{r.id}: {r.baseline ? formatModelRef(r.baseline) : "first production"} → {candidateRef}{" "}
        <span className={`status status-${r.status}`} data-testid="request-status">
          {r.status}
        </span>
      </h1>
      <p>
        Requested by <strong>{r.requestedBy.username}</strong> at {when(r.requestedAt)}; evidence frozen at {when(frozen.frozenAt)} on{" "}
        <strong>{set.label}</strong> (set sha256 <code>{set.hash.slice(0, 12)}</code>). Artifacts:{" "}
        {comparison ? (
          <>
            production <code>{comparison.a.sha256.slice(0, 16)}</code>, candidate <code>{comparison.b.sha256.slice(0, 16)}</code>.{" "}
            <Link to={`/compare?${new URLSearchParams({ a: formatModelRef(comparison.a), b: formatModelRef(comparison.b), set: set.id })}`}>
              Open in Compare
            </Link>
          </>
        ) : (
          <>
            candidate <code>{r.candidate.sha256.slice(0, 16)}</code>; nothing was in production to compare with.{" "}
            <Link to={`/models/${encodeURIComponent(r.modelName)}/${encodeURIComponent(r.candidate.version)}`}>Its model card</Link>
          </>
        )}
      </p>
      {r.decidedBy ? (
        <p className="notice" role="status">
          {r.status === "approved" ? "Approved" : "Rejected"} by <strong>{r.decidedBy.username}</strong> at {when(r.decidedAt)}
          {r.gateOverride ? " overriding failed gates" : ""}
          {r.decisionComment ? `: “${r.decisionComment}”` : "."}
          {r.decidedVia ? <span data-testid="decided-via"> Credential: {r.decidedVia}.</span> : null}
        </p>
      ) : null}

      <h2>Gates</h2>
      <table className="table compact" data-testid="gates">
        <thead>
          <tr>
            <th>Gate</th>
            <th>Result</th>
            <th>Numbers</th>
          </tr>
        </thead>
        <tbody>
          {r.gates.map((g) => (
            <tr key={g.id}>
              <td>{g.label}</td>
              <td className={g.passed ? "cell-right" : "cell-wrong"}>
                <strong>{g.passed ? "pass" : "FAIL"}</strong>
              </td>
              <td>{g.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {unchecked.length ? (
        <p className="notice" data-testid="unchecked-sets">
          Frozen before requests compared the candidate on every real set: nothing here says how {candidateRef} does on{" "}
          {unchecked.map((u, i) => (
            <span key={u.id}>
              {i ? " or " : ""}
              <Link to={`/compare?${new URLSearchParams({ ...(r.baseline ? { a: formatModelRef(r.baseline) } : {}), b: candidateRef, set: u.id })}`}>
                {u.label}
              </Link>
            </span>
          ))}
          {r.status === "open" ? ". Look there before deciding, or reject this request so a new one freezes that evidence too." : "."}
        </p>
      ) : null}

      <h2>Decision</h2>
      {result ? (
        <p className="form-error" role="alert">
          {result.message}
        </p>
      ) : null}
      {refusal ? (
        <p className="notice" data-testid="decision-unavailable">
          {refusal}
        </p>
      ) : (
        <Form method="post" className="form decision-form">
          <CsrfInput />
          <label>
            Comment {r.gatesPassed ? "(required to reject)" : "(required: approving now overrides failed gates)"}
            <textarea name="comment" rows={3} />
          </label>
          <div className="inline">
            <button type="submit" name="intent" value="approve" disabled={busy}>
              {r.gatesPassed ? "Approve: put into production" : "Override and approve"}
            </button>
            <button type="submit" name="intent" value="reject" className="secondary" disabled={busy}>
              Reject
            </button>
          </div>
        </Form>
      )}

      {comparison ? (
        <>
          <h2>Frozen comparison (A = production, B = candidate)</h2>
          <ComparisonSummary comparison={comparison} chapterNames={chapterNames} />
        </>
      ) : (
        <FirstProductionEvidence evaluation={evaluation!} candidate={candidateRef} />
      )}
      {frozen.otherSets?.length ? <OtherSetsEvidence others={frozen.otherSets} /> : null}
    </section>
  );
}

/** The real sets besides the request's, frozen with it: a candidate chosen on one set must hold on these. */
function OtherSetsEvidence({ others }: { others: NonNullable<FrozenReport["otherSets"]> }) {
  return (
    <section data-testid="other-sets-evidence">
      <h2>On the real sets besides the request&apos;s</h2>
      {others.map((o) => {
        if (o.comparison) {
          const { a, b, report, verdict } = o.comparison;
          const level = (m: typeof report.a.metrics, l: "hs2" | "hs4" | "hs6") => pct(m.accuracy[l].top1);
          return (
            <div key={o.set.id}>
              <h3>{o.set.label}</h3>
              <p>
                {verdict.headline}{" "}
                <Link to={`/compare?${new URLSearchParams({ a: formatModelRef(a), b: formatModelRef(b), set: o.set.id })}`}>
                  Open {o.set.label} in Compare
                </Link>
              </p>
              <table className="table compact">
                <thead>
                  <tr>
                    <th>Top-1 on {report.n.toLocaleString("en")} lines</th>
                    <th>Chapter (HS2)</th>
                    <th>Heading (HS4)</th>
                    <th>Subheading (HS6)</th>
                  </tr>
                </thead>
                <tbody>
                  {(["a", "b"] as const).map((side) => (
                    <tr key={side}>
                      <th scope="row">
                        {side === "a" ? "A (production)" : "B (candidate)"} {formatModelRef(o.comparison![side])}
                      </th>
                      <td>{level(report[side].metrics, "hs2")}</td>
                      <td>{level(report[side].metrics, "hs4")}</td>
                      <td>{level(report[side].metrics, "hs6")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }
        if (o.evaluation) {
          const { metrics } = o.evaluation.scores;
          return (
            <div key={o.set.id}>
              <h3>{o.set.label}</h3>
              <p>
                The candidate on its own ({metrics.n.toLocaleString("en")} lines; nothing in production to compare with there): HS6 top-1{" "}
                {hs6Top1Text(metrics)}.
              </p>
              <AccuracyTable accuracy={metrics.accuracy} />
            </div>
          );
        }
        return (
          <p key={o.set.id}>
            <strong>{o.set.label}</strong>: not checked — {o.unavailable}.
          </p>
        );
      })}
    </section>
  );
}

/** A first production's frozen evidence: the candidate's own figures on the set, with nothing in production to beat. */
function FirstProductionEvidence({ evaluation, candidate }: { evaluation: NonNullable<FrozenReport["evaluation"]>; candidate: string }) {
  const { metrics, calibration, at95 } = evaluation.scores;
  return (
    <section data-testid="first-production-evidence">
      <h2>Frozen evidence: {candidate} on its own</h2>
      <p>
        Nothing was in production when this was requested, so there is no comparison and no gate that needs one (chapter regression, significance):
        the approver decides on the candidate&apos;s own figures on {evaluation.set.label} ({metrics.n.toLocaleString("en")} lines). HS6 top-1{" "}
        {hs6Top1Text(metrics)}; calibration error of the top suggestion {calibration.ece.toFixed(3)}; auto-acceptable with accuracy shown to be at
        least 95%: {at95 ? `${pct(at95.share)} of lines (confidence ≥ ${at95.threshold.toFixed(2)})` : "none"}.
      </p>
      <AccuracyTable accuracy={metrics.accuracy} />
    </section>
  );
}
