import { EXTRACT_COLUMNS, EXTRACT_SQL_TYPES, type ExtractColumn } from "./declaration-line";
import { quoteIdent } from "../sql-quote";

export type SqlType = "VARCHAR" | "INTEGER" | "BIGINT" | "DOUBLE" | "DATE";
const SQL_TYPES: SqlType[] = ["VARCHAR", "INTEGER", "BIGINT", "DOUBLE", "DATE"];

/** How one source column becomes a table column. */
export interface ColumnPlan {
  source: string;
  /** the extract-format column it maps to, or null for a column of its own */
  target: ExtractColumn | null;
  /** column name in the loaded table */
  name: string;
  type: SqlType;
  why: string;
  /** the column's type as staged (Parquet and JSON bring their own); text when absent */
  sourceType?: string;
}

const normalise = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

/** Names under which extract columns appear in exports from customs systems (ours first). */
const ALIASES: Record<ExtractColumn, string[]> = {
  declaration_id: ["declaration_id", "declaration", "decl_id", "declaration_number", "declaration_no", "mrn", "lrn", "functional_reference_id"],
  line_number: ["line_number", "line", "line_no", "item_number", "item_no", "goods_item_number", "sequence_number", "item"],
  acceptance_date: ["acceptance_date", "date", "declaration_date", "accepted", "acceptance", "date_of_acceptance"],
  customs_office: ["customs_office", "office", "office_id", "office_code", "customs_office_code"],
  country_of_origin: ["country_of_origin", "origin", "origin_country", "coo", "country_origin"],
  country_of_export: ["country_of_export", "export_country", "country_of_departure", "dispatch_country", "country_of_dispatch", "departure_country"],
  importer_ref: ["importer_ref", "importer", "importer_id", "importer_eori", "eori"],
  goods_description: ["goods_description", "description", "desc", "goods", "description_of_goods", "item_description", "product_description", "text"],
  commodity_code: [
    "commodity_code",
    "hs_code",
    "hs",
    "hscode",
    "hs6",
    "hs6_code",
    "tariff_code",
    "cn_code",
    "cn8",
    "taric",
    "taric_code",
    "classification_code",
    "declared_code",
    "hts",
    "hts_code",
    "ncm",
    "code",
  ],
  statistical_value: ["statistical_value", "stat_value", "value", "customs_value", "item_price", "invoice_value"],
  currency: ["currency", "currency_code"],
  net_mass_kg: ["net_mass_kg", "net_mass", "net_weight", "net_weight_kg", "mass_kg", "net_mass_kgm"],
  supplementary_quantity: ["supplementary_quantity", "supplementary_units", "supp_qty", "quantity", "qty"],
  procedure: ["procedure", "procedure_code", "cpc", "process_type"],
  control_channel: ["control_channel", "channel", "risk_channel", "selectivity"],
};

const ALIAS_INDEX = new Map<string, ExtractColumn>();
for (const column of EXTRACT_COLUMNS) for (const alias of ALIASES[column]) if (!ALIAS_INDEX.has(alias)) ALIAS_INDEX.set(alias, column);

/**
 * A column that holds identifiers or codes keeps its leading zeros: it is text, whatever its values look like. A
 * second code column ("hts10", "chapter") sampled where no value starts with 0 would otherwise be read as numbers,
 * and chapter 03 further down the file would load as 3.
 */
const CODE_LIKE_NAME =
  /(^|_)(code|codes|hs\d*|sh\d*|cn\d*|hts\d*|taric\d*|ncm\d*|tariff|commodity|nomenclature|chapter|chapitre|capitulo|kapitel|heading|subheading|id|ref|reference|zip|postal|postcode|phone|eori|tin|vat)(_|$)/;

/** Picks a type for a column that is not in the extract format, from its name and a sample of its values. */
export function inferType(name: string, sample: (string | null | undefined)[]): { type: SqlType; why: string } {
  if (CODE_LIKE_NAME.test(normalise(name))) return { type: "VARCHAR", why: "name says it holds codes or identifiers: kept as text" };
  const values = sample.map((v) => (v ?? "").trim()).filter((v) => v !== "");
  if (values.length === 0) return { type: "VARCHAR", why: "no values in the sample" };
  if (values.some((v) => /^0\d/.test(v))) return { type: "VARCHAR", why: "values with leading zeros: kept as text" };
  if (values.every((v) => /^-?\d{1,15}$/.test(v))) return { type: "BIGINT", why: "whole numbers in the sample" };
  if (values.every((v) => /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v))) return { type: "DOUBLE", why: "numbers in the sample" };
  if (values.every((v) => /^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/.test(v)))
    return { type: "DOUBLE", why: "numbers written with a decimal comma in the sample" };
  const dates = detectDateFormat(values);
  if (dates.share === 1 && dates.format !== "ymd-compact")
    return { type: "DATE", why: `dates in the sample (${dateFormatById(dates.format).example})` };
  return { type: "VARCHAR", why: "text" };
}

