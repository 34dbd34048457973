// The Overview's accuracy-over-versions chart: which versions sit next to each other, and where its lines break.

import { modelNameOf } from "../../workbench/registry/model-ref";

export type VersionPoint = { ref: string; status: string; hs6: number | null; hs2: number | null; real: boolean };

/**
 * The chart's points: each model's versions together (models in the order their first version was registered, versions
 * in registration order), with a blank place between two models so no line joins one model to another.
 */
export function versionPoints(versions: readonly VersionPoint[]): (VersionPoint | null)[] {
  const byModel = new Map<string, VersionPoint[]>();
  for (const v of versions) {
    const name = modelNameOf(v.ref);
    byModel.set(name, [...(byModel.get(name) ?? []), v]);
  }
  return [...byModel.values()].flatMap((group, i) => (i ? [null, ...group] : group));
}
