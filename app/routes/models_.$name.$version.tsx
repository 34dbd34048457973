import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { assertCsrf, requireUser, requireUserWithRole } from "~/auth/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { notesOf } from "../../workbench/registry/version-lifecycle";
import { noteOn } from "~/models/registry-actions.server";
import { roleAtLeast } from "../../workbench/registry/roles";
import { formatModelRef } from "../../workbench/registry/model-ref";
import { countsWithInterval, hs6Top1Text, pct, proportionText, shareText, utcText } from "../../workbench/text/format";
import type { z } from "zod";
import { KIND_LABELS } from "../../workbench/registry/model-version";
import { importedSets, unavailableOn, type PredictionsCard } from "../../workbench/registry/prediction-imports";
import { PROTOCOL_LABELS, remoteEndpointOf } from "../../workbench/registry/remote-endpoints";
import { endpointHealth } from "../../models/remote/remote-version";
import { getDb, getStore } from "~/store/context.server";
import { versionFromParams } from "~/store/registered-version.server";
import { modelCardOf } from "../../workbench/registry/model-registry";
import { modelCardSchema, REAL_TEXT_POLICY } from "../../models/hs-classifier/model-card";
import { isRealSet, isShippedSet, REAL_SET_IDS, SHIPPED_SETS } from "../../workbench/evaluation/evaluation-sets";
import { coverageCounts, type Metrics } from "../../workbench/evaluation/metrics";
import { measureRealSets } from "~/models/measuring-failures.server";
import { invoiceLineFit, realTextFigures, type InvoiceLineFit } from "../../workbench/evaluation/real-text";
import { INVOICE_CATEGORIES } from "../../workbench/evaluation/invoice-categories";
import { pooledPredictorOf } from "~/classify/inference.server";
import { ReliabilityDiagram } from "~/components/reliability-diagram";
import { cardDescriptionParts, membersNotNamed } from "../../models/hs-classifier/card-description";

