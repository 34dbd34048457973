// An Excel workbook (.xlsx) read as the CSV Excel's "Save as CSV" would write of one sheet, so it goes through the same
// checks as any CSV file: every cell as the text it holds (codes keep their leading zeros when stored as text; a code
// stored as a number is the number, which the extract check offers to repair), dates as ISO dates, blank rows inside
// the sheet kept so row numbers are the sheet's.
import { unzip } from "fflate";
import { quoteCsv } from "../csv";

export interface Workbook {
  /** the sheet read */
  sheet: string;
  /** every worksheet's name, in the workbook's order (hidden ones left out) */
  sheets: string[];
  csv: string;
}

export class WorkbookError extends Error {
  override name = "WorkbookError";
}

/**
 * A part larger than this is refused before it is inflated: the whole sheet is held at once (the demo extract's 100,000
 * lines are a 77 MB sheet and took 300 MB of memory, 2.5 s, to read), where a CSV is read in slices.
 */
export const MAX_SHEET_XML_BYTES = 256 * 1024 ** 2;

/** Excel's own limits: rows and columns a sheet can have */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/** How far reading a sheet's rows has come: the share of the sheet's XML read, and the rows so far. */
export type WorkbookProgress = (read: { share: number; rows: number }) => void | Promise<void>;

/** rows between two progress calls (a few milliseconds of work) */
const ROWS_PER_PROGRESS = 2_000;

/**
 * Reads one worksheet (by name; the first visible one by default) of an .xlsx workbook as CSV text. `progress` is
 * called every few thousand rows and awaited: a page yields there to stay responsive, and stops the read by throwing.
 */
