// What a mistyped name probably meant: for messages that answer a typo with the name, not only with a refusal.

/**
 * The one name a mistyped one is a letter or two away from (a third of its length at most), if exactly one is; else
 * the one name it is the start of, or starts with (three letters at least: --output for --out, --expires for
 * --expires-days), if exactly one is.
 */
export function nearest(given: string, names: readonly string[]): string | undefined {
  const near = names.filter((n) => editDistance(n, given) <= Math.min(2, Math.floor(n.length / 3)));
  if (near.length) return near.length === 1 ? near[0] : undefined;
  const cut = names.filter((n) => Math.min(n.length, given.length) >= 3 && (n.startsWith(given) || given.startsWith(n)));
  return cut.length === 1 ? cut[0] : undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions of one character. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}
