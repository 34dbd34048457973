import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { lazy, Suspense, useEffect, useState } from "react";
import { requireUser } from "~/auth/guards.server";
import { EmptyState } from "~/components/empty-state";
import { getDb } from "~/store/context.server";
import { listModelVersions, ModelVersionNotFound, resolveVersion } from "../../workbench/registry/model-registry";
import { formatModelRef } from "../../workbench/registry/model-ref";
import { cannotClassify, type ModelVersion } from "../../workbench/registry/model-version";
import type { Db } from "../../workbench/store/db";
import { productionVersion } from "../../workbench/registry/production-state";
import { strongestCandidate, versionFigures } from "~/overview/overview.server";
import { measuredCoverage } from "../../workbench/evaluation/metrics";

export const meta: MetaFunction = () => [{ title: "Classify · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const db = getDb();
  // a predictions file holds answers for its evaluation sets only: it is not offered here
  const current = (await listModelVersions(db)).filter((v) => v.status !== "archived");
  const versions = current.filter((v) => !cannotClassify(v));
  // each current version's real-text figures, read once: the strongest candidate is named in its label (what the
  // Overview calls the challenger), and the page says what a threshold meant on real text
  const figures = new Map(await Promise.all(current.map(async (v) => [v.id, await versionFigures(db, v)] as const)));
  const strongest = await strongestCandidate(db, current, (v) => figures.get(v.id)!);
  const inProduction = await productionVersion(db);
  const production = inProduction && !cannotClassify(inProduction) ? inProduction : versions[0];
  return json({
    // a remote version runs on its endpoint through the server; every other one in the browser
    versions: versions.map((v) => {
      const { pooled } = figures.get(v.id)!;
      return {
        ref: formatModelRef(v),
        label: `${formatModelRef(v)} (${v.status}${formatModelRef(v) === strongest ? ", strongest on real text" : ""}${v.kind === "remote" ? ", remote endpoint" : ""})`,
        runs: v.kind === "remote" ? ("server" as const) : ("browser" as const),
        realText: pooled ? measuredCoverage(pooled.metrics) : null,
      };
    }),
    defaultRef: production ? formatModelRef(production) : null,
    productionRefused: inProduction ? cannotClassify(inProduction) : null,
    askedRefused: await whyNotOffered(db, new URL(request.url).searchParams.get("model"), versions),
  });
}

/** ?model= naming a version that is not offered here: why, so a shared link does not quietly classify with another. */
async function whyNotOffered(db: Db, asked: string | null, offered: readonly ModelVersion[]): Promise<string | null> {
  if (!asked || asked === "production" || offered.some((v) => formatModelRef(v) === asked)) return null;
  try {
    const version = await resolveVersion(db, asked);
    if (version.status === "archived") return `${formatModelRef(version)} is archived (an admin can restore it on the Models page)`;
    return cannotClassify(version) ?? `${formatModelRef(version)} cannot classify here`;
  } catch (error) {
    if (error instanceof ModelVersionNotFound) return error.message;
    throw error;
  }
}

// TensorFlow.js runs in the browser only: the panel loads after hydration.
const ClassifyPanel = lazy(() => import("~/classify/classify-panel.client"));

export default function Classify() {
  const { versions, defaultRef, productionRefused, askedRefused } = useLoaderData<typeof loader>();
  // ?text= pre-fills the descriptions (the presenter story links here with examples)
  const [params] = useSearchParams();
  // ?model= picks the version (the presenter story shows the best version on real text)
  const asked = params.get("model");
  const initialRef = versions.some((v) => v.ref === asked) ? asked! : defaultRef;
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!defaultRef) {
    return (
      <EmptyState
        title="Classify"
        what="No model version here can classify text: one trained by the workbench or a model behind an endpoint is needed (an imported predictions file only scores its own lines)."
        action={
          <>
            train one with <code>npx workbench train --config models/configs/hs-standard.json</code>, or have an admin register an endpoint on the{" "}
            <Link to="/models">Models page</Link>.
          </>
        }
      />
    );
  }
  return (
    <section className="page">
      <h1>Classify</h1>
      <p className="muted">Suggests HS 2022 subheadings for goods descriptions, computed in your browser. A suggestion is for a person to confirm.</p>
      {productionRefused ? <p className="notice">The production version is not offered here: {productionRefused}.</p> : null}
      {askedRefused ? (
        <p className="notice" data-testid="asked-model-refused">
          The link asks for a version not offered here: {askedRefused}. The version chosen below classifies instead.
        </p>
      ) : null}
      <noscript>
        <p className="notice">Classification runs in your browser and needs JavaScript; the JSON API (POST /api/classify) works without it.</p>
      </noscript>
      {mounted ? (
        <Suspense fallback={<p className="muted">Starting TensorFlow.js…</p>}>
          <ClassifyPanel versions={versions} defaultRef={initialRef ?? defaultRef} initialText={params.get("text")} />
        </Suspense>
      ) : (
        <p className="muted">Starting TensorFlow.js…</p>
      )}
    </section>
  );
}
