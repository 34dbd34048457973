import { parseModelRef, refsIn } from "../../workbench/registry/model-ref";

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

/**
 * A combined version's description leads with the members it was first written for ("hs-retrieval@1.3.0 and …
 * combined"), and later sentences say when a member changed. Where the summary names a version of a model whose
 * version this one is built from is another, the versions it is built from (card.training.sources), to be said next to
 * it; null when the summary names none it is not built from.
 */
export function membersNotNamed(summary: string, sources: readonly string[]): string[] | null {
  const builtFrom = [...new Set(sources.flatMap((s) => refsIn(s)))];
  const named = new Set(refsIn(summary));
  const nameOf = (ref: string) => parseModelRef(ref)!.name;
  const stale = [...named].some((ref) => !builtFrom.includes(ref) && builtFrom.some((b) => nameOf(b) === nameOf(ref)));
  return stale ? builtFrom : null;
}