const rank = (set: string) => (isRealSet(set) ? 0 : set === "internal-test" ? 2 : 1);

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.version.name}@${data?.version.version} · Models · HS Model Workbench` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const version = await versionFromParams(params);
  // real text first, for every version (also those whose card predates the real sets): computed once per artifact
  let realError: string | null = null;
  const measuring = measureRealSets(getDb(), version, pooledPredictorOf).then((why) => ((realError = why), true));
  // an endpoint may be slow: the page waits a few seconds, then shows what is measured and says the rest is coming
  const waited =
    version.kind === "remote" ? await Promise.race([measuring, new Promise<false>((r) => setTimeout(() => r(false), 4000))]) : await measuring;
  if (!waited) realError = "still being measured through the endpoint; reload in a moment";
  const { sets: real, pooled } = await realTextFigures(getDb(), version.sha256);
  const facts = {
    notes: await notesOf(getDb(), version.id),
    canNote: roleAtLeast(user.role, "analyst"),
    name: version.name,
    version: version.version,
    status: version.status,
    kind: KIND_LABELS[version.kind],
    sha256: version.sha256,
    registeredAt: version.registeredAt,
    registeredBy: version.registeredBy,
    source: version.source,
  };
  const realText = {
    real,
    pooledCoverage: pooled ? { n: pooled.metrics.n, coverage: pooled.metrics.coverage } : null,
    realError,
    invoiceFit: await invoiceLineFit(getDb(), version, pooledPredictorOf),
  };
  if (version.kind === "remote") {
    // an endpoint: how it is called (never its token) and whether it answers now
    const endpoint = await remoteEndpointOf(getDb(), version.id);
    const health = await endpointHealth(getStore(), version);
    const remote = {
      description: ((await modelCardOf(getDb(), version)) as { description?: string }).description ?? "",
      url: endpoint.url,
      protocol: PROTOCOL_LABELS[endpoint.protocol],
      remoteModel: endpoint.remoteModel,
      credential:
        endpoint.credential?.kind === "env"
          ? `bearer token from ${endpoint.credential.name} on the server`
          : endpoint.credential
            ? "bearer token, stored sealed (never shown again)"
            : "none",
      calls: `batches of ${endpoint.batchSize}, ${endpoint.concurrency} at a time, ${endpoint.timeoutMs / 1000} s timeout, 3 tries with backoff`,
      health,
    };
    return json({ version: facts, card: null, predictions: null, remote, sets: [], hasReal: true, ...realText });
  }
  if (version.kind === "predictions") {
    // no artifact and no card: what was imported, and where it cannot be evaluated
    const card = (await modelCardOf(getDb(), version)) as PredictionsCard;
    const imported = (await importedSets(getDb(), version.id)).map((s) => ({
      ...s,
      label: isShippedSet(s.setId) ? SHIPPED_SETS[s.setId].label : s.setId,
    }));
    const elsewhere = [];
    for (const [id, set] of Object.entries(SHIPPED_SETS)) if (await unavailableOn(getDb(), version, id)) elsewhere.push({ id, label: set.label });
    return json({
      version: facts,
      card: null,
      predictions: { description: card.description, imported, elsewhere },
      remote: null,
      sets: [],
      hasReal: true,
      ...realText,
    });
  }
  const card = modelCardSchema.safeParse(await modelCardOf(getDb(), version));
  if (!card.success)
    throw new Response(`The model card of ${params.name}@${params.version} is not valid: ${card.error.issues[0]?.message}`, { status: 500 });
  // real text first, then the synthetic sets, each labelled by where its text comes from
  const sets = Object.entries(card.data.evaluation)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([id, set]) => ({ id, label: isShippedSet(id) ? SHIPPED_SETS[id].label : id, ...set }));
  return json({
    version: facts,
    card: card.data,
    predictions: null,
    remote: null,
    sets,
    hasReal: REAL_SET_IDS.some((id) => card.data.evaluation[id]),
    ...realText,
  });
}

/** An analyst or admin adds a note to the version (append-only, audited). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUserWithRole(request, "analyst");
  const form = await request.formData();
  await assertCsrf(request, form);
  const version = await versionFromParams(params);
  const outcome = await noteOn(formatModelRef(version), String(form.get("note") ?? ""), user, context);
  if (!outcome.ok) return json({ error: outcome.message }, { status: outcome.status });
  return redirect(`/models/${version.name}/${version.version}#notes`);
}

