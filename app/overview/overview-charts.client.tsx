// Overview charts: accuracy by HS section (click a section for its chapters, a chapter to open it in Compare) and
// accuracy over successive versions.
import { Link, useNavigate } from "@remix-run/react";
import { useMemo, useState } from "react";
import { Chart, type ChartOption } from "~/components/chart.client";
import { safeHtml } from "../../workbench/text/format";
import { modelNameRows, modelRuns, versionPoints, type VersionPoint } from "./version-points";
import { modelNameOf } from "../../workbench/registry/model-ref";

interface Section {
  id: string;
  name: string;
  chapters: string[];
  support: number;
  top1: number | null;
  top1Hs2: number | null;
}
interface Chapter {
  chapter: string;
  name: string;
  section: string;
  support: number;
  top1: number;
  top1Hs2: number;
}

const percent = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

export function AccuracyBySection({
  sections,
  chapters,
  compareHref,
}: {
  sections: Section[];
  chapters: Chapter[];
  compareHref: (chapter: string) => string | null;
}) {
  const navigate = useNavigate();
  const [section, setSection] = useState<Section | null>(null);
  const shown = section ? chapters.filter((c) => c.section === section.id) : null;
  const option = useMemo((): ChartOption => {
    const items = shown
      ? shown.map((c) => ({ key: c.chapter, label: c.chapter, name: c.name, support: c.support, top1: c.top1, top1Hs2: c.top1Hs2 }))
      : sections
          .filter((s) => s.support > 0)
          .map((s) => ({ key: s.id, label: s.id, name: s.name, support: s.support, top1: s.top1, top1Hs2: s.top1Hs2 }));
    return {
      animation: false,
      tooltip: {
        trigger: "axis",
        formatter: (params: { dataIndex: number }[]) => {
          const item = items[params[0]!.dataIndex]!;
          return safeHtml`<b>${section ? "Chapter" : "Section"} ${item.label}</b> ${item.name.slice(0, 70)}<br/>HS6 top-1: ${percent(item.top1)}%<br/>Chapter top-1: ${percent(item.top1Hs2)}%<br/>${item.support} lines`;
        },
      },
      legend: { top: 0 },
      grid: { left: 40, right: 10, top: 30, bottom: 40 },
      xAxis: { type: "category", data: items.map((i) => i.label), axisLabel: { interval: 0, fontSize: 10 } },
      yAxis: { type: "value", max: 100, name: "%" },
      series: [
        { name: "Chapter (HS2) top-1", type: "bar", data: items.map((i) => percent(i.top1Hs2)) },
        { name: "Subheading (HS6) top-1", type: "bar", data: items.map((i) => percent(i.top1)) },
      ],
    };
  }, [sections, shown, section]);
  return (
    <div>
      <p className="muted small">
        {section ? (
          <>
            Section {section.id} — {section.name.slice(0, 90)}. Click a chapter to open it in Compare.{" "}
            <button type="button" className="small secondary" onClick={() => setSection(null)}>
              All sections
            </button>
          </>
        ) : (
          "By HS section (weighted by lines). Click a section for its chapters."
        )}
      </p>
      <Chart
        option={option}
        height={300}
        label={section ? `Accuracy by chapter in section ${section.id}` : "Accuracy by HS section"}
        testId="accuracy-by-section"
        onClick={(p) => {
          if (!section) {
            const s = sections.filter((x) => x.support > 0)[p.dataIndex];
            if (s) setSection(s);
          } else {
            const href = compareHref(shown![p.dataIndex]!.chapter);
            if (href) navigate(href);
          }
        }}
      />
    </div>
  );
}

