import { z } from "zod";

/**
 * The object of a JSON body (or a form's fields, or a URL's query parameters): a field it does not know is refused by
 * name, with the fields it takes. Ignored, a misspelt `"topk"`, `"colum"` or `?sett=` would quietly leave its default
 * in place (5 codes, the description column, the default set) and the caller would never learn why.
 */
export function knownFields<S extends z.ZodRawShape>(shape: S, noun: "field" | "parameter" = "field") {
  const names = Object.keys(shape);
  const fields = names.join(", ");
  const takes = names.length === 1 ? `the only ${noun} is ${fields}` : `the ${noun}s are ${fields}`;
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown ${noun}${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}; ${takes}`
        : issue.code === "invalid_type"
          ? `expected an object with the ${noun}s ${fields}`
          : undefined,
  });
}

/** A URL's query parameters read through `knownFields(…, "parameter")`: each problem as "name: what was expected". */
export function parseQuery<T>(schema: z.ZodType<T>, params: URLSearchParams): { ok: true; value: T } | { ok: false; error: string } {
  const parsed = schema.safeParse(Object.fromEntries(params));
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ") };
}
