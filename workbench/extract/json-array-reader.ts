// The objects of a JSON array read from text that arrives in pieces (a file read in slices), so a file of any size is
// never one string: each top-level element is cut where it closes and parsed on its own. Used where DuckDB-WASM's
// JSON reader cannot type a field (numbers in most records, "n/a" in one): every value is then kept as text, and the
// load check says which do not convert, as for CSV.

export class JsonArrayError extends Error {
  override name = "JsonArrayError";
}

export class JsonArrayReader {
  private text = "";
  /** where scanning resumes in `text`, and where the element being read starts (-1: between elements) */
  private at = 0;
  private start = -1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private state: "before" | "between" | "after" = "before";
  /** a comma read since the last element (or the array's start: none may come first) */
  private comma = false;
  private records = 0;

  constructor(private readonly fileName: string) {}

  /** The records completed by this piece of text, in order. */
  push(piece: string): Record<string, unknown>[] {
    this.text += piece;
    const out: Record<string, unknown>[] = [];
    const t = this.text;
    let i = this.at;
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (this.start >= 0) {
        // inside an element: find where it closes
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === 0x5c) this.escaped = true;
          else if (c === 0x22) this.inString = false;
        } else if (c === 0x22) this.inString = true;
        else if (c === 0x7b || c === 0x5b) this.depth++;
        else if ((c === 0x7d || c === 0x5d) && --this.depth === 0) {
          out.push(this.parse(t.slice(this.start, i + 1)));
          this.start = -1;
          this.comma = false;
        }
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) continue;
      if (this.state === "before") {
        if (c !== 0x5b) throw this.error(`expected a JSON array ('['), found '${t[i]}'`);
        this.state = "between";
      } else if (this.state === "after") {
        throw this.error(`more text after the array closes ('${t[i]}')`);
      } else if (c === 0x2c) {
        if (this.comma || this.records === 0) throw this.error(`a comma without a record before it, after record ${this.records}`);
        this.comma = true;
      } else if (c === 0x5d) {
        if (this.comma) throw this.error(`a comma after the last record (${this.records})`);
        this.state = "after";
      } else if (c === 0x7b) {
        if (this.records > 0 && !this.comma) throw this.error(`no comma between records ${this.records} and ${this.records + 1}`);
        this.start = i;
        this.depth = 1;
      } else {
        throw this.error(`record ${this.records + 1} is not a JSON object (it starts with '${t[i]}')`);
      }
    }
    // keep only what is still needed: the open element's text
    if (this.start >= 0) {
      this.text = t.slice(this.start);
      this.at = i - this.start;
      this.start = 0;
    } else {
      this.text = "";
      this.at = 0;
    }
    return out;
  }

  /** The file has ended: throws unless the array was closed. */
  end(): void {
    if (this.state === "before") throw this.error("holds no JSON array");
    if (this.state !== "after") throw this.error(`ends inside the array, after record ${this.records}`);
  }

  private parse(text: string): Record<string, unknown> {
    this.records++;
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw this.error(`record ${this.records} is not valid JSON (${(error as Error).message})`);
    }
  }

  private error(message: string) {
    return new JsonArrayError(`${this.fileName}: ${message}`);
  }
}
