import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUserWithRole } from "~/auth/guards.server";
import { listAudit } from "~/store/audit.server";
import { getDb } from "~/store/context.server";

export const meta: MetaFunction = () => [{ title: "Audit · HS Model Workbench" }];

const PAGE_SIZE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithRole(request, "analyst");
  const url = new URL(request.url);
  const beforeId = Number(url.searchParams.get("before")) || undefined;
  const entries = listAudit(getDb(), {
    action: url.searchParams.get("action") || undefined,
    actor: url.searchParams.get("actor") || undefined,
    beforeId,
    limit: PAGE_SIZE + 1,
  });
  return json({ entries: entries.slice(0, PAGE_SIZE), more: entries.length > PAGE_SIZE });
}

const summary = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

export default function Audit() {
  const { entries, more } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  if (entries.length) next.set("before", String(entries[entries.length - 1]!.id));
  return (
    <section className="page">
      <h1>Audit log</h1>
      <p className="muted">
        Append-only: the database refuses to change or delete an entry. Newest first.
      </p>
      <Form method="get" className="filters">
        <label>
          Action starts with
          <input name="action" defaultValue={params.get("action") ?? ""} placeholder="e.g. auth. or user.role" />
        </label>
        <label>
          Actor
          <input name="actor" defaultValue={params.get("actor") ?? ""} placeholder="username" />
        </label>
        <button type="submit">Filter</button>
        <Link to="/audit">Clear</Link>
      </Form>
      {entries.length === 0 ? (
        <p className="notice">No entries match.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>#</th>
              <th>When (UTC)</th>
              <th>Who</th>
              <th>What</th>
              <th>Target</th>
              <th>Before</th>
              <th>After</th>
              <th>Client</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{e.id}</td>
                <td>
                  <time dateTime={e.at}>{e.at.replace("T", " ").slice(0, 19)}</time>
                </td>
                <td>{e.actor}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : ""}</td>
                <td className="json">{summary(e.before)}</td>
                <td className="json">{summary(e.after)}</td>
                <td>{e.client ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more ? (
        <p>
          <Link to={`/audit?${next}`}>Older entries →</Link>
        </p>
      ) : null}
    </section>
  );
}
