// The three heatmaps of Compare (A, B, B − A) as one instrument: laid out side by side when each fits at full size
// and stacked otherwise, showing the same window of the matrix (sliders move all three), and usable from the keyboard
// (arrows move a focus ring across the cells, Enter opens one; a live region reads the cell).
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MutableRefObject, type ReactNode } from "react";
import { Chart, type ChartClick, type ChartInstance } from "~/components/chart.client";
import type { Normalise } from "../../workbench/evaluation/matrix-view";
import {
  cellText,
  fitWindow,
  heatmapFit,
  heatmapOption,
  heatmapWidthFor,
  moveCell,
  type Cell,
  type HeatmapViews,
  type HeatmapWindow,
  type Scale,
  type Side,
} from "./heatmap-option";

const SIDES = ["a", "b", "diff"] as const;
const GAP_PX = 12;
const FIGURE_CHROME_PX = 16; // a figure's padding and border around its chart

// the sliders heatmapOption draws, by id: "x" moves the columns, "y" the rows
type DataZoomOption = { id?: string; startValue?: number; endValue?: number };

export function HeatmapTrio({
  views,
  options,
  names,
  nameOf,
  onOpenCell,
  onLabel,
  onReady,
  figureCaption,
  windowRef,
}: {
  views: HeatmapViews;
  options: { normalise: Normalise; scale: Scale };
  names: { a: string; b: string };
  nameOf: (code: string) => string;
  onOpenCell: (side: Side, cell: Cell) => void;
  onLabel: (label: string) => void;
  onReady: (side: Side, chart: ChartInstance) => void;
  figureCaption: (side: Side) => ReactNode;
  /** the part of the matrix on screen, kept up to date for the page's exports */
  windowRef: MutableRefObject<HeatmapWindow | null>;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(box.current!);
    return () => observer.disconnect();
  }, []);

  const n = views.order.labels.length;
  const sideBySide = width > 0 && 3 * (heatmapWidthFor(n) + FIGURE_CHROME_PX) + 2 * GAP_PX <= width;
  const chartWidth = (sideBySide ? (width - 2 * GAP_PX) / 3 : width) - FIGURE_CHROME_PX;
  const fit = useMemo(() => heatmapFit(n, Math.max(chartWidth, 200)), [n, chartWidth]);

  const charts = useRef<Partial<Record<Side, ChartInstance>>>({});
  const syncing = useRef(false);
  const [focus, setFocus] = useState<{ side: Side; cell: Cell } | null>(null);
  // what chart event handlers (registered once per chart) read
  const live = useRef({ n, fit, focus });
  live.current = { n, fit, focus };

  // Other classes (sort, top N, a chapter expanded) start at the top left; the same classes in another colouring or
  // chart size keep the window where it was, clamped to the new size.
  const shownLabels = useRef("");
  const chartOptions = useMemo(() => {
    const labels = views.order.labels.join();
    windowRef.current = fitWindow(labels === shownLabels.current ? windowRef.current : null, n, fit);
    shownLabels.current = labels;
    return Object.fromEntries(SIDES.map((s) => [s, heatmapOption(s, views, options, names, nameOf, windowRef.current)])) as Record<
      Side,
      Record<string, unknown>
    >;
  }, [views, options, names, nameOf, n, fit, windowRef]);

  const moveWindow = (next: HeatmapWindow, except?: Side) => {
    const current = windowRef.current;
    windowRef.current = next;
    if (current && current.x[0] === next.x[0] && current.y[0] === next.y[0] && except === undefined) return;
    syncing.current = true;
    try {
      for (const s of SIDES) {
        const chart = charts.current[s];
        if (!chart || s === except) continue;
        const zooms = ((chart.getOption() as { dataZoom?: DataZoomOption[] }).dataZoom ?? []).map((z) => {
          const range = z.id === "y" ? next.y : next.x;
          return { dataZoomId: z.id, startValue: range[0], endValue: range[1] };
        });
        if (zooms.length) chart.dispatchAction({ type: "dataZoom", batch: zooms });
      }
    } finally {
      syncing.current = false;
    }
  };

  // A slider moved on one chart: the same window on the other two, and the focus ring redrawn.
  const onDataZoom = (side: Side) => () => {
    if (syncing.current) return;
    const zooms = (charts.current[side]?.getOption() as { dataZoom?: DataZoomOption[] })?.dataZoom ?? [];
    const next: HeatmapWindow = { ...(windowRef.current ?? fitWindow(null, live.current.n, live.current.fit)) };
    for (const z of zooms) {
      if (z.startValue === undefined || z.endValue === undefined) continue;
      if (z.id === "y") next.y = [z.startValue, z.endValue];
      else next.x = [z.startValue, z.endValue];
    }
    moveWindow(next, side);
    drawFocus();
  };

  // The focus ring: a rectangle over the focused cell of the focused chart (empty cells too), none elsewhere.
  const drawFocus = () => {
    const { focus, n } = live.current;
    for (const s of SIDES) {
      const chart = charts.current[s];
      if (!chart) continue;
      if (!focus || focus.side !== s) {
        chart.setOption({ graphic: [{ id: "focus", type: "rect", invisible: true, shape: { x: 0, y: 0, width: 0, height: 0 } }] });
        continue;
      }
      const at = (x: number, y: number) => chart.convertToPixel({ seriesIndex: 0 }, [x, y]) as number[];
      const [cx, cy] = at(focus.cell.x, focus.cell.y) as [number, number];
      const [nx, ny] = at(focus.cell.x + (focus.cell.x + 1 < n ? 1 : -1), focus.cell.y + (focus.cell.y + 1 < n ? 1 : -1)) as [number, number];
      const [w, h] = n > 1 ? [Math.abs(nx - cx), Math.abs(ny - cy)] : [24, 24];
      chart.setOption({
        graphic: [
          {
            id: "focus",
            type: "rect",
            invisible: false,
            silent: true,
            z: 100,
            shape: { x: cx - w / 2, y: cy - h / 2, width: w, height: h },
            style: { fill: "none", stroke: "#000", lineWidth: 3 },
          },
        ],
      });
      // the cell's tooltip too, where the cell has lines (an empty cell is read out below the chart)
      chart.dispatchAction({ type: "showTip", x: cx, y: cy });
    }
  };
  useEffect(drawFocus);

  const onKeyDown = (side: Side) => (event: KeyboardEvent<HTMLDivElement>) => {
    const cell = focus?.side === side ? focus.cell : { x: windowRef.current?.x[0] ?? 0, y: windowRef.current?.y[0] ?? 0 };
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onOpenCell(side, cell);
      return;
    }
    const next = moveCell(cell, event.key, n, event.ctrlKey || event.metaKey);
    if (!next) return;
    event.preventDefault();
    moveWindow(fitWindow(windowRef.current, n, fit, next));
    setFocus({ side, cell: next });
  };

  const onClick = (side: Side) => (p: ChartClick) => {
    if (p.componentType === "xAxis" || p.componentType === "yAxis") return onLabel(String(p.value));
    const [x, y] = p.data as [number, number];
    onOpenCell(side, { x, y });
  };

  const spoken = (side: Side) =>
    focus?.side === side && focus.cell.x < n && focus.cell.y < n
      ? cellText(side, views, focus.cell, options.normalise, names, nameOf).join(". ")
      : "";

  return (
    <div className="heatmaps" ref={box} data-layout={sideBySide ? "side-by-side" : "stacked"}>
      <p id="heatmap-keys" className="visually-hidden">
        Arrow keys move between cells, Home and End to the ends of a row, Page Up and Page Down by ten rows; Enter lists the lines of the cell.
      </p>
      {SIDES.map((side) => (
        <figure key={side} className="heatmap" data-side={side}>
          <Chart
            option={chartOptions[side]}
            height={fit.height}
            label={side === "diff" ? `Difference B − A: ${names.b} minus ${names.a}` : `Confusion matrix of ${side.toUpperCase()}: ${names[side]}`}
            testId={`heatmap-${side}`}
            onClick={onClick(side)}
            onReady={(c) => {
              charts.current[side] = c;
              c.on("datazoom", onDataZoom(side));
              onReady(side, c);
            }}
            keyboard={{
              onKeyDown: onKeyDown(side),
              // a click focuses the chart too; the ring is for keyboard users
              onFocus: (event) =>
                event.currentTarget.matches(":focus-visible") &&
                setFocus((f) => (f?.side === side ? f : { side, cell: { x: windowRef.current?.x[0] ?? 0, y: windowRef.current?.y[0] ?? 0 } })),
              onBlur: () => setFocus((f) => (f?.side === side ? null : f)),
              describedBy: "heatmap-keys",
            }}
          />
          <p className="muted small heatmap-focus" aria-live="polite" data-testid={`heatmap-${side}-focus`}>
            {spoken(side)}
          </p>
          <figcaption>{figureCaption(side)}</figcaption>
        </figure>
      ))}
    </div>
  );
}
