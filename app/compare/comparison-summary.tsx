// The numbers of a comparison, rendered on the server too (verdict, accuracy, per-chapter Δ with confidence
// intervals, most-confused pairs). Every header names which model is A and which is B.
import { Link } from "@remix-run/react";
import { pct } from "../../workbench/text/format";
import { useState } from "react";
import { formatP } from "../../workbench/evaluation/compare";
import type { Comparison } from "../../workbench/evaluation/compare";
import { formatModelRef } from "../../workbench/registry/model-ref";

const signedPoints = (x: number) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x * 100).toFixed(1)}`;
export const LEVEL_NAMES = { hs2: "Chapter (HS2)", hs4: "Heading (HS4)", hs6: "Subheading (HS6)" } as const;

export function ModelBadge({ side, model }: { side: "A" | "B"; model: { name: string; version: string } }) {
  return (
    <span className={`model-badge model-${side.toLowerCase()}`} data-side={side}>
      <strong>{side}</strong> {formatModelRef(model)}
    </span>
  );
}

/** A 95% interval on a −1…+1 axis with the estimate as a dot. */
function IntervalBar({ low, high, estimate }: { low: number; high: number; estimate: number }) {
  const x = (v: number) => `${50 + Math.max(-1, Math.min(1, v)) * 50}%`;
  const tone = low > 0 ? "better" : high < 0 ? "worse" : "same";
  return (
    <span
      role="img"
      className={`ci-bar ci-${tone}`}
      aria-label={`Δ ${signedPoints(estimate)} points, 95% CI ${signedPoints(low)} to ${signedPoints(high)}`}
    >
      <span className="ci-zero" />
      <span className="ci-range" style={{ left: x(low), width: `calc(${x(high)} - ${x(low)})` }} />
      <span className="ci-dot" style={{ left: x(estimate) }} />
    </span>
  );
}

export function ComparisonSummary({ comparison, chapterNames }: { comparison: Comparison; chapterNames: Record<string, string> }) {
  const { a, b, set, report, verdict } = comparison;
  const [sortChapters, setSortChapters] = useState<"code" | "delta" | "support">("code");
  const chapters = [...report.perChapter].sort((x, y) =>
    sortChapters === "delta"
      ? x.estimate - y.estimate || x.chapter.localeCompare(y.chapter)
      : sortChapters === "support"
        ? y.n - x.n
        : x.chapter.localeCompare(y.chapter),
  );
  return (
    <div className="compare-summary">
      <div className={`card verdict verdict-${verdict.better ?? "none"}`} data-testid="verdict">
        <h2>Verdict</h2>
        <p className="verdict-headline">{verdict.headline}</p>
        <ul>
          {verdict.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
        <p className="muted small">
          <ModelBadge side="A" model={a} /> vs <ModelBadge side="B" model={b} /> on <strong>{set.label}</strong> ({set.lines.toLocaleString("en")}{" "}
          lines
          {set.excluded ? `, ${set.excluded.toLocaleString("en")} excluded for an invalid code or no description` : ""}). Δ = B − A in HS6 top-1
          accuracy; 95% bootstrap interval over {report.delta.resamples} paired resamples (seed {report.delta.seed}); McNemar{" "}
          {report.mcnemar.method === "exact" ? "exact binomial" : "χ² with continuity correction"} {formatP(report.mcnemar.pValue)}. Models:{" "}
          <Link to={`/models/${a.name}/${a.version}`}>A card</Link>, <Link to={`/models/${b.name}/${b.version}`}>B card</Link>.
        </p>
        <p className="muted small" data-testid="set-description">
          {set.description}
        </p>
      </div>

      <h2>Accuracy</h2>
      <table className="table compact accuracy-table" data-testid="accuracy-table">
        <thead>
          <tr>
            <th>Level</th>
            {(["top1", "top3", "top5"] as const).flatMap((k) => [
              <th key={`a${k}`}>
                A {a.name}@{a.version} {k.replace("top", "top-")}
              </th>,
              <th key={`b${k}`}>
                B {b.name}@{b.version} {k.replace("top", "top-")}
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {(["hs2", "hs4", "hs6"] as const).map((level) => (
            <tr key={level}>
              <th>{LEVEL_NAMES[level]}</th>
              {(["top1", "top3", "top5"] as const).flatMap((k) => [
                <td key={`a${k}`}>{pct(report.a.metrics.accuracy[level][k])}</td>,
                <td key={`b${k}`}>{pct(report.b.metrics.accuracy[level][k])}</td>,
              ])}
            </tr>
          ))}
          <tr>
            <th>Mean leading digits correct (of 6)</th>
            <td colSpan={3}>A {report.a.metrics.meanLeadingDigits.toFixed(2)}</td>
            <td colSpan={3}>B {report.b.metrics.meanLeadingDigits.toFixed(2)}</td>
          </tr>
        </tbody>
      </table>

      <div className="two-columns wide-left">
        <div>
          <h2>Per-chapter HS6 accuracy, A vs B</h2>
          <p className="muted small">
            Each bar is the 95% interval of Δ = B − A for the lines of that true chapter (left of the line: B worse). Sort:{" "}
            {(["code", "delta", "support"] as const).map((s) => (
              <button key={s} type="button" className="small secondary" aria-pressed={sortChapters === s} onClick={() => setSortChapters(s)}>
                {s === "delta" ? "Δ" : s}
              </button>
            ))}
          </p>
          <div className="scroll-box" tabIndex={0} role="region" aria-label="Accuracy by chapter (scrolls)">
            <table className="table compact" data-testid="per-chapter">
              <thead>
                <tr>
                  <th>Chapter</th>
                  <th>Lines</th>
                  <th>A {formatModelRef(a)}</th>
                  <th>B {formatModelRef(b)}</th>
                  <th>Δ B − A (points)</th>
                  <th>95% CI</th>
                </tr>
              </thead>
              <tbody>
                {chapters.map((c) => (
                  <tr key={c.chapter} className={c.low > 0 ? "row-better" : c.high < 0 ? "row-worse" : undefined}>
                    <td>
                      {c.chapter}{" "}
                      <span className="muted small clip narrow" title={chapterNames[c.chapter]}>
                        {chapterNames[c.chapter]}
                      </span>
                    </td>
                    <td>{c.n.toLocaleString("en")}</td>
                    <td>{pct(c.a)}</td>
                    <td>{pct(c.b)}</td>
                    <td>{signedPoints(c.estimate)}</td>
                    <td>
                      <IntervalBar low={c.low} high={c.high} estimate={c.estimate} />
                      <div className="small nowrap">
                        {signedPoints(c.low)} to {signedPoints(c.high)}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <div>
          <h2>Most-confused chapter pairs</h2>
          {(["a", "b"] as const).map((side) => (
            <div key={side}>
              <h3>
                <ModelBadge side={side === "a" ? "A" : "B"} model={side === "a" ? a : b} />
              </h3>
              <table className="table compact" data-testid={`confused-${side}`}>
                <thead>
                  <tr>
                    <th>True chapter</th>
                    <th>Predicted as</th>
                    <th>Lines</th>
                    <th>Share of true</th>
                  </tr>
                </thead>
                <tbody>
                  {report[side].confusedPairs.slice(0, 8).map((p) => (
                    <tr key={`${p.truth}-${p.predicted}`}>
                      <td>
                        {p.truth}{" "}
                        <span className="muted small clip" title={p.truthName}>
                          {p.truthName}
                        </span>
                      </td>
                      <td>
                        {p.predicted}{" "}
                        <span className="muted small clip" title={p.predictedName}>
                          {p.predictedName}
                        </span>
                      </td>
                      <td>{p.count.toLocaleString("en")}</td>
                      <td>{pct(p.shareOfTruth)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
