import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { actorOf, assertCsrf, requireUser, requireUserWithRole } from "~/auth/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { NotYetAvailable } from "~/components/not-yet-available";
import { listModelVersions, RegistryError } from "../../workbench/registry/model-registry";
import { KIND_LABELS } from "../../workbench/registry/model-version";
import { modelRefSchema } from "../../workbench/registry/model-ref";
import { importPredictions, unavailableOn } from "../../workbench/registry/prediction-imports";
import { PredictionFileError } from "../../workbench/evaluation/prediction-file";
import { REAL_SET_IDS, SHIPPED_SETS } from "../../workbench/evaluation/evaluation-sets";
import { realTextFigures } from "../../workbench/evaluation/real-text";
import { roleAtLeast } from "../../workbench/registry/roles";
import { pct, utcText } from "../../workbench/text/format";
import { ensureRealTextFigures } from "~/overview/overview.server";
import { pooledPredictorOf } from "~/classify/inference.server";
import { readPredictionUpload, UploadError } from "~/models/import-upload.server";
import { z } from "zod";
import { getDb, getStore } from "~/store/context.server";
import { DEFAULT_ENDPOINT_SETTINGS, PROTOCOL_LABELS, REMOTE_PROTOCOLS } from "../../workbench/registry/remote-endpoints";
import { registerRemote } from "../../models/remote/remote-version";
import { RemoteError } from "../../models/remote/remote-client";

