// A new version's evaluation for its model card, the same for every architecture: every shipped set, real text first
// (the real sets are only evaluated on, never trained on), each with accuracy and calibration error.
import { shippedSet, SHIPPED_SETS, type ShippedSetId } from "../../workbench/evaluation/evaluation-sets";
import { scoreLines } from "../../workbench/evaluation/metrics";
import type { Predictor } from "../../workbench/evaluation/predictor";
import type { ModelCard } from "./model-card";

export async function evaluateOnShippedSets(
  predictor: Predictor,
  options: { inScope?: (hs6: string) => boolean; demoExtractSample: number },
): Promise<ModelCard["evaluation"]> {
  const evaluation: ModelCard["evaluation"] = {};
  for (const id of Object.keys(SHIPPED_SETS) as ShippedSetId[]) {
    const sample = id === "demo-extract" ? options.demoExtractSample : Infinity;
    const lines = shippedSet(id)
      .lines.filter((l) => !options.inScope || options.inScope(l.truth))
      .slice(0, sample);
    if (!lines.length) continue;
    const candidates = await predictor.topK(
      lines.map((l) => l.text),
      5,
    );
    const { metrics, calibration } = scoreLines(lines, candidates);
    evaluation[id] = {
      description: `${SHIPPED_SETS[id].label}${lines.length < shippedSet(id).lines.length ? `, ${lines.length.toLocaleString("en")} lines` : ""}: ${SHIPPED_SETS[id].description}`,
      metrics,
      ece: calibration.ece,
    };
  }
  return evaluation;
}
