import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import { chartTable } from "./chart-data";
import { echarts } from "./echarts.client";

export type ChartOption = echarts.EChartsCoreOption;
export type ChartInstance = echarts.ECharts;

export interface ChartClick {
  componentType: string;
  name: string;
  data: unknown;
  dataIndex: number;
  /** axis label clicks (axis `triggerEvent: true`) */
  value?: string | number;
}

/** A chart as a PNG data URL with a white background (for downloads and the HTML report). */
export const chartPng = (chart: ChartInstance) => chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });

/** One ECharts chart, rendered on the client; `onClick` receives the clicked item (or axis label). */
export function Chart({
  option,
  height = 320,
  onClick,
  onReady,
  label,
  testId,
  keyboard,
}: {
  option: ChartOption;
  height?: number;
  onClick?: (params: ChartClick) => void;
  onReady?: (chart: ChartInstance) => void;
  label: string;
  testId?: string;
  /** makes the chart a keyboard stop: keys go to `onKeyDown`, `describedBy` names the element that tells how */
  keyboard?: {
    onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
    onFocus?: (event: FocusEvent<HTMLDivElement>) => void;
    onBlur?: () => void;
    describedBy: string;
  };
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const instance = echarts.init(ref.current!, undefined, { renderer: "canvas" });
    chart.current = instance;
    // Lets end-to-end tests find the pixel of a data item (a canvas has no DOM per bar).
    (ref.current as HTMLDivElement & { __echarts?: echarts.ECharts }).__echarts = instance;
    instance.on("click", (p) => clickRef.current?.(p as never));
    onReady?.(instance);
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(ref.current!);
    return () => {
      resize.disconnect();
      // zrender paints large charts (heatmaps) over several animation frames and its pending frame would touch the
      // disposed painter ("reading 'layerStack'"); a synchronous repaint of the cleared chart retires that frame.
      instance.clear();
      instance.getZr().refreshImmediately();
      instance.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the instance lives as long as the element
  }, []);

  useEffect(() => {
    // a person who asked their system for less motion gets each chart drawn at once, without ECharts' transitions
    const still = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    chart.current?.setOption(still ? { ...option, animation: false } : option, { notMerge: true });
  }, [option]);

  return (
    <div className="chart-wrap">
      {keyboard ? (
        // A canvas has no elements to focus: the chart itself takes the keys ("application" hands them to the page;
        // the axe scan in tests/e2e/accessibility.spec.ts accepts it).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
        <div
          ref={ref}
          role="application"
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
          aria-label={label}
          aria-describedby={keyboard.describedBy}
          className="chart"
          data-testid={testId}
          style={{ height }}
          onKeyDown={keyboard.onKeyDown}
          onFocus={keyboard.onFocus}
          onBlur={keyboard.onBlur}
        />
      ) : (
        <div ref={ref} role="img" aria-label={label} className="chart" data-testid={testId} style={{ height }} />
      )}
      <ChartData option={option} label={label} />
    </div>
  );
}

/** The chart's data as a table, built only when asked for (a heatmap has thousands of cells). */
function ChartData({ option, label }: { option: ChartOption; label: string }) {
  const [open, setOpen] = useState(false);
  const table = open ? chartTable(option as Record<string, unknown>) : null;
  return (
    <details className="chart-data" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary className="small">Data of “{label}” as a table</summary>
      {open ? (
        table ? (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={`Data of ${label}`}>
            <table className="table compact">
              <thead>
                <tr>
                  {table.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((v, j) => (
                      <td key={j} className={typeof v === "number" ? "num" : undefined}>
                        {typeof v === "number" ? v.toLocaleString("en") : v}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted small">This chart has no data to list.</p>
        )
      ) : null}
    </details>
  );
}
