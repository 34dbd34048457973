// The ECharts option of a confusion-matrix heatmap (A, B, or B − A), from a matrix view. Pure: used by the Compare
// page and by bench:compare, which times the same code path.
import type { DifferenceCell, MatrixView, Normalise } from "../../workbench/evaluation/matrix-view";
import { safeHtml } from "../../workbench/text/format";

export type Side = "a" | "b" | "diff";
export type Scale = "linear" | "log";

const COLOURS = ["#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"];
const DIVERGING = ["#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"];

// Log colour: sign-preserving log10(1 + |v|), shares scaled so 0.1% is distinguishable from 0.
const colourValue = (v: number, scale: Scale, share: boolean) =>
  scale === "linear" ? v : Math.sign(v) * Math.log10(1 + Math.abs(v) * (share ? 1000 : 1));
const fromColourValue = (c: number, scale: Scale, share: boolean) =>
  scale === "linear" ? c : (Math.sign(c) * (10 ** Math.abs(c) - 1)) / (share ? 1000 : 1);

export function heatmapOption(
  side: Side,
  views: { a: MatrixView; b: MatrixView; diff: DifferenceCell[]; order: { labels: string[] } },
  options: { normalise: Normalise; scale: Scale },
  names: { a: string; b: string },
  nameOf: (code: string) => string,
): Record<string, unknown> {
  const labels = views.order.labels;
  const share = options.normalise !== "none";
  const title = side === "diff" ? `B − A: ${names.b} minus ${names.a}` : `${side.toUpperCase()}: ${names[side]}`;
  const data =
    side === "diff"
      ? views.diff.map((c) => [c.x, c.y, colourValue(c.value, options.scale, share), c.a, c.b, c.value])
      : views[side].cells.map((c) => [c.x, c.y, colourValue(c.value, options.scale, share), c.count, c.rowShare, c.columnShare]);
  let extent = 1e-9;
  for (const d of data) extent = Math.max(extent, Math.abs(d[2]!));
  const dense = labels.length > 40;
  return {
    // no animation: thousands of cells would fade in for a second on every control change
    animation: false,
    title: { text: title, left: "center", textStyle: { fontSize: 13 } },
    tooltip: {
      confine: true,
      formatter: (p: { data: number[] }) => {
        const [x, y, , first, second, third] = p.data as [number, number, number, number, number, number];
        const head = safeHtml`<b>true ${labels[y]}</b> ${nameOf(labels[y]!).slice(0, 60)}<br/><b>predicted ${labels[x]}</b> ${nameOf(labels[x]!).slice(0, 60)}<br/>`;
        if (side === "diff") {
          return (
            head +
            safeHtml`A (${names.a}): ${first} lines<br/>B (${names.b}): ${second} lines<br/>B − A: ${second - first > 0 ? "+" : ""}${second - first}${share ? ` (${(third * 100).toFixed(1)} points of ${options.normalise})` : ""}`
          );
        }
        return (
          head +
          safeHtml`${side.toUpperCase()} (${names[side]}): ${first.toLocaleString("en")} lines<br/>${(second * 100).toFixed(1)}% of row · ${(third * 100).toFixed(1)}% of column`
        );
      },
    },
    grid: { left: 46, right: 16, top: 34, bottom: 78 },
    xAxis: {
      type: "category",
      data: labels,
      name: "predicted",
      nameLocation: "middle",
      nameGap: 30,
      triggerEvent: true,
      axisLabel: { fontSize: dense ? 7 : 9, rotate: 90, interval: dense ? 1 : 0 },
    },
    yAxis: {
      type: "category",
      data: labels,
      inverse: true,
      name: "true",
      triggerEvent: true,
      axisLabel: { fontSize: dense ? 7 : 9, interval: dense ? 1 : 0 },
    },
    visualMap: {
      type: "continuous",
      dimension: 2,
      min: side === "diff" ? -extent : 0,
      max: extent,
      orient: "horizontal",
      left: "center",
      bottom: 0,
      itemHeight: 120,
      calculable: false,
      text: side === "diff" ? ["B more", "A more"] : ["more", "fewer"],
      formatter: (v: number) => {
        const real = fromColourValue(v, options.scale, share);
        return share ? `${(real * 100).toFixed(real < 0.1 && real > -0.1 ? 1 : 0)}%` : Math.round(real).toLocaleString("en");
      },
      inRange: { color: side === "diff" ? DIVERGING : COLOURS },
    },
    // progressive: 0 draws every cell in one frame (the default spreads 9,409 cells over ~20 frames)
    series: [{ type: "heatmap", data, progressive: 0, emphasis: { itemStyle: { borderColor: "#000", borderWidth: 1 } } }],
  };
}
