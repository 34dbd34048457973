/**
 * DuckDB's error text as users should read it: without the "Error: " wrapper, keeping its LINE/caret lines, and each
 * paragraph once (DuckDB-WASM repeats the LINE/caret block of parser errors).
 */
export function duckErrorText(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/^Error:\s*/, "");
  const paragraphs = text.split(/\n\n+/);
  return paragraphs.filter((p, i) => i === 0 || p.trim() !== paragraphs[i - 1]!.trim()).join("\n\n");
}
