/**
 * DuckDB's error text as users should read it: without the "Error: " wrapper, keeping its LINE/caret lines, and each
 * paragraph once (DuckDB-WASM repeats the LINE/caret block of parser errors). An error without text still says what
 * happened.
 */
export function duckErrorText(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/^Error:\s*/, "");
  if (!text.trim()) return "the browser's database stopped this step without saying why; try again";
  const paragraphs = text.split(/\n\n+/);
  return paragraphs.filter((p, i) => i === 0 || p.trim() !== paragraphs[i - 1]!.trim()).join("\n\n");
}
