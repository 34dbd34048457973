import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { NotYetAvailable } from "~/components/not-yet-available";
import { getDb } from "~/store/context.server";
import { listModelVersions } from "../../workbench/registry/model-registry";

export const meta: MetaFunction = () => [{ title: "Models · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({ versions: listModelVersions(getDb()) });
}

export default function Models() {
  const { versions } = useLoaderData<typeof loader>();
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
      <table className="table">
        <thead>
          <tr>
            <th>Model</th>
            <th>Version</th>
            <th>Status</th>
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
