// The audit log with the page's filters, as the rows both of its downloads hold (CSV and Excel): who may have it,
// which filters, which columns.
import { requireUserWithRole } from "~/auth/guards.server";
import { getDb } from "~/store/context.server";
import { listAudit } from "../../workbench/store/audit";
import type { SheetColumn } from "../../workbench/extract/xlsx-write";
import { auditQueryOf } from "./audit-query.server";

/** the columns, with how a workbook holds each (times are UTC, as the page and the CSV give them) */
export const AUDIT_COLUMNS: SheetColumn[] = [
  { name: "id", kind: "number" },
  { name: "at", kind: "datetime" },
  { name: "actor", kind: "text" },
  { name: "action", kind: "text" },
  { name: "target_type", kind: "text" },
  { name: "target_id", kind: "text" },
  { name: "before", kind: "text" },
  { name: "after", kind: "text" },
  { name: "client", kind: "text" },
];

/** The rows for an export of the audit log, or the 400 the filters deserve. */
export async function auditExportRows(request: Request): Promise<{ rows: unknown[][] } | Response> {
  await requireUserWithRole(request, "analyst");
  const { query, errors } = auditQueryOf(new URL(request.url));
  if (errors.length) return new Response(errors.join("; "), { status: 400 });
  const entries = await listAudit(getDb(), { ...query, limit: 1_000_000 });
  return {
    rows: entries.map((e) => [
      e.id,
      e.at,
      e.actor,
      e.action,
      e.targetType,
      e.targetId,
      e.before === null ? "" : JSON.stringify(e.before),
      e.after === null ? "" : JSON.stringify(e.after),
      e.client,
    ]),
  };
}

export const auditFileName = (extension: string) => `audit-${new Date().toISOString().slice(0, 10)}.${extension}`;