export function AccuracyOverVersions({ versions }: { versions: VersionPoint[] }) {
  const option = useMemo((): ChartOption => {
    const points = versionPoints(versions);
    // A value is shown only at production and where each line first reaches its best (labels that would overlap are
    // not drawn); the tooltip has them all. Sixty versions' full names turned under the axis ran into one smear: the
    // axis says each version's number (the first and last of each model, production, and as many between as fit) and,
    // on a second row, each model's name once.
    const groups = modelRuns(points);
    // about 12 px a turned label: every k-th version inside a long run
    const every = Math.max(1, Math.ceil((points.length * 12) / 560));
    const numbered = (i: number) => {
      const p = points[i];
      if (!p) return false;
      const g = groups.find((x) => i >= x.start && i <= x.end)!;
      // the last of a run only when it does not sit on the label before it
      return i === g.start || p.status === "production" || (i === g.end ? i - g.start >= every : (i - g.start) % every === 0 && g.end - i >= every);
    };
    // each model's name under the middle of its run, level, a row lower where it would run into the one before it
    const nameRows = modelNameRows(points, groups, 560);
    const line = (name: string, level: "hs2" | "hs6", real: boolean) => {
      const values = points.map((p) => (p && p.real === real ? percent(p[level]) : null));
      const best = values.indexOf(Math.max(...values.map((v) => v ?? -1)));
      return {
        name: real ? name : `${name}, model card (synthetic)`,
        type: "line",
        // every version its point, numbered on the axis or not; a card's figures are points, never joined (a line
        // series drawn without its line: no scatter chart is bundled)
        showAllSymbol: true,
        ...(real ? {} : { symbol: "diamond", symbolSize: 9, lineStyle: { opacity: 0 } }),
        data: values.map((value, i) => ({
          value,
          label: { show: real && value !== null && (i === best || points[i]!.status === "production"), formatter: "{c}%" },
        })),
        labelLayout: { hideOverlap: true },
      };
    };
    const synthetic = versions.some((v) => !v.real);
    return {
      animation: false,
      tooltip: {
        trigger: "axis",
        formatter: (params: { dataIndex: number; marker: string; seriesName: string; value: number | null }[]) => {
          const p = points[params[0]!.dataIndex];
          if (!p) return "";
          const figures = params.filter((x) => x.value !== null && x.value !== undefined);
          // marker is ECharts' own coloured dot (HTML it writes); every name and value from data is escaped
          return [safeHtml`<b>${p.ref}</b>${p.status === "production" ? " ★ production" : ""}`]
            .concat(figures.map((x) => `${x.marker}${safeHtml`${x.seriesName}: ${x.value}%`}`))
            .join("<br/>");
        },
      },
      legend: { top: 0 },
      // a card's points in their level's colour (ECharts' first two), told apart by their shape
      color: ["#5470c6", "#91cc75", "#5470c6", "#91cc75"],
      grid: { left: 40, right: 10, top: synthetic ? 64 : 30, bottom: 150 },
      xAxis: [
        {
          type: "category",
          // full names: the chart's table and the tooltip read them
          data: points.map((v) => (v ? `${v.ref}${v.status === "production" ? " ★" : ""}${v.real ? "" : " ◇"}` : "")),
          axisLabel: {
            fontSize: 10,
            rotate: 90,
            interval: (i: number) => numbered(i),
            formatter: (label: string) => label.slice(label.lastIndexOf("@") + 1),
          },
          axisTick: { interval: (i: number) => numbered(i) },
        },
        {
          type: "category",
          position: "bottom",
          offset: 52,
          data: points.map((v) => (v ? modelNameOf(v.ref) : "")),
          axisLine: { show: false },
          axisTick: { show: false },
          axisLabel: {
            fontSize: 10,
            lineHeight: 14,
            fontWeight: "bold",
            interval: (i: number) => nameRows.has(i),
            formatter: (name: string, i: number) => "\n".repeat(nameRows.get(i) ?? 0) + name,
          },
        },
      ],
      yAxis: { type: "value", max: 100, name: "%" },
      series: [
        line("Chapter (HS2) top-1", "hs2", true),
        line("Subheading (HS6) top-1", "hs6", true),
        ...(synthetic ? [line("Chapter (HS2) top-1", "hs2", false), line("Subheading (HS6) top-1", "hs6", false)] : []),
      ],
    };
  }, [versions]);
  return <Chart option={option} height={400} label="Accuracy over successive versions" testId="accuracy-over-versions" />;
}

export function OverviewCharts(props: {
  sections: Section[];
  chapters: Chapter[];
  versions: VersionPoint[];
  challenger: string | null;
  production: string;
  /** the evaluation set the chapter figures come from: Compare opens on it */
  set: string;
  /** its name, said above the chart */
  setLabel: string;
}) {
  const compareHref = (chapter: string) =>
    props.challenger ? `/compare?${new URLSearchParams({ a: props.production, b: props.challenger, set: props.set, chapter })}` : null;
  return (
    <div className="two-columns">
      <div>
        <h2>Accuracy by section and chapter</h2>
        <p className="muted small" data-testid="sections-set">
          Production model on <Link to={`/compare?${new URLSearchParams({ set: props.set })}`}>{props.setLabel}</Link>.
        </p>
        <AccuracyBySection sections={props.sections} chapters={props.chapters} compareHref={compareHref} />
      </div>
      <div>
        <h2>Accuracy over versions</h2>
        <p className="muted small">
          {props.versions.every((v) => v.real)
            ? "US customs rulings (real text, never trained on) for every version"
            : "US customs rulings (real text) where computed, else the synthetic held-out set of the model card (◇, points not joined to the real figures)"}
          , each model's versions in the order they were registered; ★ marks production.
        </p>
        <AccuracyOverVersions versions={props.versions} />
      </div>
    </div>
  );
}