export const meta: MetaFunction = () => [{ title: "Models · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  await ensureRealTextFigures(db, pooledPredictorOf);
  const versions = listModelVersions(db).map((v) => {
    const real = Object.fromEntries(realTextFigures(db, v.sha256).sets.map((f) => [f.set, f.metrics.accuracy]));
    const unavailable = Object.fromEntries(REAL_SET_IDS.map((id) => [id, unavailableOn(db, v, id) ? "no predictions for this set" : null]));
    return { ...v, kindLabel: KIND_LABELS[v.kind], real, unavailable };
  });
  return json({
    versions,
    sets: REAL_SET_IDS.map((id) => ({ id, label: SHIPPED_SETS[id].label })),
    allSets: Object.entries(SHIPPED_SETS).map(([id, s]) => ({ id, label: s.label })),
    canImport: roleAtLeast(user.role, "analyst"),
    canRegisterRemote: user.role === "admin",
    protocols: REMOTE_PROTOCOLS.map((id) => ({ id, label: PROTOCOL_LABELS[id] })),
  });
}

type ActionResult = { message: string; problems?: string[]; total?: number };

/**
 * An analyst imports another model's predictions (a multipart upload, docs/predictions-format.md); an admin registers
 * a remote endpoint (the server will call that URL, so only admins may name one). Both become candidate versions.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return registerRemoteAction(request, context);
  const user = await requireUserWithRole(request, "analyst");
  try {
    const { form, file } = await readPredictionUpload(request, (form) => assertCsrf(request, form));
    const ref = modelRefSchema.safeParse(`${String(form.get("name") ?? "").trim()}@${String(form.get("version") ?? "").trim()}`);
    if (!ref.success) return json<ActionResult>({ message: `Name and version: ${ref.error.issues[0]!.message}` }, { status: 400 });
    const description =
      String(form.get("description") ?? "")
        .trim()
        .slice(0, 2000) || `Predictions imported from ${file.name}`;
    const { version } = importPredictions(getDb(), { ...ref.data, description, files: [file] }, actorOf(user, context));
    return redirect(`/models/${version.name}/${version.version}`);
  } catch (error) {
    if (error instanceof PredictionFileError)
      return json<ActionResult>(
        {
          message: `${error.file}: ${error.total} problem${error.total === 1 ? "" : "s"}, nothing imported.`,
          problems: error.problems,
          total: error.total,
        },
        { status: 400 },
      );
    if (error instanceof RegistryError) return json<ActionResult>({ message: error.message }, { status: 409 });
    if (error instanceof UploadError || (error instanceof Error && ["UsageError", "InputError"].includes(error.name)))
      return json<ActionResult>({ message: (error as Error).message }, { status: 400 });
    throw error;
  }
}

const remoteForm = z.object({
  name: z.string().trim(),
  version: z.string().trim(),
  url: z.string(),
  protocol: z.string(),
  remoteModel: z.string().trim(),
  token: z.string(),
  tokenEnv: z.string().trim(),
  timeoutSeconds: z.coerce.number({ error: "the timeout must be a number of seconds" }),
  description: z.string().trim().max(2000),
});

async function registerRemoteAction(request: Request, context: unknown) {
  const user = await requireUserWithRole(request, "admin");
  const form = await request.formData();
  await assertCsrf(request, form);
  const fields = remoteForm.safeParse(Object.fromEntries([...form].filter(([k]) => k !== "csrf")));
  if (!fields.success)
    return json<ActionResult>({ message: fields.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; ") }, { status: 400 });
  const f = fields.data;
  const ref = modelRefSchema.safeParse(`${f.name}@${f.version}`);
  if (!ref.success) return json<ActionResult>({ message: `Name and version: ${ref.error.issues[0]!.message}` }, { status: 400 });
  if (f.token && f.tokenEnv)
    return json<ActionResult>({ message: "Give a token or the name of its environment variable, not both." }, { status: 400 });
  try {
    const version = await registerRemote(
      getStore(),
      {
        ...ref.data,
        description: f.description || `Remote model at ${f.url}`,
        settings: {
          url: f.url,
          protocol: f.protocol,
          remoteModel: f.remoteModel || null,
          timeoutMs: Math.round(f.timeoutSeconds * 1000),
          concurrency: DEFAULT_ENDPOINT_SETTINGS.concurrency,
          batchSize: DEFAULT_ENDPOINT_SETTINGS.batchSize,
        },
        credential: f.tokenEnv ? { kind: "env", name: f.tokenEnv } : f.token ? { kind: "token", token: f.token } : null,
      },
      actorOf(user, context),
    );
    return redirect(`/models/${version.name}/${version.version}`);
  } catch (error) {
    if (error instanceof RemoteError) return json<ActionResult>({ message: `The endpoint was not registered: ${error.message}` }, { status: 400 });
    if (error instanceof RegistryError) return json<ActionResult>({ message: error.message }, { status: 409 });
    throw error;
  }
}

export default function Models() {
  const { versions, sets, allSets, canImport, canRegisterRemote, protocols } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (versions.length === 0) {
    return (
      <NotYetAvailable
        title="Models"
        what="No model version is registered yet. Train one with `npx workbench train --config models/configs/hs-baseline.json`."
      />
    );
  }
  return (
    <section className="page">
      <h1>Models</h1>
      <p className="muted">
        Accuracy on real text: chapter / HS6 top-1 / HS6 top-5 on each real evaluation set (never trained on). Generated-text figures are on each
        model card, labelled as such.
      </p>
      <table className="table" data-testid="models-table">
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
          {versions.map((v) => (
            <tr key={v.id}>
              <td>{v.name}</td>
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
                    {a ? `${pct(a.hs2.top1)} / ${pct(a.hs6.top1)} / ${pct(a.hs6.top5)}` : (v.unavailable[s.id] ?? "not measured")}
                  </td>
                );
              })}
              <td>{utcText(v.registeredAt, "minute")} UTC</td>
              <td>{v.registeredBy || "—"}</td>
              <td>{v.source}</td>
              <td>
                <code>{v.sha256.slice(0, 12)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Bring your own model</h2>
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
            Predictions file (CSV or Parquet) <input type="file" name="file" accept=".csv,.parquet,text/csv" required />
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
        <div className="form-error" role="alert" data-testid="import-result">
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
