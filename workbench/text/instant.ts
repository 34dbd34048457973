// Instants typed by people (audit filters, "what was in production at", the API): one parser, UTC assumed.

/** An ISO 8601 instant (date or date-time, with or without zone; UTC assumed) as the canonical stored form. */
export function parseInstant(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return null;
  let value = text.trim().replace(" ", "T");
  if (/^\d{4}-\d{2}-\d{2}$/.test(value))
    value += "T23:59:59.999Z"; // a date means the end of that day
  else if (!/(Z|[+-]\d{2}:?\d{2})$/.test(value)) value += "Z";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
