import { BarChart, LineChart, PieChart } from "echarts/charts";
import { DataZoomComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, TitleComponent, LegendComponent, DataZoomComponent, VisualMapComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** One ECharts chart, rendered on the client; `onClick` receives the clicked item's name and data. */
export function Chart({
  option,
  height = 320,
  onClick,
  label,
}: {
  option: ChartOption;
  height?: number;
  onClick?: (params: { name: string; data: unknown; dataIndex: number }) => void;
  label: string;
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
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(ref.current!);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} className="chart" style={{ height }} />;
}
