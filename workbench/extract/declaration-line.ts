import { z } from "zod";

/**
 * One declaration line (goods item) as the workbench reads it from an extract.
 * Column names are ours, in snake_case; docs/extract-format.md lists the WCO Data Model
 * element beside each. Codes (HS, country, office, currency, procedure) are strings.
 */
export const EXTRACT_COLUMNS = [
  "declaration_id",
  "line_number",
  "acceptance_date",
  "customs_office",
  "country_of_origin",
  "country_of_export",
  "importer_ref",
  "goods_description",
  "commodity_code",
  "statistical_value",
  "currency",
  "net_mass_kg",
  "supplementary_quantity",
  "procedure",
  "control_channel",
] as const;

export type ExtractColumn = (typeof EXTRACT_COLUMNS)[number];

export const CONTROL_CHANNELS = ["green", "yellow", "red", "blue"] as const;

/** Column types for SQL engines (DuckDB): every code column stays VARCHAR so leading zeros survive. */
export const EXTRACT_SQL_TYPES: Record<ExtractColumn, "VARCHAR" | "INTEGER" | "DATE" | "DOUBLE"> = {
  declaration_id: "VARCHAR",
  line_number: "INTEGER",
  acceptance_date: "DATE",
  customs_office: "VARCHAR",
  country_of_origin: "VARCHAR",
  country_of_export: "VARCHAR",
  importer_ref: "VARCHAR",
  goods_description: "VARCHAR",
  commodity_code: "VARCHAR",
  statistical_value: "DOUBLE",
  currency: "VARCHAR",
  net_mass_kg: "DOUBLE",
  supplementary_quantity: "DOUBLE",
  procedure: "VARCHAR",
  control_channel: "VARCHAR",
};

const text = (name: string, max: number) =>
  z
    .string({ error: `${name} must be text` })
    .trim()
    .min(1, { error: `${name} is empty` })
    .max(max, { error: `${name} is longer than ${max} characters` });

const country = (name: string) =>
  z
    .string({ error: `${name} must be text` })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, { error: `${name} must be an ISO 3166-1 alpha-2 code such as CN or DE` });

/** Accepts numbers, or text with a '.' decimal point (CSV cells arrive as text). */
const number = (name: string, { min = 0, optional = false } = {}) => {
  const base = z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: (issue) => (issue.input === undefined ? `${name} is empty` : `${name} must be a number`) })
      .refine(Number.isFinite, { error: `${name} must be a finite number` })
      .refine((n) => n >= min, { error: `${name} must be at least ${min}` }),
  );
  return optional ? base.optional() : base;
};

export const declarationLineSchema = z.object({
  declaration_id: text("declaration_id", 64),
  line_number: z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v),
    z
      .number({ error: "line_number must be a whole number from 1" })
      .int({ error: "line_number must be a whole number from 1" })
      .min(1, { error: "line_number must be a whole number from 1" })
      .max(9999, { error: "line_number must be at most 9999" }),
  ),
  acceptance_date: z
    .string({ error: "acceptance_date must be a date" })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "acceptance_date must be a date in the form YYYY-MM-DD" })
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
      error: "acceptance_date is not a real calendar date",
    }),
  customs_office: text("customs_office", 16),
  country_of_origin: country("country_of_origin"),
  country_of_export: country("country_of_export").optional(),
  importer_ref: text("importer_ref", 64).optional(),
  goods_description: text("goods_description", 512),
  commodity_code: z
    .string({ error: "commodity_code must be text (a number loses its leading zeros)" })
    .trim()
    .regex(/^\d{6}(\d{2}){0,2}$/, { error: "commodity_code must be 6, 8 or 10 digits with leading zeros kept" }),
  statistical_value: number("statistical_value"),
  currency: z
    .string({ error: "currency must be text" })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, { error: "currency must be an ISO 4217 code such as EUR or USD" }),
  net_mass_kg: number("net_mass_kg", { optional: true }),
  supplementary_quantity: number("supplementary_quantity", { optional: true }),
  procedure: z
    .string({ error: "procedure must be text" })
    .trim()
    .regex(/^\d{4}$/, { error: "procedure must be a 4-digit procedure code such as 4000" })
    .optional(),
  control_channel: z.enum(CONTROL_CHANNELS, { error: `control_channel must be one of ${CONTROL_CHANNELS.join(", ")}` }).optional(),
});

export type DeclarationLine = z.infer<typeof declarationLineSchema>;

export interface LineProblem {
  /** 1-based row number in the file, counting the header as row 1. */
  row: number;
  column: string;
  message: string;
  value: unknown;
}

/** Empty cells in optional columns arrive as "" from CSV; treat them as absent. */
function blanksToUndefined(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) out[k] = typeof v === "string" && v.trim() === "" ? undefined : v;
  return out;
}

/** Validates one record; problems name the file row, the column, what was wrong and what was expected. */
export function validateDeclarationLine(
  record: Record<string, unknown>,
  row: number,
): { ok: true; line: DeclarationLine } | { ok: false; problems: LineProblem[] } {
  const result = declarationLineSchema.safeParse(blanksToUndefined(record));
  if (result.success) return { ok: true, line: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const column = String(issue.path[0] ?? "(row)");
      const raw = record[column];
      const blank = typeof raw === "string" && raw.trim() === "";
      const message =
        issue.code !== "invalid_type" ? issue.message : raw === undefined ? `${column} is missing` : blank ? `${column} is empty` : issue.message;
      return {
        row,
        column,
        message,
        value: record[column],
      };
    }),
  };
}

export function formatLineProblem(p: LineProblem, file?: string): string {
  const where = `${file ? `${file}, ` : ""}row ${p.row}, column ${p.column}`;
  const got = p.value === undefined ? "" : ` (got ${JSON.stringify(p.value)})`;
  return `${where}: ${p.message}${got}`;
}
