import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { assertCsrf, requireUser, requireUserWithRole } from "~/auth/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { EmptyNotice } from "~/components/empty-state";
import { listModelVersions } from "../../workbench/registry/model-registry";
import { KIND_LABELS } from "../../workbench/registry/model-version";
import { formatModelRef, splitNewest } from "../../workbench/registry/model-ref";
import { unavailableOn } from "../../workbench/registry/prediction-imports";
import { isShippedSet, REAL_SET_IDS, SHIPPED_SETS, shippedSet } from "../../workbench/evaluation/evaluation-sets";
import { unknownSetMessage } from "../../workbench/evaluation/comparison-service";
import { wilsonInterval } from "../../workbench/evaluation/statistics";
import {
  REGISTRY_COLUMN_LABELS,
  REGISTRY_COLUMNS,
  registryTableNote,
  type RegistryColumn,
  type RegistryRow,
} from "../../workbench/evaluation/registry-table";
import { realTextFigures } from "../../workbench/evaluation/real-text";
import { roleAtLeast } from "../../workbench/registry/roles";
import { pct, utcText } from "../../workbench/text/format";
import { ensureRealTextFigures, PAGE_WAIT_MS } from "~/overview/overview.server";
import { MeasuringNotice } from "~/components/measuring-notice";
import { pooledPredictorOf } from "~/classify/inference.server";
import { registryView } from "~/models/registry.server";
import { whyNotMeasured } from "~/models/measuring-failures.server";
import { archiveOrRestore, importUpload, registerEndpoint, type Outcome } from "~/models/registry-actions.server";
import { getDb } from "~/store/context.server";
import { PROTOCOL_LABELS, REMOTE_PROTOCOLS } from "../../workbench/registry/remote-endpoints";

