import type { ReactNode } from "react";

/** Nothing to show yet: what is missing and the one action that fixes it (never fake data). */
export function EmptyNotice({ what, action }: { what: ReactNode; action: ReactNode }) {
  return (
    <div className="notice" role="status" data-testid="empty-state">
      <p>{what}</p>
      <p>
        <strong>What to do:</strong> {action}
      </p>
    </div>
  );
}

/** A whole page with nothing to show yet. */
export function EmptyState({ title, what, action }: { title: string; what: ReactNode; action: ReactNode }) {
  return (
    <section className="page">
      <h1>{title}</h1>
      <EmptyNotice what={what} action={action} />
    </section>
  );
}
