import { parseInstant } from "../../workbench/text/instant";
import type { AuditQuery } from "../../workbench/store/audit";

/** Audit filters from the query string (the page and its CSV export read the same ones). */
export function auditQueryOf(url: URL): { query: AuditQuery; errors: string[] } {
  const p = url.searchParams;
  const errors: string[] = [];
  const instant = (name: string, startOfDay: boolean) => {
    const raw = p.get(name);
    if (!raw) return undefined;
    const value = startOfDay && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? parseInstant(`${raw}T00:00:00Z`) : parseInstant(raw);
    if (!value) errors.push(`${name} must be an ISO 8601 date or date-time (got '${raw}')`);
    return value ?? undefined;
  };
  return {
    query: { action: p.get("action") || undefined, actor: p.get("actor") || undefined, from: instant("from", true), to: instant("to", false) },
    errors,
  };
}