export const meta: MetaFunction = () => [{ title: "Models · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const measuring = await ensureRealTextFigures(db, pooledPredictorOf, PAGE_WAIT_MS);
  // every version on one chosen set, sortable; versions not measured there yet are measured in the background
  const params = new URL(request.url).searchParams;
  const registry = await registryView(db, params);
  // a shared link's misspelt set: the table shows the default, and the page says so
  const asked = params.get("set");
  const setRefused = asked !== null && !isShippedSet(asked) ? unknownSetMessage(asked) : null;
  const versions = [];
  for (const v of await listModelVersions(db)) {
    const real = Object.fromEntries((await realTextFigures(db, v.sha256)).sets.map((f) => [f.set, f.metrics.accuracy]));
    const unavailable: Record<string, string | null> = {};
    for (const id of REAL_SET_IDS) unavailable[id] = (await unavailableOn(db, v, id)) ? "no predictions for this set" : null;
    versions.push({ ...v, kindLabel: KIND_LABELS[v.kind], real, unavailable, notMeasured: whyNotMeasured(v.sha256) });
  }
  return json({
    measuring,
    versions,
    sets: REAL_SET_IDS.map((id) => {
      // how far a figure near 50% may be off on this many lines (half the 95% interval's width)
      const n = shippedSet(id).lines.length;
      const { low, high } = wilsonInterval(Math.round(n / 2), n);
      return { id, label: SHIPPED_SETS[id].label, n, halfWidth: (high - low) / 2 };
    }),
    allSets: Object.entries(SHIPPED_SETS).map(([id, s]) => ({ id, label: s.label })),
    registry,
    setRefused,
    isAdmin: user.role === "admin",
    canImport: roleAtLeast(user.role, "analyst"),
    canRegisterRemote: user.role === "admin",
    protocols: REMOTE_PROTOCOLS.map((id) => ({ id, label: PROTOCOL_LABELS[id] })),
  });
}

type ActionResult = { message: string; problems?: string[]; total?: number; ok?: boolean };

/**
 * An analyst imports another model's predictions (a multipart upload, docs/predictions-format.md); an admin registers
 * a remote endpoint (the server will call that URL, so only admins may name one). Both become candidate versions.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  let outcome: Outcome;
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const user = await requireUserWithRole(request, "analyst");
    outcome = await importUpload(request, user, context, (form) => assertCsrf(request, form));
  } else {
    const user = await requireUserWithRole(request, "admin");
    const form = await request.formData();
    await assertCsrf(request, form);
    const intent = form.get("intent");
    outcome =
      intent === "archive" || intent === "restore"
        ? await archiveOrRestore(String(form.get("ref") ?? ""), intent === "archive", String(form.get("reason") ?? ""), user, context)
        : await registerEndpoint(Object.fromEntries([...form].filter(([k]) => k !== "csrf" && k !== "intent")), user, context);
  }
  if (outcome.ok && outcome.version) return redirect(`/models/${outcome.version.name}/${outcome.version.version}`);
  return outcome.ok ? json<ActionResult>({ message: outcome.message, ok: true }) : json<ActionResult>(outcome, { status: outcome.status });
}

export default function Models() {
  const { measuring, versions, sets, allSets, canImport, canRegisterRemote, protocols, registry, setRefused, isAdmin } =
    useLoaderData<typeof loader>();
  // sixty versions, most of them superseded: each model's newest (and production) first, the rest one click away
  const { newest, earlier, counts } = splitNewest(versions);
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="page">
      <h1>Models</h1>
      <p className="muted">
        Accuracy on real text: chapter / HS6 top-1 / HS6 top-5 on each real evaluation set (never trained on). Generated-text figures are on each
        model card, labelled as such.
      </p>
      <p className="muted small" data-testid="real-set-precision">
        On {sets.map((s) => `${s.n.toLocaleString("en")} lines of ${s.label}`).join(" and ")}, a figure near 50% is known to within about{" "}
        {sets.map((s) => `±${(s.halfWidth * 100).toFixed(1)}`).join(" and ")} points (95% interval): versions closer than that are told apart by
        Compare&apos;s paired test on the same lines, not by this table.
      </p>
      <MeasuringNotice versions={measuring} />
      {versions.length === 0 ? (
        <EmptyNotice
          what="No model version is registered yet."
          action={
            <>
              {canImport ? <a href="#bring-your-own">import a model&apos;s predictions below</a> : "ask an analyst to import a model's predictions"},
              or train one with <code>npx workbench train --config models/configs/hs-standard.json</code>.
            </>
          }
        />
      ) : (
        <>
          <VersionsTable versions={newest} sets={sets} measuring={measuring} counts={counts} testId="models-table" />
          {earlier.length > 0 && (
            <details className="earlier-versions">
              <summary>
                Earlier versions ({earlier.length}): above, each model&apos;s newest version
                {newest.some((v) => v.status === "production") ? " and the one in production" : ""}
              </summary>
              <VersionsTable versions={earlier} sets={sets} measuring={measuring} testId="earlier-versions-table" />
            </details>
          )}

          <RegistryTable registry={registry} setRefused={setRefused} sets={allSets} isAdmin={isAdmin} />
        </>
      )}

      <h2 id="bring-your-own">Bring your own model</h2>
      <p>
        Evaluate a model trained elsewhere on the same lines and statistics: run it on an evaluation set&apos;s lines (
        <code>npx workbench sets export --set cbp-rulings --out lines.csv</code>), then import its top-k codes with probabilities as a version. The
        format is in <code>docs/predictions-format.md</code>: a <code>line_id</code> (or the exact <code>text</code>) and{" "}
        <code>code_1, probability_1, …</code> per line, optionally a <code>set</code> column. Such a version is compared and promoted on the sets it
        has predictions for; it cannot classify new text.
      </p>
      {canImport ? (
        <Form method="post" encType="multipart/form-data" className="form" aria-label="Import predictions">
          <CsrfInput />
          <label>
            Name <input name="name" required pattern="[a-z][a-z0-9\-]*" placeholder="customs-python" />
          </label>
          <label>
            Version <input name="version" required pattern="\d+\.\d+\.\d+" placeholder="1.0.0" />
          </label>
          <label>
            Evaluation set
            <select name="set" defaultValue="">
              <option value="">from the file&apos;s set column</option>
              {allSets.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Predictions file (CSV, Parquet, Excel or JSON){" "}
            <input type="file" name="file" accept=".csv,.parquet,.xlsx,.json,.ndjson,.jsonl,text/csv" required />
          </label>
          <label>
            Description <input name="description" maxLength={2000} placeholder="what model made these predictions" />
          </label>
          <button type="submit" disabled={busy}>
            {busy ? "Checking the file…" : "Import predictions"}
          </button>
        </Form>
      ) : (
        <p className="muted">Importing predictions needs the analyst or admin role.</p>
      )}
      <h3>A model behind an endpoint</h3>
      <p>
        An HTTP endpoint that speaks the workbench&apos;s own <code>/api/classify</code> contract or the Open Inference Protocol (KServe v2: one{" "}
        <code>text</code> input, <code>codes</code> and <code>probabilities</code> outputs) becomes a version once it has answered 20 probe lines; it
        is evaluated in batches (retries, timeouts, failed lines counted, never scored), checked again before a promotion, and can serve{" "}
        <code>/api/classify</code> and the Classify page in production. Its token is stored sealed and never shown again.
      </p>
      {canRegisterRemote ? (
        <Form method="post" className="form" aria-label="Register a remote endpoint">
          <CsrfInput />
          <input type="hidden" name="intent" value="register-remote" />
          <label>
            Name <input name="name" required pattern="[a-z][a-z0-9\-]*" placeholder="customs-service" />
          </label>
          <label>
            Version <input name="version" required pattern="\d+\.\d+\.\d+" placeholder="1.0.0" />
          </label>
          <label>
            Protocol
            <select name="protocol" defaultValue="kserve-v2">
              {protocols.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Endpoint URL <input name="url" type="url" required placeholder="https://models.example/ (KServe) or …/api/classify" />
          </label>
          <label>
            Model on the endpoint <input name="remoteModel" placeholder="KServe: the model's name; workbench: name@version (optional)" />
          </label>
          <label>
            Bearer token (stored sealed) <input name="token" type="password" autoComplete="off" />
          </label>
          <label>
            …or the environment variable holding it <input name="tokenEnv" pattern="[A-Z_][A-Z0-9_]*" placeholder="MODEL_TOKEN" />
          </label>
          <label>
            Timeout per call (seconds) <input name="timeoutSeconds" type="number" min="0.1" max="600" step="0.1" defaultValue="10" required />
          </label>
          <label>
            Description <input name="description" maxLength={2000} />
          </label>
          <button type="submit" disabled={busy}>
            {busy ? "Asking the endpoint…" : "Register endpoint"}
          </button>
        </Form>
      ) : (
        <p className="muted">Registering an endpoint needs the admin role: the server will call the address it names.</p>
      )}
      {result ? (
        <div className={result.ok ? "notice success" : "form-error"} role={result.ok ? "status" : "alert"} data-testid="import-result">
          <p>{result.message}</p>
          {result.problems?.length ? (
            <ul>
              {result.problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
              {result.total && result.total > result.problems.length ? <li>… and {result.total - result.problems.length} more</li> : null}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/**
 * Every version on one evaluation set, sortable (links: works without JavaScript); pick any two for Compare. Admins
 * archive and restore candidates here.
 */
type ListedVersion = ReturnType<typeof useLoaderData<typeof loader>>["versions"][number];

function VersionsTable({
  versions,
  sets,
  measuring,
  counts,
  testId,
}: {
  versions: ListedVersion[];
  sets: { id: string; label: string }[];
  measuring: string[];
  /** versions per model, said beside its newest */
  counts?: Record<string, number>;
  testId: string;
}) {
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th>Model</th>
          <th>Version</th>
          <th>Status</th>
          <th>Kind</th>
          {sets.map((s) => (
            <th key={s.id}>{s.label}</th>
          ))}
          <th>Registered</th>
          <th>By</th>
          <th>Source</th>
          <th>sha256</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v, i) => (
          <tr key={v.id}>
            <td>
              {v.name}
              {(counts?.[v.name] ?? 1) > 1 && versions[i - 1]?.name !== v.name && <span className="muted small"> · {counts![v.name]} versions</span>}
            </td>
            <td>
              <Link to={`/models/${v.name}/${v.version}`}>{v.version}</Link>
            </td>
            <td>
              <span className={`status status-${v.status}`}>{v.status}</span>
            </td>
            <td>{v.kindLabel}</td>
            {sets.map((s) => {
              const a = v.real[s.id];
              return (
                <td key={s.id} className="num">
                  {a
                    ? `${pct(a.hs2.top1)} / ${pct(a.hs6.top1)} / ${pct(a.hs6.top5)}`
                    : (v.unavailable[s.id] ??
                      (measuring.includes(formatModelRef(v))
                        ? "being measured…"
                        : v.notMeasured
                          ? `could not be measured: ${v.notMeasured}`
                          : "not measured"))}
                </td>
              );
            })}
            <td>{utcText(v.registeredAt)}</td>
            <td>{v.registeredBy || "—"}</td>
            <td>{v.source}</td>
            <td>
              <code>{v.sha256.slice(0, 12)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RegistryTable({
  registry,
  setRefused,
  sets,
  isAdmin,
}: {
  registry: { set: string; sort: RegistryColumn; descending: boolean; rows: (RegistryRow & { notMeasured: string | null })[] };
  /** why the set a link asked for is not the table's */
  setRefused: string | null;
  sets: { id: string; label: string }[];
  isAdmin: boolean;
}) {
  const sortLink = (c: RegistryColumn) =>
    `?${new URLSearchParams({ set: registry.set, sort: c, dir: registry.sort === c && registry.descending ? "asc" : "desc" })}`;
  const label = sets.find((s) => s.id === registry.set)?.label ?? registry.set;
  return (
    <>
      <h2 id="all-versions">Every version on one evaluation set</h2>
      <Form method="get" className="filters" aria-label="Evaluation set for the table">
        <label>
          Evaluation set
          <select name="set" defaultValue={registry.set}>
            {sets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <input type="hidden" name="sort" value={registry.sort} />
        <button type="submit">Show</button>
      </Form>
      {setRefused ? (
        <p className="notice" data-testid="set-refused">
          {setRefused.charAt(0).toUpperCase() + setRefused.slice(1)}; the table below is on {label}.
        </p>
      ) : null}
      <div className="grid-scroll">
        <table className="table compact" data-testid="registry-table">
          <caption className="muted small">
            {label}: {registryTableNote(registry.sort, registry.descending)}{" "}
            <a
              href={`/models.xlsx?${new URLSearchParams({ set: registry.set, sort: registry.sort, dir: registry.descending ? "desc" : "asc" })}`}
              download
            >
              Download this table (Excel)
            </a>
          </caption>
          <thead>
            <tr>
              <th>A</th>
              <th>B</th>
              <th>Version</th>
              <th>n</th>
              {REGISTRY_COLUMNS.map((c) => (
                <th key={c} aria-sort={registry.sort === c ? (registry.descending === (c !== "ece") ? "descending" : "ascending") : "none"}>
                  <Link to={sortLink(c)}>{REGISTRY_COLUMN_LABELS[c]}</Link>
                </th>
              ))}
              {isAdmin ? <th>Archive</th> : null}
            </tr>
          </thead>
          <tbody>
            {registry.rows.map((r, i) => (
              <tr key={r.ref}>
                <td>
                  <input type="radio" form="compare-versions" name="a" value={r.ref} defaultChecked={i === 1} aria-label={`${r.ref} as A`} />
                </td>
                <td>
                  <input type="radio" form="compare-versions" name="b" value={r.ref} defaultChecked={i === 0} aria-label={`${r.ref} as B`} />
                </td>
                <td>
                  <Link to={`/models/${r.name}/${r.version}`}>{r.ref}</Link> <span className={`status status-${r.status}`}>{r.status}</span>
                </td>
                {r.figures ? (
                  <>
                    <td className="num">{r.figures.n.toLocaleString("en")}</td>
                    {REGISTRY_COLUMNS.map((c) => (
                      <td key={c} className="num">
                        {c === "ece" ? (r.figures![c] ?? 0).toFixed(3) : pct(r.figures![c] ?? 0)}
                      </td>
                    ))}
                  </>
                ) : (
                  <td colSpan={REGISTRY_COLUMNS.length + 1} className="muted small">
                    {r.unavailable ?? (r.notMeasured ? `could not be measured: ${r.notMeasured}` : "being measured on this set — reload in a moment")}
                  </td>
                )}
                {isAdmin ? (
                  <td>
                    {r.status === "candidate" || r.status === "archived" ? (
                      <ArchiveButton refText={r.ref} archive={r.status === "candidate"} />
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* the radio buttons in the table belong to this form (form="compare-versions"): the archive forms sit in the same rows */}
      <Form method="get" action="/compare" id="compare-versions" aria-label="Compare two versions">
        <input type="hidden" name="set" value={registry.set} />
        <button type="submit">Compare the chosen A and B</button>
      </Form>
    </>
  );
}

function ArchiveButton({ refText, archive }: { refText: string; archive: boolean }) {
  return (
    <Form method="post" className="inline" aria-label={`${archive ? "Archive" : "Restore"} ${refText}`}>
      <CsrfInput />
      <input type="hidden" name="intent" value={archive ? "archive" : "restore"} />
      <input type="hidden" name="ref" value={refText} />
      <input name="reason" required placeholder="reason" aria-label={`Reason to ${archive ? "archive" : "restore"} ${refText}`} />
      <button type="submit">{archive ? "Archive" : "Restore"}</button>
    </Form>
  );
}
