// What a view of a table is (which table, filters, measure, codes, HS edition) as URL search parameters, so a view
// opens again from its address: bookmarked, saved by name, or sent to a colleague working on the same data.
// Everything read from a URL is checked here; anything unexpected is left out, never passed on.
import { z } from "zod";

export const FILTER_DIMENSIONS = ["chapter", "section", "heading", "origin", "month", "office", "importer", "procedure"] as const;

export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];
/**
 * What the analyst clicked in the views, a value per dimension (month as YYYY-MM, origin "?" for lines without one):
 * every view is filtered by all of them except its own dimension (crossfilter).
 */
export type ViewFilters = Partial<Record<FilterDimension, string>>;

export type Tab = "views" | "sql" | "drift";

export interface ViewState {
  table: string | null;
  tab: Tab;
  filters: ViewFilters;
  /** "lines", "value:EUR", "converted:TABLE:EUR" */
  measure: string;
  codes: "declared" | "predicted" | null;
  minConfidence: number;
  edition: "HS2022" | "HS2017" | null;
}

export const DEFAULT_VIEW: ViewState = { table: null, tab: "views", filters: {}, measure: "lines", codes: null, minConfidence: 0, edition: null };

const text = z.string().trim().min(1).max(200);
/** what a filter value from an address may look like; anything else is dropped */
const FILTER_FORMATS: Record<FilterDimension, z.ZodType<string>> = {
  chapter: z.string().regex(/^\d{2}$/),
  heading: z.string().regex(/^\d{4}$/),
  section: z.string().regex(/^[IVXL]{1,6}$/),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  origin: text,
  office: text,
  importer: text,
  procedure: text,
};
const schema = z.object({
  // a browser table's name, or a server extract's (lower case, digits and '-')
  table: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/)
    .optional()
    .catch(undefined),
  tab: z.enum(["views", "sql", "drift"]).optional().catch(undefined),
  measure: z
    .string()
    .regex(/^(lines|value:[A-Za-z]{0,3}|converted:[A-Za-z_][A-Za-z0-9_]{0,62}:[A-Za-z]{3})$/)
    .optional()
    .catch(undefined),
  codes: z.enum(["declared", "predicted"]).optional().catch(undefined),
  min: z.coerce.number().min(0).max(1).optional().catch(undefined),
  edition: z.enum(["HS2022", "HS2017"]).optional().catch(undefined),
  ...Object.fromEntries(FILTER_DIMENSIONS.map((d) => [d, FILTER_FORMATS[d].optional().catch(undefined)])),
});

export function viewFromSearch(search: string | URLSearchParams): ViewState {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const raw = Object.fromEntries([...params.entries()]);
  const parsed = schema.parse(raw) as z.infer<typeof schema> & Record<string, string | undefined>;
  const filters: ViewState["filters"] = {};
  for (const d of FILTER_DIMENSIONS) if (parsed[d]) filters[d] = parsed[d];
  return {
    table: parsed.table ?? null,
    tab: parsed.tab ?? "views",
    filters,
    measure: parsed.measure ?? "lines",
    codes: parsed.codes ?? null,
    minConfidence: parsed.min ?? 0,
    edition: parsed.edition ?? null,
  };
}

/** The search part of the view's address, defaults left out ("" for the default view). */
export function viewToSearch(view: ViewState): string {
  const params = new URLSearchParams();
  if (view.table) params.set("table", view.table);
  if (view.tab !== "views") params.set("tab", view.tab);
  for (const d of FILTER_DIMENSIONS) if (view.filters[d]) params.set(d, view.filters[d]);
  if (view.measure !== "lines") params.set("measure", view.measure);
  if (view.codes) params.set("codes", view.codes);
  if (view.minConfidence > 0) params.set("min", String(view.minConfidence));
  if (view.edition) params.set("edition", view.edition);
  const s = params.toString();
  return s ? `?${s}` : "";
}
