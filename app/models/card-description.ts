/**
 * A trained version's card description, as our training configs write it: what the model is, then one sentence per
 * later version saying what it changed ("1.2.0 reads foreign lines better…", "1.7.0's retrieval member…"). Split so a
 * card leads with what the model is and what this version changed, the history below; a description written otherwise
 * is all summary.
 */
export function cardDescriptionParts(description: string, version: string): { summary: string; thisVersion: string | null; earlier: string[] } {
  const [summary = "", ...changes] = description.split(/(?<=\.)\s+(?=\d+\.\d+\.\d+(?:['’]s)?\s)/);
  const last = changes.at(-1);
  const isThis = last !== undefined && new RegExp(`^${version.replaceAll(".", "\\.")}(?:['’]s)?\\s`).test(last);
  return { summary, thisVersion: isThis ? last : null, earlier: isThis ? changes.slice(0, -1) : changes };
}
