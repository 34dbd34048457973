import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Fragment } from "react";
import { auditQueryOf } from "~/audit/audit-query.server";
import { requireUserWithRole } from "~/auth/guards.server";
import { utcText } from "../../workbench/text/format";
import { productionAt } from "../../workbench/registry/production-state";
import { parseInstant } from "../../workbench/text/instant";
import { listAudit } from "../../workbench/store/audit";
import { getDb } from "~/store/context.server";

export const meta: MetaFunction = () => [{ title: "Audit · HS Model Workbench" }];

const PAGE_SIZE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithRole(request, "analyst");
  const url = new URL(request.url);
  const beforeId = Number(url.searchParams.get("before")) || undefined;
  const { query, errors } = auditQueryOf(url);
  const entries = errors.length ? [] : await listAudit(getDb(), { ...query, beforeId, limit: PAGE_SIZE + 1 });
  // "What was in production at …", from the production history
  const atText = url.searchParams.get("at");
  const at = atText ? parseInstant(atText) : null;
  if (atText && !at) errors.push(`"in production at" must be an ISO 8601 date or date-time, e.g. 2026-11-25 or 2026-11-25T14:00 (got '${atText}')`);
  return json({
    entries: entries.slice(0, PAGE_SIZE),
    more: entries.length > PAGE_SIZE,
    errors,
    production: at ? { at, rows: await productionAt(getDb(), at) } : null,
  });
}

/**
 * A change's before or after as its fields, one a line ("status candidate"), a nested value as compact JSON: one JSON
 * string squeezed into a column made every row a dozen lines of braces and quotes.
 */
function Fields({ value }: { value: unknown }) {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object" || Array.isArray(value)) return <>{JSON.stringify(value)}</>;
  return (
    <dl className="fields">
      {Object.entries(value).map(([key, v]) => (
        <Fragment key={key}>
          <dt>{key}</dt>
          <dd>{typeof v === "string" ? v : JSON.stringify(v)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

export default function Audit() {
  const { entries, more, errors, production } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  if (entries.length) next.set("before", String(entries[entries.length - 1]!.id));
  const exportParams = new URLSearchParams([...params].filter(([k]) => ["action", "actor", "from", "to"].includes(k)));
  return (
    <section className="page">
      <h1>Audit log</h1>
      <p className="muted">Append-only: the database refuses to change or delete an entry. Newest first.</p>
      <Form method="get" className="filters" aria-label="What was in production">
        <label>
          What was in production at (UTC)
          <input name="at" defaultValue={params.get("at") ?? ""} placeholder="2026-11-25T14:00" />
        </label>
        <button type="submit">Look up</button>
      </Form>
      {production ? (
        <div className="notice" role="status" data-testid="production-at">
          At {utcText(production.at, "second")}:{" "}
          {production.rows.length === 0
            ? "no model version was in production."
            : production.rows.map((r) => (
                <span key={r.version + r.name}>
                  <strong>
                    {r.name}@{r.version}
                  </strong>{" "}
                  (sha256 <code>{r.sha256.slice(0, 12)}</code>), in production since {utcText(r.since)} by {r.by} ({r.reason}
                  {r.requestId ? (
                    <>
                      {" "}
                      <Link to={`/promotions/${r.requestId}`}>#{r.requestId}</Link>
                    </>
                  ) : null}
                  ).
                </span>
              ))}
        </div>
      ) : null}
      <Form method="get" className="filters" aria-label="Filter the audit log">
        <label>
          Action starts with
          <input name="action" defaultValue={params.get("action") ?? ""} placeholder="e.g. auth. or promotion." />
        </label>
        <label>
          Actor
          <input name="actor" defaultValue={params.get("actor") ?? ""} placeholder="username" />
        </label>
        <label>
          From (UTC)
          <input name="from" defaultValue={params.get("from") ?? ""} placeholder="2026-11-01" />
        </label>
        <label>
          To (UTC)
          <input name="to" defaultValue={params.get("to") ?? ""} placeholder="2026-11-30" />
        </label>
        <button type="submit">Filter</button>
        <Link to="/audit">Clear</Link>
        <a href={`/audit.csv?${exportParams}`} download>
          Export CSV
        </a>
        <a href={`/audit.xlsx?${exportParams}`} download>
          Export Excel
        </a>
      </Form>
      {errors.map((e) => (
        <p key={e} className="form-error" role="alert">
          {e}
        </p>
      ))}
      {entries.length === 0 ? (
        <p className="notice" data-testid="no-audit-entries">
          No entries match these filters. <Link to="/audit">Clear the filters</Link> to see the whole log (every sign-in, change and decision is in
          it).
        </p>
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
                  <time dateTime={e.at}>{utcText(e.at, "second")}</time>
                </td>
                <td>{e.actor}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : ""}</td>
                <td className="json">
                  <Fields value={e.before} />
                </td>
                <td className="json">
                  <Fields value={e.after} />
                </td>
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
