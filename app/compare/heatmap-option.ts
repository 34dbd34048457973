// The ECharts option of a confusion-matrix heatmap (A, B, or B − A), from a matrix view, and the rules of its layout
// and keyboard use. Pure: used by the Compare page and by bench:compare, which times the same code path.
import type { DifferenceCell, MatrixView, Normalise } from "../../workbench/evaluation/matrix-view";
import { escapeHtml } from "../../workbench/text/format";

export type Side = "a" | "b" | "diff";
export type Scale = "linear" | "log";
export interface Cell {
  /** column (predicted) and row (true) index in the view */
  x: number;
  y: number;
}
/** The first and last label index shown on each axis (inclusive). */
export interface HeatmapWindow {
  x: [number, number];
  y: [number, number];
}
export interface HeatmapViews {
  a: MatrixView;
  b: MatrixView;
  diff: DifferenceCell[];
  order: { labels: string[] };
}

// Every cell and every axis label is at least 24 px wide and tall (WCAG 2.5.8 target size) and every label is drawn;
// a matrix larger than the chart shows a window of it, moved with the sliders or the keyboard.
export const CELL_PX = 24;
const MAX_ROWS = 22;
const MARGIN = { left: 64, right: 40, top: 36, bottom: 132 };
const LABEL_FONT_PX = 12;

/** How many columns and rows a chart of this width shows, and its height. */
export function heatmapFit(labelCount: number, chartWidth: number) {
  const columns = Math.max(1, Math.min(labelCount, Math.floor((chartWidth - MARGIN.left - MARGIN.right) / CELL_PX)));
  const rows = Math.max(1, Math.min(labelCount, MAX_ROWS));
  return { columns, rows, height: MARGIN.top + MARGIN.bottom + rows * CELL_PX };
}

/** The narrowest chart that shows every one of `labelCount` columns at full size. */
export const heatmapWidthFor = (labelCount: number) => MARGIN.left + MARGIN.right + labelCount * CELL_PX;

const clampAxis = (start: number, span: number, n: number): [number, number] => {
  const s = Math.max(0, Math.min(start, n - span));
  return [s, s + span - 1];
};

/** A window of the right size inside the matrix, moved as little as needed so that `cell` (if given) is in it. */
export function fitWindow(window: HeatmapWindow | null, labelCount: number, fit: { columns: number; rows: number }, cell?: Cell): HeatmapWindow {
  const axis = (range: [number, number] | undefined, span: number, at: number | undefined) => {
    let start = range?.[0] ?? 0;
    if (at !== undefined && at < start) start = at;
    if (at !== undefined && at > start + span - 1) start = at - span + 1;
    return clampAxis(start, span, labelCount);
  };
  return { x: axis(window?.x, fit.columns, cell?.x), y: axis(window?.y, fit.rows, cell?.y) };
}

/** Keyboard moves across the cells: arrows, Home/End (row start/end), Page Up/Down (10 rows), Ctrl+Home/End (corners). */
export function moveCell(cell: Cell, key: string, labelCount: number, ctrl = false): Cell | null {
  const last = labelCount - 1;
  const clamp = (v: number) => Math.max(0, Math.min(last, v));
  switch (key) {
    case "ArrowLeft":
      return { x: clamp(cell.x - 1), y: cell.y };
    case "ArrowRight":
      return { x: clamp(cell.x + 1), y: cell.y };
    case "ArrowUp":
      return { x: cell.x, y: clamp(cell.y - 1) };
    case "ArrowDown":
      return { x: cell.x, y: clamp(cell.y + 1) };
    case "PageUp":
      return { x: cell.x, y: clamp(cell.y - 10) };
    case "PageDown":
      return { x: cell.x, y: clamp(cell.y + 10) };
    case "Home":
      return ctrl ? { x: 0, y: 0 } : { x: 0, y: cell.y };
    case "End":
      return ctrl ? { x: last, y: last } : { x: last, y: cell.y };
    default:
      return null;
  }
}

// Log colour: sign-preserving log10(1 + |v|), shares scaled so 0.1% is distinguishable from 0.
const colourValue = (v: number, scale: Scale, share: boolean) =>
  scale === "linear" ? v : Math.sign(v) * Math.log10(1 + Math.abs(v) * (share ? 1000 : 1));
const fromColourValue = (c: number, scale: Scale, share: boolean) =>
  scale === "linear" ? c : (Math.sign(c) * (10 ** Math.abs(c) - 1)) / (share ? 1000 : 1);

const COLOURS = ["#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"];
const DIVERGING = ["#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"];

const pct1 = (share: number) => `${(share * 100).toFixed(1)}%`;

/**
 * What one cell holds, in plain words (one string per line): the hover tooltip (escaped) and what a screen reader
 * hears when the keyboard reaches the cell. Empty cells say so.
 */