export default function ModelCardPage() {
  const { version, card, predictions, remote, sets, hasReal, real, pooledCoverage, realError, invoiceFit } = useLoaderData<typeof loader>();
  return (
    <section className="page model-card">
      <p>
        <Link to="/models">← Models</Link>
      </p>
      <h1>
        {version.name}@{version.version} <span className={`status status-${version.status}`}>{version.status}</span>
      </h1>
      {card ? (
        <CardDescription description={card.description} version={version.version} sources={card.training.sources} />
      ) : (
        <p>{predictions?.description ?? remote?.description}</p>
      )}
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{version.kind}</dd>
        <dt>{card ? "Artifact sha256" : predictions ? "Predictions sha256" : "Endpoint and probe sha256"}</dt>
        <dd>
          <code>{version.sha256}</code>
        </dd>
        <dt>Registered</dt>
        <dd>
          {utcText(version.registeredAt)}
          {version.registeredBy ? ` by ${version.registeredBy}` : ""}
        </dd>
        <dt>Source</dt>
        <dd>{version.source}</dd>
      </dl>
      {predictions ? <ImportedPredictions {...predictions} /> : null}
      {remote ? <RemoteEndpointFacts {...remote} /> : null}
      {card ? <TrainedFacts card={card} /> : null}
      <Notes notes={version.notes} canNote={version.canNote} />
      <p className="notice">{REAL_TEXT_POLICY}</p>
      <h2 id="real-text">On real text</h2>
      {realError ? <p className="error">Could not measure this version on the real sets: {realError}</p> : null}
      <AccuracyTable
        testId="real-text-accuracy"
        heading="Real evaluation set"
        rows={real.map((r) => ({ id: r.set, label: r.label, description: r.description, metrics: r.metrics, ece: r.ece }))}
      />
      <p className="muted small">
        Measured live on the shipped real sets (a prediction counts if it matches any code the experts gave).
        {real.length ? (
          <span data-testid="real-text-intervals">
            {" "}
            Few lines make wide intervals — HS6 top-1 {real.map((r) => `on ${r.label}: ${hs6Top1Text(r.metrics)}`).join("; ")}. Compare tests two
            versions on the same lines.
          </span>
        ) : null}
        {hasReal ? "" : " This version's card predates the real sets: the figures in its card below are on generated text only."}
        {predictions?.elsewhere.length
          ? ` Not measured on ${predictions.elsewhere.map((e) => e.id).join(", ")}: no predictions were imported for them.`
          : ""}
      </p>
      <div className="two-columns">
        {real.map((r) => (
          <ReliabilityDiagram key={r.set} title={r.label} ece={r.ece} bins={r.reliability} />
        ))}
      </div>
      {pooledCoverage ? (
        <>
          <h3>Auto-acceptance on real text ({pooledCoverage.n.toLocaleString("en")} lines)</h3>
          <CoverageTable testId="real-text-coverage" coverage={pooledCoverage.coverage} n={pooledCoverage.n} />
        </>
      ) : null}
      <InvoiceLinesFit fit={invoiceFit} />
      {card ? <CardSections card={card} sets={sets} /> : null}
    </section>
  );
}