export async function readWorkbook(bytes: Uint8Array, fileName: string, sheetName?: string, progress?: WorkbookProgress): Promise<Workbook> {
  const fail = (what: string): never => {
    throw new WorkbookError(`${fileName}: ${what}`);
  };
  const entries = await unzipEntries(bytes, fail, (name) => name === "xl/workbook.xml" || name === "xl/_rels/workbook.xml.rels");
  const workbookXml =
    entries.get("xl/workbook.xml") ?? fail("a ZIP archive, but not an Excel workbook (no xl/workbook.xml); only .xlsx workbooks are read");
  const relsXml = entries.get("xl/_rels/workbook.xml.rels") ?? fail("the workbook has no list of its parts (xl/_rels/workbook.xml.rels)");
  const targets = new Map<string, string>();
  for (const rel of relsXml.matchAll(/<Relationship\b([^>]*)>/g)) {
    const id = attribute(rel[1]!, "Id");
    const target = attribute(rel[1]!, "Target");
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const sheets = [...workbookXml.matchAll(/<sheet\b([^>]*)>/g)]
    .map((m) => ({
      name: decodeXml(attribute(m[1]!, "name") ?? ""),
      state: attribute(m[1]!, "state"),
      path: targets.get(attribute(m[1]!, "r:id") ?? "") ?? "",
    }))
    // chart sheets hold no cells; hidden sheets are not what a user sees as the workbook's data
    .filter((s) => /^xl\/worksheets\/[^/]+\.xml$/.test(s.path) && (s.state === undefined || s.state === "visible"));
  if (!sheets.length) fail("the workbook has no visible worksheet");
  const chosen =
    sheetName === undefined ? sheets[0]! : (sheets.find((s) => s.name === sheetName) ?? fail(`the workbook has no sheet named "${sheetName}"`));
  const date1904 = /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbookXml);

  const parts = await unzipEntries(
    bytes,
    fail,
    (name) => name === chosen.path || name === "xl/sharedStrings.xml" || name === "xl/styles.xml",
    (name) => (name === chosen.path ? `sheet "${chosen.name}"` : name),
  );
  const sheetXml = parts.get(chosen.path) ?? fail(`sheet "${chosen.name}" is listed but missing from the file (${chosen.path})`);
  const strings = sharedStrings(parts.get("xl/sharedStrings.xml") ?? "");
  const dateStyles = dateStyleIndexes(parts.get("xl/styles.xml") ?? "");

  const rows: string[][] = [];
  let nextRow = 1;
  let width = 0;
  let sinceProgress = 0;
  for (const row of sheetXml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    if (progress && ++sinceProgress === ROWS_PER_PROGRESS) {
      sinceProgress = 0;
      await progress({ share: row.index / sheetXml.length, rows: rows.length });
    }
    const written = Number(attribute(row[1]!, "r") ?? nextRow);
    const rowNumber = Number.isInteger(written) && written >= nextRow ? written : nextRow;
    // a hostile row number would otherwise make a billion blank rows
    if (rowNumber > MAX_ROWS) fail(`sheet "${chosen.name}" has a row ${rowNumber}, past Excel's last row (${MAX_ROWS})`);
    const cells: string[] = [];
    let nextColumn = 0;
    for (const cell of (row[2] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = attribute(cell[1]!, "r");
      const column = ref ? columnIndex(ref) : nextColumn;
      if (column >= MAX_COLUMNS) fail(`sheet "${chosen.name}", cell ${ref ?? `in row ${rowNumber}`}: past Excel's last column (XFD)`);
      const value = cellText(cell[1]!, cell[2] ?? "", strings, dateStyles, date1904, () =>
        fail(`sheet "${chosen.name}", cell ${ref ?? `in row ${rowNumber}`}: refers to a shared string the workbook does not have`),
      );
      while (cells.length < column) cells.push("");
      cells[column] = value;
      nextColumn = column + 1;
    }
    while (cells.length && cells[cells.length - 1] === "") cells.pop();
    if (!cells.length) continue;
    // rows the sheet leaves out between rows with values are blank lines of the CSV, as Excel writes them
    for (; nextRow < rowNumber; nextRow++) rows.push([]);
    rows.push(cells);
    width = Math.max(width, cells.length);
    nextRow = rowNumber + 1;
  }
  if (!rows.length) fail(`sheet "${chosen.name}" has no cells with values`);
  // every row as wide as the widest (Excel's CSV pads with empty fields), so no row looks ragged
  const csv = rows.map((cells) => cells.map(quoteCsv).join(",") + ",".repeat(width - Math.max(cells.length, 1))).join("\r\n") + "\r\n";
  return { sheet: chosen.name, sheets: sheets.map((s) => s.name), csv };
}

/**
 * The wanted parts of the archive as text. fflate inflates a large part in a worker (a Web Worker on a page, a worker
 * thread in Node), so a page stays responsive while a 77 MB sheet is inflated; small parts are inflated in place.
 */
async function unzipEntries(
  bytes: Uint8Array,
  fail: (what: string) => never,
  wanted: (name: string) => boolean,
  label: (name: string) => string = (name) => name,
): Promise<Map<string, string>> {
  // kept, not thrown: fflate calls the filter inside its own loop
  let tooLarge: string | null = null;
  const files = await new Promise<Record<string, Uint8Array>>((resolve, reject) => {
    const done = (error: Error | null, files: Record<string, Uint8Array>) => (error ? reject(error) : resolve(files));
    try {
      unzip(
        bytes,
        {
          filter: (f) => {
            if (tooLarge || !wanted(f.name)) return false;
            if (f.originalSize <= MAX_SHEET_XML_BYTES) return true;
            tooLarge = `${label(f.name)} inflates to ${Math.round(f.originalSize / 1024 ** 2)} MB, more than the ${MAX_SHEET_XML_BYTES / 1024 ** 2} MB a workbook may take here: save the sheet as CSV, which is read in slices`;
            return false;
          },
        },
        done,
      );
    } catch (error) {
      reject(error);
    }
  }).catch((error: unknown) => fail(`not a readable ZIP archive (${(error as Error).message}); is the workbook complete?`));
  if (tooLarge) fail(tooLarge);
  const decoder = new TextDecoder("utf-8");
  return new Map(Object.entries(files).map(([name, data]) => [name, decoder.decode(data)]));
}

function cellText(
  attributes: string,
  body: string,
  strings: readonly string[],
  dateStyles: ReadonlySet<number>,
  date1904: boolean,
  missingString: () => never,
): string {
  const type = attribute(attributes, "t") ?? "n";
  if (type === "inlineStr") return richText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? "");
  const raw = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
  if (raw === undefined) return "";
  if (type === "s") return strings[Number(raw)] ?? missingString();
  if (type === "b") return raw === "1" ? "TRUE" : "FALSE";
  if (type === "str" || type === "e" || type === "d") return decodeXml(raw);
  const style = Number(attribute(attributes, "s") ?? 0);
  return dateStyles.has(style) ? excelDate(Number(raw), date1904) : excelNumber(raw);
}

