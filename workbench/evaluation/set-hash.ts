// The content hash of an evaluation set's lines, defined once: sha256 of "text<TAB>truth<LF>" per line, in order.
// The server hashes it with node:crypto, the browser with SubtleCrypto; the same lines give the same hash on both.

export const setHashInput = (lines: readonly { text: string; truth: string }[]): string => lines.map((l) => `${l.text}\t${l.truth}\n`).join("");