export interface MappingResult {
  columns: ColumnPlan[];
  /** required extract columns no source column maps to */
  missingRequired: ExtractColumn[];
  codeColumn: string | null;
  descriptionColumn: string | null;
}

export const REQUIRED_FOR_VIEWS: ExtractColumn[] = ["commodity_code", "goods_description"];

/** The user's roles for columns (source name → extract column, or null for "a column of its own"). */
export type ColumnRoles = Record<string, ExtractColumn | null>;

/**
 * Maps a file's columns onto the extract format by name (and known aliases), giving each its declared type.
 * Each extract column is taken by the first source column that matches it; other columns keep their own name.
 * `roles` are the user's corrections and win over names: a role given to one column is taken from any other.
 */
export function mapColumns(
  header: string[],
  sampleRows: (string | null | undefined)[][] = [],
  sourceTypes: Record<string, string> = {},
  roles: ColumnRoles = {},
): MappingResult {
  const taken = new Set<ExtractColumn>();
  const exact = new Map<number, ExtractColumn>();
  header.forEach((h, i) => {
    const role = roles[h];
    if (role && !taken.has(role)) {
      exact.set(i, role);
      taken.add(role);
    }
  });
  // Exact names next, so "description" does not lose to "goods_description" appearing later.
  header.forEach((h, i) => {
    if (h in roles) return;
    const n = normalise(h);
    if ((EXTRACT_COLUMNS as readonly string[]).includes(n) && !taken.has(n as ExtractColumn)) {
      exact.set(i, n as ExtractColumn);
      taken.add(n as ExtractColumn);
    }
  });
  const columns = header.map((source, i): ColumnPlan => {
    let target = exact.get(i) ?? null;
    if (!target && !(source in roles)) {
      const alias = ALIAS_INDEX.get(normalise(source));
      if (alias && !taken.has(alias)) {
        target = alias;
        taken.add(alias);
      }
    }
    const sourceType = sourceTypes[source]?.toUpperCase();
    const typed = sourceType && sourceType !== "VARCHAR" ? { sourceType } : {};
    if (target) {
      const why = source in roles ? `extract column ${target} (your choice)` : `extract column ${target}`;
      return { source, target, name: target, type: EXTRACT_SQL_TYPES[target], why, ...typed };
    }
    const name = uniqueName(normalise(source) || `column_${i + 1}`, header, i);
    if (sourceType && SQL_TYPES.includes(sourceType as SqlType) && sourceType !== "VARCHAR") {
      return { source, target: null, name, type: sourceType as SqlType, why: "type from the file", ...typed };
    }
    const inferred = inferType(
      source,
      sampleRows.map((r) => r[i]),
    );
    return { source, target: null, name, type: inferred.type, why: inferred.why, ...typed };
  });
  const missingRequired = REQUIRED_FOR_VIEWS.filter((c) => !taken.has(c));
  return {
    columns,
    missingRequired,
    codeColumn: columns.find((c) => c.target === "commodity_code")?.name ?? null,
    descriptionColumn: columns.find((c) => c.target === "goods_description")?.name ?? null,
  };
}

function uniqueName(base: string, header: string[], index: number): string {
  const clash = header.some((h, j) => j < index && normalise(h) === base) || (EXTRACT_COLUMNS as readonly string[]).includes(base);
  return clash ? `${base}_${index + 1}` : base;
}

/**
 * SQL that turns a staging column into the planned type. Text is trimmed and "" counts as missing; a column the
 * file already typed (Parquet, JSON) is passed through or cast directly, never round-tripped through text.
 */
