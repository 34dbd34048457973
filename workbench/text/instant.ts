// Instants typed by people (audit filters, "what was in production at", the API): one parser, UTC assumed.

/** An ISO 8601 instant (date or date-time, with or without zone; UTC assumed) as the canonical stored form. */
export function parseInstant(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})([T ](\d{2}):(\d{2})(:(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim());
  if (!match) return null;
  // JavaScript rolls 2026-02-30 over to March 2: a calendar date and a clock time must exist as written
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  if (match[5] !== undefined && (Number(match[5]) > 23 || Number(match[6]) > 59 || Number(match[8] ?? 0) > 59)) return null;
  let value = text.trim().replace(" ", "T");
  if (/^\d{4}-\d{2}-\d{2}$/.test(value))
    value += "T23:59:59.999Z"; // a date means the end of that day
  else if (!/(Z|[+-]\d{2}:?\d{2})$/.test(value)) value += "Z";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