/** What the model is and what this version changed first; what earlier versions changed on request. */
function CardDescription({ description, version, sources }: { description: string; version: string; sources: readonly string[] }) {
  const { summary, thisVersion, earlier } = cardDescriptionParts(description, version);
  const members = membersNotNamed(summary, sources);
  return (
    <>
      <p>{summary}</p>
      {members ? (
        <p data-testid="members-now">
          <strong>This version is built from</strong> {members.join(" and ")}: the description above names the members it was first written for, and
          the changes below say when each member changed.
        </p>
      ) : null}
      {thisVersion ? (
        <p data-testid="this-version-changed">
          <strong>This version:</strong> {thisVersion}
        </p>
      ) : null}
      {earlier.length ? (
        <details>
          <summary>What earlier versions changed ({earlier.length})</summary>
          <ul>
            {earlier.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

/** Real invoice lines without codes: how often the first code fits the line's category (a ceiling of accuracy). */
function InvoiceLinesFit({ fit }: { fit: InvoiceLineFit }) {
  // the band of lines the version is at least 90% sure of (the first)
  const sure = fit.state === "measured" ? fit.agreement.byConfidence[0]! : null;
  return (
    <>
      <h3 id="invoice-lines">Real invoice lines without codes (Brazilian Portuguese)</h3>
      <p className="muted small">
        7,500 lines of real Brazilian electronic invoices (DESCMERC sample, CC0) as traders write them — upper case, abbreviations, brand names — each
        with a category (cosmetics, cleaning, food) and no HS code: the half never read while writing glossary entries, never trained on. A code that
        fits the category may still be the wrong subheading, so these figures bound accuracy from above.
      </p>
      {fit.state === "not measured" ? (
        <p className="muted">Not measured: {fit.reason}.</p>
      ) : fit.state === "measuring" ? (
        <p role="status" data-testid="invoice-lines-measuring">
          Being measured on these lines ({fit.done.toLocaleString("en")} of {fit.total.toLocaleString("en")} so far); reload the page in a moment.
        </p>
      ) : (
        <table className="table" data-testid="invoice-lines-fit">
          <thead>
            <tr>
              <th>Lines</th>
              <th>First code fits</th>
              <th>One of five fits</th>
              {INVOICE_CATEGORIES.map((c) => (
                <th key={c}>{c[0]!.toUpperCase() + c.slice(1)}: first fits</th>
              ))}
              <th>At least 90% sure: first fits</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{fit.agreement.lines.toLocaleString("en")}</td>
              <td>
                {pct(fit.agreement.top1)} <span className="muted small">({countsWithInterval(fit.agreement.top1Fit, fit.agreement.lines)})</span>
              </td>
              <td>{pct(fit.agreement.top5)}</td>
              {INVOICE_CATEGORIES.map((c) => (
                <td key={c}>{pct(fit.agreement.byCategory[c].top1)}</td>
              ))}
              <td>{sure ? proportionText(sure.fit, sure.lines) : null}</td>
            </tr>
          </tbody>
        </table>
      )}
    </>
  );
}

interface AccuracyRow {
  id: string;
  label: string;
  description: string;
  metrics: Pick<Metrics, "n" | "meanLeadingDigits"> & { accuracy: Record<string, Record<string, number>> };
  ece?: number | null;
}

function AccuracyTable({ heading, rows, testId }: { heading: string; rows: AccuracyRow[]; testId?: string }) {
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th>{heading}</th>
          <th>n</th>
          <th>Chapter top-1</th>
          <th>Heading top-1</th>
          <th>HS6 top-1</th>
          <th>HS6 top-3</th>
          <th>HS6 top-5</th>
          <th>Leading digits</th>
          <th title="expected calibration error: the gap between confidence and accuracy (0 is perfect)">Calibration error</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td title={r.description}>
              <strong>{r.label}</strong>
              <div className="muted small">{r.description}</div>
            </td>
            <td className="num">{r.metrics.n.toLocaleString("en")}</td>
            <td className="num">{pct(r.metrics.accuracy.hs2?.top1)}</td>
            <td className="num">{pct(r.metrics.accuracy.hs4?.top1)}</td>
            <td className="num">{pct(r.metrics.accuracy.hs6?.top1)}</td>
            <td className="num">{pct(r.metrics.accuracy.hs6?.top3)}</td>
            <td className="num">{pct(r.metrics.accuracy.hs6?.top5)}</td>
            <td className="num">{r.metrics.meanLeadingDigits.toFixed(2)}</td>
            <td className="num">{r.ece === undefined || r.ece === null ? "not measured" : r.ece.toFixed(3)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Share auto-accepted and the accuracy among those lines, with the counts behind both (few lines at high thresholds). */
function CoverageTable({ coverage, n, testId }: { coverage: Metrics["coverage"]; n: number; testId?: string }) {
  return (
    <table className="table compact" data-testid={testId}>
      <thead>
        <tr>
          <th>Confidence ≥</th>
          <th>Share auto-accepted</th>
          <th>HS6 accuracy among them</th>
        </tr>
      </thead>
      <tbody>
        {coverage.map((c) => {
          const { accepted, right } = coverageCounts(c, n);
          return (
            <tr key={c.threshold}>
              <td>{c.threshold.toFixed(2)}</td>
              <td className="num">{shareText(accepted, n)}</td>
              <td className="num">{proportionText(right, accepted)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

type TrainedCard = z.infer<typeof modelCardSchema>;

/** What the version computes, in a sentence per kind. */
function architectureText(card: TrainedCard): string {
  const { kind, hidden, dropout, labels } = card.architecture;
  const codes = `${labels.toLocaleString("en")} HS 6 subheadings`;
  switch (kind) {
    case "hierarchical":
      return `dense ${hidden.join(" → ")} (ReLU) → softmax over chapters, and within each chapter a softmax over its subheadings (${codes} in all); P(code) = P(chapter) × P(code | chapter)`;
    case "retrieval":
      return `TF-IDF search over tariff lines (words, word pairs, character n-grams); the nearest lines vote for their subheading, heading and chapter (${codes})`;
    case "combined":
      return `a retrieval version and a network combined: each one's 50 best codes scored by their weighted log-probabilities (${codes}; the members and weight are in the description)`;
    default:
      return `dense ${hidden.join(" → ")} (ReLU, dropout ${dropout}) → softmax over ${codes}`;
  }
}

/** How the version's probabilities were calibrated, if they were: what a threshold on them means rests on it. */
function confidenceText(card: TrainedCard): string {
  const c = card.calibration;
  if (!c) return "its network's own softmax, not calibrated (trained before versions were calibrated on real text)";
  const sets = c.fittedOn.map((id) => (isShippedSet(id) ? SHIPPED_SETS[id].label : id)).join(" and ");
  const top = c.topCode
    ? `, then the top code's probability rescaled to σ(${c.topCode.slope.toFixed(3)} · logit p ${c.topCode.intercept < 0 ? "−" : "+"} ${Math.abs(c.topCode.intercept).toFixed(3)})`
    : "";
  return `calibrated on ${sets} (calibration only, never trained on; its calibration errors there are in-sample): softmax over its 50 best codes at temperature ${c.temperature.toFixed(3)}${top}`;
}

function TrainedFacts({ card }: { card: TrainedCard }) {
  return (
    <dl className="facts">
      <dt>Size</dt>
      <dd>
        {(card.sizeBytes / 1e6).toFixed(1)} MB, {card.architecture.parameters.toLocaleString("en")} parameters
      </dd>
      {card.features ? (
        <>
          <dt>Features</dt>
          <dd>
            {card.features.dim.toLocaleString("en")} hashed features: word {card.features.wordNgrams.join("/")}-grams, character{" "}
            {card.features.charNgrams.join("/")}-grams
          </dd>
        </>
      ) : null}
      <dt>Architecture</dt>
      <dd>{architectureText(card)}</dd>
      <dt>Confidence</dt>
      <dd data-testid="calibration">{confidenceText(card)}</dd>
      <dt>{card.architecture.kind === "retrieval" || card.architecture.kind === "combined" ? "Built from" : "Training"}</dt>
      <dd>
        {card.architecture.kind === "retrieval"
          ? `${card.training.examples.toLocaleString("en")} documents indexed`
          : card.architecture.kind === "combined"
            ? "two shipped versions, read from their own artifacts"
            : `${card.training.examples.toLocaleString("en")} examples (${card.training.augmentations} trader-style rewrite(s) per text), ${card.training.epochs} epochs` +
              (card.training.secondsPerEpoch.length
                ? `, ${(card.training.secondsPerEpoch.reduce((a, b) => a + b, 0) / card.training.secondsPerEpoch.length).toFixed(0)} s per epoch`
                : "")}
        ; sources: {card.training.sources.join(", ")}
      </dd>
      <dt>Split</dt>
      <dd>{card.training.split}</dd>
      <dt>Intended use</dt>
      <dd>{card.intendedUse}</dd>
    </dl>
  );
}

function CardSections({ card, sets }: { card: TrainedCard; sets: AccuracyRow[] }) {
  return (
    <>
      <h2 id="evaluation">From the model card</h2>
      <AccuracyTable heading="Evaluation set" rows={sets} />
      {card.evaluation["held-out"] ? (
        <>
          <h2>Auto-acceptance on the held-out set (synthetic)</h2>
          <CoverageTable coverage={card.evaluation["held-out"].metrics.coverage} n={card.evaluation["held-out"].metrics.n} />
        </>
      ) : null}
      <h2>Known weak chapters (from the card)</h2>
      <ul>
        {card.weakChapters.map((c) => (
          <li key={c.chapter}>
            Chapter {c.chapter}: HS6 top-1 {pct(c.top1)} on {c.support} lines
          </li>
        ))}
      </ul>
      <h2>Limitations</h2>
      <ul>
        {card.limitations.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </>
  );
}

/** What a predictions version holds: one imported file per evaluation set, and the sets it cannot be judged on. */
function ImportedPredictions({
  imported,
  elsewhere,
}: {
  imported: { setId: string; label: string; fileName: string; fileSha256: string; lines: number; topK: number; importedAt: string }[];
  elsewhere: { id: string; label: string }[];
}) {
  return (
    <>
      <h2>Imported predictions</h2>
      <table className="table" data-testid="imported-predictions">
        <thead>
          <tr>
            <th>Evaluation set</th>
            <th>Lines</th>
            <th>Codes per line</th>
            <th>File</th>
            <th>File sha256</th>
            <th>Imported</th>
          </tr>
        </thead>
        <tbody>
          {imported.map((s) => (
            <tr key={s.setId}>
              <td>{s.label}</td>
              <td className="num">{s.lines.toLocaleString("en")}</td>
              <td className="num">{s.topK}</td>
              <td>{s.fileName}</td>
              <td>
                <code>{s.fileSha256.slice(0, 16)}…</code>
              </td>
              <td>{utcText(s.importedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        A predictions file holds another model&apos;s answers for these lines only: it is compared and promoted on them, and cannot classify new text.
      </p>
      {elsewhere.length ? (
        <p className="muted small" data-testid="unavailable-sets">
          No predictions for {elsewhere.map((e) => e.label).join(", ")}: it cannot be compared there (import predictions for those lines as a new
          version).
        </p>
      ) : null}
    </>
  );
}

/** A remote version: where and how it is called, and whether it answers now (its token is never shown). */
function RemoteEndpointFacts(remote: {
  url: string;
  protocol: string;
  remoteModel: string | null;
  credential: string;
  calls: string;
  health: { ok: boolean; message: string };
}) {
  return (
    <>
      <h2>Endpoint</h2>
      <dl className="facts" data-testid="remote-endpoint">
        <dt>URL</dt>
        <dd>
          <code>{remote.url}</code>
        </dd>
        <dt>Protocol</dt>
        <dd>{remote.protocol}</dd>
        {remote.remoteModel ? (
          <>
            <dt>Model on the endpoint</dt>
            <dd>{remote.remoteModel}</dd>
          </>
        ) : null}
        <dt>Credential</dt>
        <dd>{remote.credential}</dd>
        <dt>Calls</dt>
        <dd>{remote.calls}</dd>
        <dt>Health now</dt>
        <dd data-testid="remote-health">
          <span className={`badge ${remote.health.ok ? "badge-ok" : "badge-warn"}`}>{remote.health.ok ? "answers" : "down"}</span>{" "}
          {remote.health.message}
        </dd>
      </dl>
      <p className="muted small">
        Word explanations and evidence lines are not available from an endpoint: it answers codes and probabilities. Before a promotion the endpoint
        must answer its 20 probe lines exactly as it did when it was registered (the canary).
      </p>
    </>
  );
}

function Notes({ notes, canNote }: { notes: { id: number; body: string; author: string; at: string }[]; canNote: boolean }) {
  const failed = useActionData<{ error?: string }>();
  return (
    <section aria-labelledby="notes">
      <h2 id="notes">Notes</h2>
      {notes.length ? (
        <ul className="notes" data-testid="version-notes">
          {notes.map((n) => (
            <li key={n.id}>
              <span className="muted small">
                {utcText(n.at)}, {n.author}:
              </span>{" "}
              <span className="note-body">{n.body}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No notes yet.</p>
      )}
      {canNote ? (
        <Form method="post" className="form" aria-label="Add a note">
          <CsrfInput />
          <label>
            Note (kept with the version; notes cannot be edited or removed)
            <textarea name="note" rows={2} maxLength={4000} required />
          </label>
          <button type="submit">Add note</button>
          {failed?.error ? (
            <p className="form-error" role="alert">
              {failed.error}
            </p>
          ) : null}
        </Form>
      ) : null}
    </section>
  );
}
