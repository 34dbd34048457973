// Whether a column holds words (goods descriptions) or codes and identifiers. A value reads as words when it has two
// words of letters apart — a space or punctuation between them, not a digit ("ZZR1LT6" is an identifier) — or a run
// of a script written without spaces (Chinese, Japanese, Korean, Thai). The same test in two dialects: SQL for DuckDB
// (Explore, in the browser or on the server) and a JavaScript expression (the CLI), held equal by a test.

/** RE2, as DuckDB's regexp_matches reads it */
export const WORDS_SQL_PATTERN = String.raw`\p{L}{2,}[\s,;:/.()&+'-]+\p{L}{2,}|[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}]{2,}`;
const WORDS = /\p{L}{2,}[\t\n\f\r ,;:/.()&+'-]+\p{L}{2,}|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]{2,}/u;

/** rows read per column to tell descriptions from codes */
export const WORDS_SAMPLE = 2000;
/** the share of a column's non-empty values that must read as words for it to count as goods descriptions */
export const WORDS_SHARE = 0.3;

export const readsAsWords = (value: string) => WORDS.test(value);

/** The share of a column's first WORDS_SAMPLE rows (empty ones not counted) that read as words. */
export function wordShare(values: readonly (string | null | undefined)[]): number {
  const given = values.slice(0, WORDS_SAMPLE).filter((v): v is string => typeof v === "string" && v.trim() !== "");
  return given.length ? given.filter(readsAsWords).length / given.length : 0;
}

/** The columns that hold words, most words first. */
export function columnsOfWords(shares: ReadonlyMap<string, number>): string[] {
  return [...shares]
    .filter(([, share]) => share >= WORDS_SHARE)
    .sort((x, y) => y[1] - x[1])
    .map(([column]) => column);
}
