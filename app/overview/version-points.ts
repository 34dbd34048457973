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

/** Where each model's versions start and end among the points (the blanks between models left out). */
export function modelRuns(points: readonly (VersionPoint | null)[]): { start: number; end: number }[] {
  return points.reduce<{ start: number; end: number }[]>((all, p, i) => {
    if (p && points[i - 1]) all[all.length - 1]!.end = i;
    else if (p) all.push({ start: i, end: i });
    return all;
  }, []);
}

/**
 * The row of each model's name under the chart, by the point it sits under (the middle of its run): level, unless it
 * would run into a name already on that row (two small models side by side); names measured at about 6 px a character.
 */
export function modelNameRows(
  points: readonly (VersionPoint | null)[],
  runs: readonly { start: number; end: number }[],
  width: number,
): Map<number, number> {
  const perPoint = width / Math.max(1, points.length);
  const rowEnds: number[] = [];
  return new Map(
    runs.map((run) => {
      const middle = Math.floor((run.start + run.end) / 2);
      const half = (modelNameOf(points[middle]!.ref).length * 6) / 2;
      const x = middle * perPoint;
      let row = rowEnds.findIndex((end) => end < x - half);
      if (row < 0) row = rowEnds.length;
      rowEnds[row] = x + half + 6;
      return [middle, row] as const;
    }),
  );
}