export function cellText(
  side: Side,
  views: HeatmapViews,
  cell: Cell,
  normalise: Normalise,
  names: { a: string; b: string },
  nameOf: (code: string) => string,
): string[] {
  const labels = views.order.labels;
  const head = [
    `true ${labels[cell.y]} ${nameOf(labels[cell.y]!).slice(0, 60)}`,
    `predicted ${labels[cell.x]} ${nameOf(labels[cell.x]!).slice(0, 60)}`,
  ];
  const at = <T extends Cell>(cells: T[]) => cells.find((c) => c.x === cell.x && c.y === cell.y);
  if (side === "diff") {
    const d = at(views.diff);
    const [a, b] = d ? [d.a, d.b] : [at(views.a.cells)?.count ?? 0, at(views.b.cells)?.count ?? 0];
    const change = b - a;
    return [
      ...head,
      `A (${names.a}): ${a.toLocaleString("en")} lines`,
      `B (${names.b}): ${b.toLocaleString("en")} lines`,
      `B − A: ${change > 0 ? "+" : ""}${change.toLocaleString("en")}${d && normalise !== "none" ? ` (${(d.value * 100).toFixed(1)} points of ${normalise})` : ""}`,
    ];
  }
  const c = at(views[side].cells);
  return [
    ...head,
    `${side.toUpperCase()} (${names[side]}): ${(c?.count ?? 0).toLocaleString("en")} lines`,
    `${pct1(c?.rowShare ?? 0)} of row · ${pct1(c?.columnShare ?? 0)} of column`,
  ];
}

export function heatmapOption(
  side: Side,
  views: HeatmapViews,
  options: { normalise: Normalise; scale: Scale },
  names: { a: string; b: string },
  nameOf: (code: string) => string,
  /** the part of the matrix shown; null shows all of it (a chart wide enough, or bench:compare) */
  window: HeatmapWindow | null = null,
): Record<string, unknown> {
  const labels = views.order.labels;
  const share = options.normalise !== "none";
  const title = side === "diff" ? `B − A: ${names.b} minus ${names.a}` : `${side.toUpperCase()}: ${names[side]}`;
  const data =
    side === "diff"
      ? views.diff.map((c) => [c.x, c.y, colourValue(c.value, options.scale, share), c.value])
      : views[side].cells.map((c) => [c.x, c.y, colourValue(c.value, options.scale, share), c.value]);
  // the fourth value is what the chart's data table lists (the colour may be on a log scale)
  const unit = { none: "lines", row: "share of row", column: "share of column" }[options.normalise];
  let extent = 1e-9;
  for (const d of data) extent = Math.max(extent, Math.abs(d[2]!));
  const zoomed = (range: [number, number]) => range[0] > 0 || range[1] < labels.length - 1;
  const slider = (axis: "x" | "y", range: [number, number]) => ({
    id: axis,
    type: "slider",
    [`${axis}AxisIndex`]: 0,
    startValue: range[0],
    endValue: range[1],
    // the window never grows beyond what keeps 24 px per label; it only moves
    minValueSpan: range[1] - range[0],
    maxValueSpan: range[1] - range[0],
    zoomLock: true,
    filterMode: "none",
    showDetail: false,
    brushSelect: false,
    ...(axis === "x"
      ? { bottom: 30, height: 16, left: MARGIN.left, right: MARGIN.right }
      : { right: 8, width: 16, top: MARGIN.top, bottom: MARGIN.bottom }),
  });
  const axisLabel = {
    fontSize: LABEL_FONT_PX,
    interval: 0,
    // line height and padding make each label a click target of at least 24 × 24 px
    lineHeight: CELL_PX,
    padding: [0, 6],
    backgroundColor: "rgba(0,0,0,0)",
  };
  // hovering a label names its class
  const labelTooltip = (axis: string) => ({
    show: true,
    formatter: (p: { value: string }) => escapeHtml(`${axis} ${p.value} ${nameOf(String(p.value))}`),
  });
  return {
    // no animation: thousands of cells would fade in for a second on every control change
    animation: false,
    title: { text: title, left: "center", textStyle: { fontSize: 13 } },
    tooltip: {
      confine: true,
      formatter: (p: { data: number[] }) => {
        const [x, y] = p.data as [number, number];
        return cellText(side, views, { x, y }, options.normalise, names, nameOf).map(escapeHtml).join("<br/>");
      },
    },
    grid: MARGIN,
    xAxis: {
      type: "category",
      data: labels,
      name: "predicted",
      nameLocation: "middle",
      nameGap: 50,
      triggerEvent: true,
      tooltip: labelTooltip("predicted"),
      axisLabel: { ...axisLabel, rotate: 90 },
    },
    yAxis: {
      type: "category",
      data: labels,
      inverse: true,
      name: "true",
      nameLocation: "middle",
      nameGap: 44,
      triggerEvent: true,
      tooltip: labelTooltip("true"),
      axisLabel,
    },
    dataZoom: window ? [...(zoomed(window.x) ? [slider("x", window.x)] : []), ...(zoomed(window.y) ? [slider("y", window.y)] : [])] : [],
    visualMap: {
      type: "continuous",
      dimension: 2,
      min: side === "diff" ? -extent : 0,
      max: extent,
      orient: "horizontal",
      left: "center",
      bottom: 0,
      itemHeight: 120,
      itemWidth: 12,
      calculable: false,
      text: side === "diff" ? ["B more", "A more"] : ["more", "fewer"],
      formatter: (v: number) => {
        const real = fromColourValue(v, options.scale, share);
        return share ? `${(real * 100).toFixed(real < 0.1 && real > -0.1 ? 1 : 0)}%` : Math.round(real).toLocaleString("en");
      },
      inRange: { color: side === "diff" ? DIVERGING : COLOURS },
    },
    // progressive: 0 draws every cell in one frame (the default spreads 9,409 cells over ~20 frames)
    series: [
      {
        type: "heatmap",
        dimensions: ["predicted", "true", "colour", side === "diff" ? `B − A, ${unit}` : unit],
        data,
        progressive: 0,
        emphasis: { itemStyle: { borderColor: "#000", borderWidth: 1 } },
      },
    ],
  };
}
