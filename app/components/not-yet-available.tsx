import type { ReactNode } from "react";

/** An honest placeholder for a page whose capability is not built yet: says what will come, shows no fake data. */
export function NotYetAvailable({ title, what, children }: { title: string; what: string; children?: ReactNode }) {
  return (
    <section className="page">
      <h1>{title}</h1>
      <div className="notice" role="status">
        <strong>Not yet available.</strong> {what}
      </div>
      {children}
    </section>
  );
}
