// An extract's declared codes as the truth of a comparison (on Explore in the browser, or a server-side extract): the
// code's first six digits, read in the edition the codes show (or the analyst chose) — HS 2017 codes through their
// single HS 2022 successor. Lines without a usable code or without a description are left out with their reason,
// never silently.
import type { Crosswalk } from "../hs/crosswalk";
import { codesEdition, type HsEdition } from "../hs/hs-version";
import type { Nomenclature } from "../hs/nomenclature";
import type { EvaluationLine, ExcludedLine } from "./evaluation-sets";
import { hasTextToClassify, NO_DESCRIPTION } from "./predictor";

export interface DeclaredTruths {
  lines: EvaluationLine[];
  excluded: ExcludedLine[];
  /** the edition the codes were read in, and the one they show */
  used: HsEdition;
  detected: HsEdition;
  /** HS 2017 lines whose code split into several HS 2022 codes (among the excluded) */
  splitLines: number;
}

export function declaredTruths(
  raw: readonly { ref: string; text: string | null; code: string | null }[],
  reference: { nomenclature: Nomenclature; crosswalk: Crosswalk },
  edition: HsEdition | "detect" = "detect",
): DeclaredTruths {
  // the format only here: whether the code exists depends on the edition it is read in (below)
  const { subheadings: codes, report } = codesEdition(
    raw.map((r) => ({ code: r.code, lines: 1 })),
    reference.nomenclature,
    reference.crosswalk,
  );
  const used = edition === "detect" ? report.suggested : edition;
  const split = new Map(report.split.map((x) => [x.code, x.successors]));
  const lines: EvaluationLine[] = [];
  const excluded: ExcludedLine[] = [];
  let splitLines = 0;
  raw.forEach((r, index) => {
    const code = codes[index];
    const truth = code && (used === "HS2017" ? report.mapping.get(code) : code);
    if (truth && reference.nomenclature.get(truth)?.level === 6) {
      // a line without a description tests no model: left out (and said), not scored as every version's miss
      if (!hasTextToClassify(r.text ?? "")) return excluded.push({ index, ref: r.ref, label: r.code, reason: NO_DESCRIPTION });
      return lines.push({ ref: r.ref, text: r.text ?? "", truth });
    }
    const successors = used === "HS2017" && code ? split.get(code) : undefined;
    if (successors) splitLines++;
    const reason = !code
      ? `no usable code ('${String(r.code ?? "").slice(0, 20)}')`
      : successors
        ? `HS 2017 code ${code} split into ${successors.join(", ")} in HS 2022: no one truth`
        : `${code} is not ${used === "HS2017" ? "an HS 2017" : "an HS 2022"} subheading`;
    excluded.push({ index, ref: r.ref, label: r.code, reason });
  });
  return { lines, excluded, used, detected: report.suggested, splitLines };
}
