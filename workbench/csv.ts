// RFC 4180 CSV reading/writing shared by the server, the CLI and the browser.
// Fields stay strings: HS codes such as "0101" must never become numbers.

export interface CsvParseOptions {
  delimiter?: string;
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

function newlinesIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === LF) count++;
  return count;
}

/**
 * Parses CSV text into rows of string fields. Accepts \n, \r\n and \r line ends and a UTF-8 BOM. Fields are cut out
 * with `slice`, not built a character at a time: the demo extract (15 MB) took 2 s to read that way, most of it garbage
 * collection, and the server read it on its event loop.
 */
export function parseCsv(text: string, options: CsvParseOptions = {}): string[][] {
  const delimiter = (options.delimiter ?? ",").charCodeAt(0);
  const rows: string[][] = [];
  const end = text.length;
  let row: string[] = [];
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < end) {
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      field = "";
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) {
          line += newlinesIn(text, from, end);
          throw new CsvSyntaxError(`line ${line}: a quoted field is not closed before the end of the file`, line);
        }
        line += newlinesIn(text, from, quote);
        field += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) === QUOTE) {
          field += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      const next = text.charCodeAt(i);
      if (i < end && next !== delimiter && next !== LF && next !== CR) {
        throw new CsvSyntaxError(`line ${line}: unexpected character '${text[i]}' after a closing quote`, line);
      }
    } else {
      let stop = i;
      for (let c = text.charCodeAt(stop); stop < end && c !== delimiter && c !== LF && c !== CR; c = text.charCodeAt(++stop));
      field = text.slice(i, stop);
      i = stop;
    }
    row.push(field);
    const after = text.charCodeAt(i);
    if (after === delimiter) {
      i++;
      // a delimiter at the very end leaves one empty field
      if (i === end) row.push("");
      else continue;
    } else if (after === LF || after === CR) {
      i += after === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
    }
    rows.push(row);
    row = [];
  }
  return rows;
}

/** Parses CSV with a header row into records keyed by column name; checks the required columns exist. */
export function parseCsvRecords(text: string, required: readonly string[] = [], source = "CSV"): Record<string, string>[] {
  const [header, ...body] = parseCsv(text);
  if (!header) throw new Error(`${source}: the file is empty (expected a header row)`);
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new Error(`${source}: missing column(s) ${missing.join(", ")}; found ${header.join(", ")}`);
  }
  return body
    .filter((r) => !(r.length === 1 && r[0] === ""))
    .map((r, index) => {
      if (r.length !== header.length) {
        throw new Error(`${source}: row ${index + 2} has ${r.length} fields, expected ${header.length}`);
      }
      const record: Record<string, string> = {};
      header.forEach((name, j) => (record[name] = r[j]!));
      return record;
    });
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Quotes one field as is: for CSV that a program reads back (use csvField for files people open). */
export function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Quotes one field; cells that a spreadsheet would run as a formula are prefixed with an apostrophe. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return quoteCsv(text);
}

export function toCsv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const lines = [header.map(csvField).join(",")];
  for (const row of rows) lines.push(row.map(csvField).join(","));
  return lines.join("\n") + "\n";
}
