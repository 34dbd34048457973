import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { lazy, Suspense, useEffect, useState } from "react";
import { requireUser } from "~/auth/guards.server";
import { countsWithInterval, hs6Top1Text, pct, realSetFiguresText, utcText } from "../../workbench/text/format";
import { AccuracyTable } from "~/components/accuracy-table";
import { EmptyState } from "~/components/empty-state";
import { ensureRealTextFigures, overviewData, PAGE_WAIT_MS } from "~/overview/overview.server";
import { MeasuringNotice } from "~/components/measuring-notice";
import { pooledPredictorOf } from "~/classify/inference.server";
import { getDb } from "~/store/context.server";
import { coverageCounts, THRESHOLDS, type MeasuredCoverage } from "../../workbench/evaluation/metrics";

export const meta: MetaFunction = () => [{ title: "Overview · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const measuring = await ensureRealTextFigures(getDb(), pooledPredictorOf, PAGE_WAIT_MS);
  return json({ ...(await overviewData(getDb())), measuring });
}

const Charts = lazy(() => import("~/overview/overview-charts.client").then((m) => ({ default: m.OverviewCharts })));

const when = (iso: string) => utcText(iso);

export default function Overview() {
  const data = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const { production, headline, declarations } = data;
  if (!production)
    return (
      <EmptyState
        title="Overview"
        what="No model version is in production yet, so there is nothing to report on."
        action={
          <>
            <Link to="/promotions">request a promotion</Link> of a registered version (a second person approves it).
          </>
        }
      />
    );
  const card = `/models/${production.name}/${production.version}`;
  const threshold = Number(params.get("threshold") ?? 0.9);
  const accepted = declarations?.coverage.find((c) => Math.abs(c.threshold - threshold) < 1e-9) ?? declarations?.coverage.at(-2);
  return (
    <section className="page overview">
      <div className="title-row">
        <h1>Overview</h1>
        <span className="spacer" />
        <a href="/overview.html" download className="button-link">
          Download report (HTML)
        </a>
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <MeasuringNotice versions={data.measuring} />
      <div className="card production-card" data-testid="production-card">
        <h2>In production</h2>
        <p className="big">
          <Link to={card}>{production.ref}</Link>
        </p>
        <p>
          Since {when(production.since)} —{" "}
          {production.how === "promotion" && production.requestId ? (
            <>
              promoted by request <Link to={`/promotions/${production.requestId}`}>#{production.requestId}</Link> of {production.requestedBy},
              approved by <strong>{production.approvedBy}</strong>
            </>
          ) : production.how === "rollback" ? (
            "restored by a rollback (see the Promotions page)"
          ) : (
            "the seeded demo state"
          )}
          . Artifact sha256 <code>{production.sha256.slice(0, 16)}…</code>
        </p>
      </div>

      {headline ? (
        <>
          <h2>Accuracy</h2>
          <p className="muted small" data-testid="headline-set">
            On <Link to={`${card}#${headline.origin === "real" ? "real-text" : "evaluation"}`}>{headline.label}</Link>
            {headline.origin === "real"
              ? ""
              : ` — generated text, not real declarations (real-text figures ${headline.notMeasured ? `could not be computed: ${headline.notMeasured}` : "are being computed"})`}
            : {headline.description} ({headline.n.toLocaleString("en")} lines
            {headline.ece === null ? "" : `; calibration error ${headline.ece.toFixed(2)}`}). HS6 top-1 {hs6Top1Text(headline)}.
          </p>
          <AccuracyTable
            accuracy={headline.accuracy}
            linkTo={`${card}#${headline.origin === "real" ? "real-text" : "evaluation"}`}
            testId="overview-accuracy"
          />
          {headline.otherReal.map((o) => (
            <p key={o.set} className="small" data-testid="overview-other-real">
              On <Link to={`${card}#real-text`}>{o.label}</Link> ({o.n.toLocaleString("en")} lines): {realSetFiguresText(o)}.
            </p>
          ))}
        </>
      ) : null}

      {declarations && accepted ? (
        <div className="card" data-testid="auto-accept">
          <h2>Auto-acceptance</h2>
          <p>
            At confidence ≥{" "}
            <select
              aria-label="Confidence threshold"
              value={accepted.threshold}
              onChange={(e) => setParams({ threshold: e.target.value }, { replace: true, preventScrollReset: true })}
            >
              {THRESHOLDS.map((t) => (
                <option key={t} value={t}>
                  {t.toFixed(2)}
                </option>
              ))}
            </select>{" "}
            the production model would{" "}
            <AutoAccepted row={accepted} n={declarations.n} of={declarations.origin === "real" ? "real descriptions" : "declaration lines"} />
          </p>
          {declarations.origin === "real" && data.challenger && data.challengerAutoAccept ? (
            <ChallengerAutoAccept
              refText={data.challenger}
              production={production.ref}
              set={data.realSet.id}
              threshold={accepted.threshold}
              measured={data.challengerAutoAccept}
            />
          ) : null}
          <p className="muted small" data-testid="auto-accept-set">
            Measured on <Link to={`${card}#${declarations.origin === "real" ? "real-text" : "evaluation"}`}>{declarations.label}</Link>:{" "}
            {declarations.description} ({declarations.n.toLocaleString("en")} lines). The rest goes to a person.
          </p>
        </div>
      ) : null}

      {mounted ? (
        <Suspense fallback={<p className="muted">Loading charts…</p>}>
          <Charts
            sections={data.sections}
            chapters={data.chapters}
            versions={data.versions}
            challenger={data.challenger}
            production={production.ref}
            set={headline?.set ?? data.realSet.id}
            setLabel={headline?.label ?? data.realSet.label}
          />
        </Suspense>
      ) : (
        <p className="muted">Loading charts…</p>
      )}

      <h2>Open promotion requests</h2>
      {data.open.length === 0 ? (
        <p className="muted">
          None. <Link to="/promotions">Promotions</Link>
        </p>
      ) : (
        <ul data-testid="open-requests">
          {data.open.map((r) => (
            <li key={r.id}>
              <Link to={`/promotions/${r.id}`}>#{r.id}</Link> {r.from} → {r.to}, requested by {r.requestedBy} on {when(r.requestedAt)};{" "}
              {r.gatesPassed ? "all gates passed" : <strong>gates failed</strong>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "auto-accept 2.5% of them (13 of 518), with 84.6% HS6 accuracy among them (11 of 13; 95% interval …)." */
function AutoAccepted({ row, n, of }: { row: MeasuredCoverage["coverage"][number]; n: number; of: string }) {
  const { accepted, right } = coverageCounts(row, n);
  return (
    <>
      auto-accept <strong>{pct(row.share)}</strong> of {of} ({accepted.toLocaleString("en")} of {n.toLocaleString("en")})
      {accepted ? (
        <>
          , with <strong>{pct(row.accuracy)}</strong> HS6 accuracy among them ({countsWithInterval(right, accepted)})
        </>
      ) : null}
      .
    </>
  );
}

/** What promoting the strongest candidate would change at the same threshold, on the same real lines. */
function ChallengerAutoAccept({
  refText,
  production,
  set,
  threshold,
  measured,
}: {
  refText: string;
  production: string;
  /** the real set Compare opens on */
  set: string;
  threshold: number;
  measured: MeasuredCoverage;
}) {
  const row = measured.coverage.find((c) => Math.abs(c.threshold - threshold) < 1e-9);
  if (!row) return null;
  return (
    <p data-testid="challenger-auto-accept">
      The strongest candidate, <Link to={`/compare?${new URLSearchParams({ a: production, b: refText, set })}`}>{refText}</Link>, would{" "}
      <AutoAccepted row={row} n={measured.n} of="them" />
    </p>
  );
}
