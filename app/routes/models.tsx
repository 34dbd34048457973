import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { NotYetAvailable } from "~/components/not-yet-available";
import { getDb } from "~/store/context.server";
import { listModelVersions } from "../../workbench/registry/model-registry";
import { REAL_SET_IDS, SHIPPED_SETS } from "../../workbench/evaluation/evaluation-sets";
import { realTextFigures } from "../../workbench/evaluation/real-text";
import { pct } from "../../workbench/text/format";
import { ensureRealTextFigures } from "~/overview/overview.server";
import { pooledPredictorOf } from "~/classify/inference.server";

export const meta: MetaFunction = () => [{ title: "Models · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const db = getDb();
  await ensureRealTextFigures(db, pooledPredictorOf);
  const versions = listModelVersions(db).map((v) => {
    const real = Object.fromEntries(realTextFigures(db, v.sha256).sets.map((f) => [f.set, f.metrics.accuracy]));
    return { ...v, real };
  });
  return json({ versions, sets: REAL_SET_IDS.map((id) => ({ id, label: SHIPPED_SETS[id].label })) });
}

export default function Models() {
  const { versions, sets } = useLoaderData<typeof loader>();
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
            {sets.map((s) => (
              <th key={s.id}>{s.label}</th>
            ))}
            <th>Registered</th>
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
              {sets.map((s) => {
                const a = v.real[s.id];
                return (
                  <td key={s.id} className="num">
                    {a ? `${pct(a.hs2.top1)} / ${pct(a.hs6.top1)} / ${pct(a.hs6.top5)}` : "not measured"}
                  </td>
                );
              })}
              <td>{new Date(v.registeredAt).toLocaleString()}</td>
              <td>
                <code>{v.sha256.slice(0, 12)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
