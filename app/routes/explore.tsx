import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { lazy, Suspense, useEffect, useState } from "react";
import { requireUser } from "~/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Explore · HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

// DuckDB-WASM, ECharts and CodeMirror live in the browser only: the explorer is loaded after hydration.
const Explorer = lazy(() => import("~/explore/explorer.client"));

export default function Explore() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <section className="page wide-page">
      <h1>Explore</h1>
      <noscript>
        <p className="notice">Explore runs DuckDB in your browser and needs JavaScript.</p>
      </noscript>
      {mounted ? (
        <Suspense fallback={<p className="muted">Starting the in-browser database…</p>}>
          <Explorer />
        </Suspense>
      ) : (
        <p className="muted">Starting the in-browser database…</p>
      )}
    </section>
  );
}