export function castExpression(plan: ColumnPlan, options: ReadingOptions = {}): string {
  if (plan.sourceType) {
    const column = quoteIdent(plan.source);
    if (plan.sourceType === plan.type) return column;
    return plan.type === "VARCHAR" ? `CAST(${column} AS VARCHAR)` : `TRY_CAST(${column} AS ${plan.type})`;
  }
  const column = quoteIdent(plan.source);
  const text = `NULLIF(trim(CAST(${column} AS VARCHAR)), '')`;
  // A cast reads numbers and ISO dates through spaces, tabs and line breaks by itself; trimming every value first (which
  // also strips a no-break space) tripled the conversion's time in native DuckDB, so only what the plain cast cannot
  // read goes through the trimmed text (COALESCE evaluates its second argument for those rows alone). Same values.
  const cast = (type: SqlType) => `COALESCE(TRY_CAST(${column} AS ${type}), TRY_CAST(${text} AS ${type}))`;
  switch (plan.type) {
    case "VARCHAR":
      return text;
    case "DATE": {
      // A value not in the chosen format stays NULL and is counted as not parsed.
      const format = dateFormatById(options.dateFormat ?? "iso");
      return format.id === "iso" ? cast("DATE") : `CAST(TRY_STRPTIME(${text}, '${format.strptime}') AS DATE)`;
    }
    default:
      // "1.234,56" in a file written with a decimal comma: '.' groups thousands, ',' is the decimal point
      return options.decimalComma ? `TRY_CAST(replace(replace(${text}, '.', ''), ',', '.') AS ${plan.type})` : cast(plan.type);
  }
}

/** A number a typed read and `castExpression` read alike: digits, an optional minus and decimal point, nothing else. */
const PLAIN_NUMBER: Partial<Record<SqlType, RegExp>> = { INTEGER: /^-?\d{1,9}$/, DOUBLE: /^-?\d{1,15}(\.\d{1,15})?$/ };

/**
 * The columns of a CSV worth typing while the file is read (source name → type), from its sniffed header and sample:
 * mapped by name to a numeric extract column, every sampled value a plain number (empty allowed). Typed by the read,
 * they need no conversion when the table is loaded; a value further down that is not such a number fails the read,
 * which is then done again with every column as text (and so is any correction in the load check: a typed column
 * keeps no text to read another way).
 */
export function numbersTypedAtRead(header: string[], sampleRows: string[][]): Record<string, SqlType> {
  const typed: Record<string, SqlType> = {};
  mapColumns(header, sampleRows).columns.forEach((plan, i) => {
    const pattern = plan.target ? PLAIN_NUMBER[plan.type] : undefined;
    const values = sampleRows.map((row) => row[i] ?? "").filter((v) => v !== "");
    if (pattern && values.length && values.every((v) => pattern.test(v))) typed[plan.source] = plan.type;
  });
  return typed;
}

/**
 * SQL that is true where a staging column's value is missing or blank. CASE evaluates a branch only for the rows that
 * reach it, so a value whose first character is not blank is never trimmed whole: trimming every goods description
 * took most of the load check's time. Same answer as `NULLIF(trim(…), '') IS NULL`.
 */
export function blankExpression(source: string): string {
  const text = `CAST(${quoteIdent(source)} AS VARCHAR)`;
  return `CASE WHEN ${text} IS NULL THEN true WHEN trim(left(${text}, 1)) <> '' THEN false ELSE trim(${text}) = '' END`;
}

/** SQL that is true where a staging column has a value (not blank) that `castExpression` cannot convert; a value that
 * converts is not trimmed to find out. */
export function notConvertedExpression(plan: ColumnPlan, options: ReadingOptions = {}): string {
  return `CASE WHEN (${castExpression(plan, options)}) IS NOT NULL THEN false ELSE NOT (${blankExpression(plan.source)}) END`;
}

/** How text values are read into numbers and dates (detected, then corrected by the user). */
export interface ReadingOptions {
  /** "1.234,56": '.' groups thousands, ',' is the decimal point */
  decimalComma?: boolean;
  dateFormat?: DateFormatId;
}

export const DATE_FORMATS = [
  { id: "iso", example: "2024-03-31", strptime: "%Y-%m-%d", pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: "ymd" },
  { id: "dmy-dot", example: "31.03.2024", strptime: "%d.%m.%Y", pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: "dmy" },
  { id: "dmy-slash", example: "31/03/2024", strptime: "%d/%m/%Y", pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: "dmy" },
  { id: "mdy-slash", example: "03/31/2024", strptime: "%m/%d/%Y", pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: "mdy" },
  { id: "dmy-dash", example: "31-03-2024", strptime: "%d-%m-%Y", pattern: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: "dmy" },
  { id: "ymd-slash", example: "2024/03/31", strptime: "%Y/%m/%d", pattern: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, order: "ymd" },
  { id: "ymd-compact", example: "20240331", strptime: "%Y%m%d", pattern: /^(\d{4})(\d{2})(\d{2})$/, order: "ymd" },
] as const;

