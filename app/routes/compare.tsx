import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { lazy, Suspense, useEffect, useState } from "react";
import { requireUser } from "~/auth/guards.server";
import { PredictionProgress, SetSelect, usePollWhileComputing } from "~/compare/compare-controls";
import { ComparisonSummary } from "~/compare/comparison-summary";
import { compareVersions, ComparisonError, evaluationSets, EXPLORE_SET, setOf, versionOf } from "../../workbench/evaluation/comparison-service";
import { EmptyState } from "~/components/empty-state";
import { getDb } from "~/store/context.server";
import { strongestCandidate } from "~/overview/overview.server";
import { formatModelRef } from "../../workbench/registry/model-ref";
import { productionVersion } from "../../workbench/registry/production-state";
import { listModelVersions, ModelVersionNotFound, resolveVersion } from "../../workbench/registry/model-registry";
import { cannotClassify, KIND_LABELS } from "../../workbench/registry/model-version";
import { CHAPTERS } from "../../workbench/evaluation/confusion-matrix";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { pooledPredictorOf } from "~/classify/inference.server";
import { resolveSetChoice, serverExtractSetChoices, ServerExtractError } from "~/extracts/server-extracts.server";
import { DEFAULT_SET_ID } from "../../workbench/evaluation/evaluation-sets";
import { VersionOptions } from "~/components/version-options";

