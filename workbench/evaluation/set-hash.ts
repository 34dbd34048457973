// The content hash of an evaluation set's lines, defined once: sha256 of "text<TAB>truth<LF>" per line, in order
// ("text<TAB>truth<TAB>other;codes<LF>" for a line with several accepted codes).
// The server hashes it with node:crypto, the browser with SubtleCrypto; the same lines give the same hash on both.

export const setHashInput = (lines: readonly { text: string; truth: string; alsoAccepted?: readonly string[] }[]): string =>
  lines.map((l) => `${l.text}\t${l.truth}${l.alsoAccepted?.length ? `\t${l.alsoAccepted.join(";")}` : ""}\n`).join("");
