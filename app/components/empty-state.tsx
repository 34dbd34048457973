import type { ReactNode } from "react";

/** A page with nothing to show yet: what is missing and the one action that fixes it (never fake data). */
export function EmptyState({ title, what, action }: { title: string; what: ReactNode; action: ReactNode }) {
  return (
    <section className="page">
      <h1>{title}</h1>
      <div className="notice" role="status" data-testid="empty-state">
        <p>{what}</p>
        <p>
          <strong>What to do:</strong> {action}
        </p>
      </div>
    </section>
  );
}