/** A number as Excel shows it: at most 15 significant digits (915.57, not the stored 915.5700000000001). */
function excelNumber(raw: string): string {
  // most values are short already (a count, an amount with cents): as written
  if (raw.length <= 15 && /^-?\d+(\.\d+)?$/.test(raw)) return raw;
  const n = Number(raw);
  return Number.isFinite(n) ? String(Number(n.toPrecision(15))) : raw.trim();
}

/** A serial date as ISO text: the date alone, or with its time when it has one. */
function excelDate(serial: number, date1904: boolean): string {
  if (!Number.isFinite(serial)) return String(serial);
  // days since 1899-12-30 (which absorbs Excel's 29 February 1900 for every date after it), or since 1904-01-01
  const ms = Math.round((serial + (date1904 ? 1462 : 0) - 25569) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}

function sharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => richText(m[1] ?? ""));
}

/** The text of a string item: its runs joined, without the phonetic readings Excel keeps for Japanese. */
function richText(xml: string): string {
  // the usual item, one plain run: <t>text</t>
  if (xml.startsWith("<t>") && xml.indexOf("<", 3) === xml.length - 4) return decodeXml(xml.slice(3, -4));
  return [...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "").matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => decodeXml(t[1]!)).join("");
}

const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** The cell styles (indexes into cellXfs) whose number format shows a date or a time. */
function dateStyleIndexes(xml: string): Set<number> {
  const dateFormats = new Set(BUILT_IN_DATE_FORMATS);
  for (const f of xml.matchAll(/<numFmt\b([^>]*)>/g)) {
    const id = Number(attribute(f[1]!, "numFmtId"));
    const code = decodeXml(attribute(f[1]!, "formatCode") ?? "")
      // quoted text, escaped characters and [colour]/[condition] sections say nothing about dates
      .replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "");
    if (/[dmyhs]/i.test(code)) dateFormats.add(id);
  }
  const styles = new Set<number>();
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
  [...cellXfs.matchAll(/<xf\b([^>]*)>/g)].forEach((xf, i) => dateFormats.has(Number(attribute(xf[1]!, "numFmtId") ?? 0)) && styles.add(i));
  return styles;
}

const attributePatterns = new Map<string, RegExp>();
function attribute(attributes: string, name: string): string | undefined {
  let pattern = attributePatterns.get(name);
  if (!pattern) attributePatterns.set(name, (pattern = new RegExp(`(?:^|\\s)${name.replace(":", "\\:")}="([^"]*)"`)));
  return pattern.exec(attributes)?.[1];
}

/** "B7" → 1 */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeXml(text: string): string {
  if (!text.includes("&") && !text.includes("_x")) return text;
  return (
    text
      .replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
        e[0] === "#" ? String.fromCodePoint(Number(e[1] === "x" ? `0${e.slice(1)}` : e.slice(1))) : XML_ENTITIES[e]!,
      )
      // Excel writes characters XML cannot hold as _xHHHH_ (a line feed's carriage return, say), and "_x" itself as _x005F_x
      .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  );
}
