import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { PredictionProgress, SetSelect, usePollWhileComputing } from "~/compare/compare-controls";
import { pairTestNote, severalVersionsWorkbookSheets } from "~/compare/comparison-workbook";
import { downloadWorkbook } from "~/explore/export.client";
import { pooledPredictorOf } from "~/classify/inference.server";
import { resolveSetChoice, serverExtractSetChoices, ServerExtractError } from "~/extracts/server-extracts.server";
import { getDb } from "~/store/context.server";
import { MAX_COMPARED } from "../../workbench/evaluation/compare-many";
import { formatP } from "../../workbench/evaluation/compare";
import { ComparisonError, compareSeveral, evaluationSets } from "../../workbench/evaluation/comparison-service";
import { listModelVersions, ModelVersionNotFound } from "../../workbench/registry/model-registry";
import { formatModelRef, splitNewest } from "../../workbench/registry/model-ref";
import { KIND_LABELS } from "../../workbench/registry/model-version";
import { pct } from "../../workbench/text/format";
import { DEFAULT_SET_ID } from "../../workbench/evaluation/evaluation-sets";

export const meta: MetaFunction = () => [{ title: "Compare several · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const db = getDb();
  const url = new URL(request.url);
  const chosen = url.searchParams.getAll("v");
  const set = url.searchParams.get("set") ?? DEFAULT_SET_ID;
  const base = {
    versions: (await listModelVersions(db)).map((v) => ({
      ref: formatModelRef(v),
      name: v.name,
      status: v.status,
      label: `${formatModelRef(v)} (${v.status}${v.kind === "trained" ? "" : `, ${KIND_LABELS[v.kind]}`})`,
    })),
    sets: [...evaluationSets().filter((s) => s.id !== "explore"), ...(await serverExtractSetChoices())],
    selection: { chosen, set },
  };
  if (chosen.length === 0) return json({ ...base, state: null, error: null });
  try {
    return json({ ...base, state: await compareSeveral(db, chosen, await resolveSetChoice(set), { predictorOf: pooledPredictorOf }), error: null });
  } catch (error) {
    if (error instanceof ComparisonError || error instanceof ModelVersionNotFound || error instanceof ServerExtractError)
      return json({ ...base, state: null, error: error.message }, { status: 400 });
    throw error;
  }
}

export default function CompareSeveral() {
  const { versions, sets, selection, state, error } = useLoaderData<typeof loader>();
  usePollWhileComputing(state);
  const twoView = (a: string, b: string) => `/compare?${new URLSearchParams({ a, b, set: selection.set })}`;
  // each model's newest version (and production) at hand, the rest folded: sixty boxes in one column were a long scroll
  const { newest, earlier } = splitNewest(versions);
  const checkbox = (v: (typeof versions)[number]) => (
    <label key={v.ref} className="checkbox">
      <input type="checkbox" name="v" value={v.ref} defaultChecked={selection.chosen.includes(v.ref)} /> {v.label}
    </label>
  );
  return (
    <section className="page wide-page">
      <p>
        <Link to="/compare">← Compare two versions</Link>
      </p>
      <h1>Compare several versions</h1>
      <Form method="get" className="filters" aria-label="Versions to compare">
        <fieldset>
          <legend>Versions (2 to {MAX_COMPARED})</legend>
          {newest.map(checkbox)}
          {earlier.length > 0 && (
            <details className="earlier-versions" open={earlier.some((v) => selection.chosen.includes(v.ref))}>
              <summary>Earlier versions ({earlier.length})</summary>
              {earlier.map(checkbox)}
            </details>
          )}
        </fieldset>
        <SetSelect sets={sets} value={selection.set} />
        <button type="submit">Compare</button>
      </Form>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {state?.status === "computing" ? <PredictionProgress progress={state.progress} /> : null}
      {state?.status === "ready" ? (
        <>
          <h2>
            Side by side on {state.set.label} ({state.comparison.n.toLocaleString("en")} lines)
          </h2>
          <p>
            <button
              type="button"
              className="small secondary"
              onClick={() =>
                void downloadWorkbook(`versions-on-${state.set.id}.xlsx`, severalVersionsWorkbookSheets(state.set, state.comparison, new Date()))
              }
            >
              Excel workbook
            </button>
          </p>
          <table className="table" data-testid="many-versions">
            <thead>
              <tr>
                <th>Version</th>
                <th>Chapter top-1</th>
                <th>Heading top-1</th>
                <th>HS6 top-1</th>
                <th>HS6 top-3</th>
                <th>HS6 top-5</th>
                <th>Calibration error</th>
                <th>Auto-accepted, shown ≥ 95%</th>
              </tr>
            </thead>
            <tbody>
              {state.comparison.versions.map((v) => (
                <tr key={v.ref}>
                  <td>{v.ref}</td>
                  <td className="num">{pct(v.hs2top1)}</td>
                  <td className="num">{pct(v.hs4top1)}</td>
                  <td className="num">{pct(v.hs6top1)}</td>
                  <td className="num">{pct(v.hs6top3)}</td>
                  <td className="num">{pct(v.hs6top5)}</td>
                  <td className="num">{v.ece.toFixed(3)}</td>
                  <td className="num">{pct(v.at95)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Every pair: is the difference in HS6 top-1 real?</h2>
          <p className="muted small">{pairTestNote(state.comparison)}</p>
          <table className="table" data-testid="pairwise">
            <thead>
              <tr>
                <th>A</th>
                <th>B</th>
                <th>A right, B wrong</th>
                <th>B right, A wrong</th>
                <th>Δ B − A (points)</th>
                <th>95% interval</th>
                <th>McNemar p (adjusted)</th>
                <th>Verdict</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {state.comparison.pairs.map((p) => (
                <tr key={`${p.a}|${p.b}`}>
                  <td>{p.a}</td>
                  <td>{p.b}</td>
                  <td className="num">{p.aOnly.toLocaleString("en")}</td>
                  <td className="num">{p.bOnly.toLocaleString("en")}</td>
                  <td className="num">{(p.delta.estimate * 100).toFixed(1)}</td>
                  <td className="num">
                    {(p.delta.low * 100).toFixed(1)} to {(p.delta.high * 100).toFixed(1)}
                  </td>
                  <td className="num">
                    {formatP(p.pValue)} ({formatP(p.adjustedP)})
                  </td>
                  <td>{p.better ? <strong>{p.better} is better</strong> : "no significant difference"}</td>
                  <td>
                    <Link to={twoView(p.a, p.b)}>open these two</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