export type DateFormatId = (typeof DATE_FORMATS)[number]["id"];

export const dateFormatById = (id: DateFormatId) => DATE_FORMATS.find((f) => f.id === id)!;

function readsAs(format: (typeof DATE_FORMATS)[number], value: string): boolean {
  const m = format.pattern.exec(value);
  if (!m) return false;
  const parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [y, mo, d] = format.order === "ymd" ? parts : format.order === "dmy" ? [parts[2]!, parts[1]!, parts[0]!] : [parts[2]!, parts[0]!, parts[1]!];
  return y! >= 1900 && y! <= 2100 && mo! >= 1 && mo! <= 12 && d! >= 1 && d! <= new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
}

/**
 * The date format most sampled values read as, with the share they make. `ambiguous` when another format reads as
 * many (03/04/2024: day/month or month/day), so the user is asked instead of guessed for; ties go to day/month.
 */
export function detectDateFormat(values: string[]): { format: DateFormatId; share: number; ambiguous: boolean } {
  const sample = values.map((v) => v.trim()).filter((v) => v !== "");
  if (!sample.length) return { format: "iso", share: 0, ambiguous: false };
  const counts = DATE_FORMATS.map((f) => ({ id: f.id, n: sample.filter((v) => readsAs(f, v)).length }));
  const best = counts.reduce((a, b) => (b.n > a.n ? b : a));
  const ambiguous = best.n > 0 && counts.some((c) => c.id !== best.id && c.n === best.n);
  return { format: best.id, share: best.n / sample.length, ambiguous };
}

/**
 * How a file's text is best read, from sampled values of its planned columns: with a decimal comma ("12,50",
 * "1.234,56") when more number values read that way than with a decimal point; dates in the format most values of
 * the date columns read as (`dateAmbiguous` when day/month and month/day read them equally well).
 */
export function detectReadingOptions(
  plans: readonly ColumnPlan[],
  valuesOf: (plan: ColumnPlan) => readonly (string | null | undefined)[],
): Required<ReadingOptions> & { dateAmbiguous: boolean } {
  const text = (types: SqlType[]) =>
    plans
      .filter((p) => types.includes(p.type) && !p.sourceType)
      .flatMap((p) => valuesOf(p))
      .map((v) => (v ?? "").trim())
      .filter((v) => v !== "");
  const numbers = text(["DOUBLE", "INTEGER", "BIGINT"]);
  const comma = numbers.filter((v) => /^-?[0-9.]*,[0-9]+$/.test(v)).length;
  const point = numbers.filter((v) => /^-?[0-9,]*\.[0-9]+$/.test(v)).length;
  const dates = text(["DATE"]);
  const detected = dates.length ? detectDateFormat(dates) : null;
  return { decimalComma: comma > point, dateFormat: detected?.format ?? "iso", dateAmbiguous: detected?.ambiguous ?? false };
}

/** A valid SQL table name from a file name: "Imports 2024 (Q1).csv" → imports_2024_q1. */
export function tableNameFor(fileName: string, taken: Iterable<string> = []): string {
  const base = normalise(fileName.replace(/\.(csv|tsv|txt|xlsx|parquet|json|ndjson|jsonl)$/i, "")) || "extract";
  const safe = /^[a-z_]/.test(base) ? base : `t_${base}`;
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  if (!used.has(safe)) return safe;
  for (let i = 2; ; i++) if (!used.has(`${safe}_${i}`)) return `${safe}_${i}`;
}

/** Checks a user-chosen table name; returns the problem in words or null. */
export function tableNameProblem(name: string, taken: Iterable<string> = []): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
    return "a table name starts with a letter or _ and has only letters, digits and _ (at most 63 characters)";
  }
  if (name.startsWith("__")) return "names starting with __ are reserved for the workbench";
  if ([...taken].some((t) => t.toLowerCase() === name.toLowerCase())) return `a table named ${name} is already loaded`;
  return null;
}
