import { z } from "zod";

/**
 * The object of a JSON body (or a form's fields): a field it does not know is refused by name, with the fields it
 * takes. Ignored, a misspelt `"topk"` or `"colum"` would quietly leave its default in place (5 codes, the description
 * column) and the caller would never learn why.
 */
export function knownFields<S extends z.ZodRawShape>(shape: S) {
  const fields = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}; the fields are ${fields}`
        : issue.code === "invalid_type"
          ? `expected an object with the fields ${fields}`
          : undefined,
  });
}