export const meta: MetaFunction = () => [{ title: "Compare · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const db = getDb();
  const versions = await listModelVersions(db);
  const url = new URL(request.url);
  // Defaults: A = production, B = the strongest candidate on real text (as on the Overview), on the US customs rulings.
  const production = await productionVersion(db);
  const a = url.searchParams.get("a") ?? (production ? formatModelRef(production) : versions[0] ? formatModelRef(versions[0]) : "");
  const b =
    url.searchParams.get("b") ?? [await strongestCandidate(db, versions), ...versions.map(formatModelRef)].find((ref) => ref && ref !== a) ?? "";
  // real text first: the default set is the US customs rulings
  const set = url.searchParams.get("set") ?? DEFAULT_SET_ID;
  // a chapter to open into its headings at once (links from the Overview)
  const chapter = /^\d{2}$/.test(url.searchParams.get("chapter") ?? "") ? url.searchParams.get("chapter") : null;
  const nomenclature = loadNomenclature();
  const base = {
    versions: versions.map((v) => ({
      ref: formatModelRef(v),
      label: `${formatModelRef(v)} (${v.status}${v.kind === "trained" ? "" : `, ${KIND_LABELS[v.kind]}`})`,
    })),
    sets: [...evaluationSets(), ...(await serverExtractSetChoices())],
    selection: { a, b, set, chapter },
    chapterNames: Object.fromEntries(CHAPTERS.map((c) => [c, nomenclature.nameOf(c)])),
  };
  if (versions.length < 2) return json({ ...base, state: null, error: null });
  try {
    if (set === EXPLORE_SET) {
      // both models run in the browser: a predictions file has nothing to run, an endpoint is called by the server only
      const refused = (await Promise.all([a, b].map((ref) => resolveVersion(db, ref))))
        .map((v) => cannotClassify(v) ?? (v.kind === "remote" ? `${formatModelRef(v)} answers from its endpoint, not in the browser` : null))
        .find(Boolean);
      if (refused)
        return json({ ...base, state: null, error: `${refused}; compare it on an evaluation set it has predictions for` }, { status: 400 });
      const state = { status: "browser" as const, a: await versionOf(db, a), b: await versionOf(db, b) };
      return json({ ...base, state, error: null });
    }
    const chosen = await resolveSetChoice(set);
    const state = await compareVersions(db, a, b, chosen, { predictorOf: pooledPredictorOf });
    // what the set leaves out, and why (never silently dropped): the first lines of each list
    const { excluded, unmappedAlternatives } = setOf(chosen);
    const leftOut = {
      excluded: { count: excluded.length, lines: excluded.slice(0, 50) },
      alternatives: { count: unmappedAlternatives.length, lines: unmappedAlternatives.slice(0, 50) },
    };
    return json({ ...base, state, error: null, leftOut });
  } catch (error) {
    if (error instanceof ComparisonError || error instanceof ModelVersionNotFound || error instanceof ServerExtractError)
      return json({ ...base, state: null, error: error.message }, { status: 400 });
    throw error;
  }
}

// Charts and the browser's DuckDB start after hydration.
const CompareCharts = lazy(() => import("~/compare/compare-charts.client"));
const ExploreComparison = lazy(() => import("~/compare/explore-comparison.client"));

export default function Compare() {
  const data = useLoaderData<typeof loader>();
  const { versions, sets, selection, state, error, chapterNames } = data;
  const leftOut = "leftOut" in data ? data.leftOut : null;
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  usePollWhileComputing(state);

  if (versions.length < 2) {
    return (
      <EmptyState
        title="Compare"
        what={`Comparing needs two model versions; ${versions.length === 0 ? "none is" : "one is"} registered.`}
        action={
          <>
            <Link to="/models">add a version on the Models page</Link> (import another model&apos;s predictions), or train one with{" "}
            <code>npx workbench train</code>.
          </>
        }
      />
    );
  }
  const swapped = new URLSearchParams({ a: selection.b, b: selection.a, set: selection.set });
  return (
    <section className="page wide-page">
      <h1>Compare model versions</h1>
      <p className="muted small">
        Two versions in depth below; <Link to={`/compare/many?set=${encodeURIComponent(selection.set)}`}>compare several versions at once</Link> (side
        by side, every pair tested).
      </p>
      <Form method="get" className="filters" aria-label="What to compare">
        {(["a", "b"] as const).map((side) => (
          <label key={side}>
            {side === "a" ? "A (reference)" : "B (challenger)"}
            <select name={side} defaultValue={selection[side]}>
              <VersionOptions versions={versions} />
            </select>
          </label>
        ))}
        <SetSelect sets={sets} value={selection.set} />
        <button type="submit">Compare</button>
        <Link to={`?${swapped}`}>Swap A and B</Link>
      </Form>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {state?.status === "computing" ? <PredictionProgress progress={state.progress} /> : null}
      {state?.status === "browser" ? (
        mounted ? (
          <Suspense fallback={<p className="muted">Starting DuckDB…</p>}>
            <ExploreComparison a={state.a} b={state.b} chapterNames={chapterNames} />
          </Suspense>
        ) : (
          <p className="muted">Starting DuckDB…</p>
        )
      ) : null}
      {state?.status === "ready" ? (
        <>
          <ComparisonSummary comparison={state.comparison} chapterNames={chapterNames} />
          {leftOut && (leftOut.excluded.count || leftOut.alternatives.count) ? (
            <details className="left-out" data-testid="left-out">
              <summary>
                Left out of this set: {leftOut.excluded.count.toLocaleString("en")} line(s) whose code maps to no HS 2022 subheading
                {leftOut.alternatives.count ? `, and ${leftOut.alternatives.count.toLocaleString("en")} alternative code(s) of kept lines` : ""}
              </summary>
              <ul className="small">
                {[...leftOut.excluded.lines, ...leftOut.alternatives.lines].map((x) => (
                  <li key={`${x.ref}-${x.label}-${x.index}`}>
                    <code>{x.ref}</code>: {x.reason}
                  </li>
                ))}
              </ul>
              {leftOut.excluded.count + leftOut.alternatives.count > 100 ? <p className="muted small">The first 50 of each are listed.</p> : null}
            </details>
          ) : null}
          {mounted ? (
            <Suspense fallback={<p className="muted">Loading charts…</p>}>
              <CompareCharts comparison={state.comparison} chapterNames={chapterNames} initialChapter={selection.chapter} />
            </Suspense>
          ) : (
            <p className="muted">Loading charts…</p>
          )}
        </>
      ) : null}
    </section>
  );
}
