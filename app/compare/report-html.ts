// A self-contained HTML report of a comparison (no scripts, no external files: charts are embedded PNGs), for
// managers to keep, mail or print.
import { formatP } from "../../workbench/evaluation/compare";
import type { Comparison } from "../../workbench/evaluation/compare";

import { escapeHtml, pct } from "../../workbench/text/format";
import { formatModelRef } from "../../workbench/registry/model-ref";
const pts = (x: number) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x * 100).toFixed(1)}`;

export function comparisonReportHtml(
  comparison: Comparison,
  chapterNames: Record<string, string>,
  images: { title: string; src: string; settings?: string | null }[],
  at: Date,
): string {
  const { a, b, set, report, verdict } = comparison;
  const A = escapeHtml(formatModelRef(a));
  const B = escapeHtml(formatModelRef(b));
  const rows = (cells: (string | number)[][]) =>
    cells.map((r) => `<tr>${r.map((c) => `<td>${typeof c === "number" ? c.toLocaleString("en") : c}</td>`).join("")}</tr>`).join("\n");
  const levels = (["hs2", "hs4", "hs6"] as const).map((l) => [
    l.toUpperCase(),
    ...(["top1", "top3", "top5"] as const).flatMap((k) => [pct(report.a.metrics.accuracy[l][k]), pct(report.b.metrics.accuracy[l][k])]),
  ]);
  const chapters = report.perChapter.map((c) => [
    c.chapter,
    escapeHtml(chapterNames[c.chapter] ?? ""),
    c.n,
    pct(c.a),
    pct(c.b),
    pts(c.estimate),
    `${pts(c.low)} to ${pts(c.high)}${c.low > 0 ? " (B better)" : c.high < 0 ? " (B worse)" : ""}`,
  ]);
  const pairs = (side: "a" | "b") =>
    rows(
      report[side].confusedPairs
        .slice(0, 10)
        .map((p) => [`${p.truth} ${escapeHtml(p.truthName)}`, `${p.predicted} ${escapeHtml(p.predictedName)}`, p.count, pct(p.shareOfTruth)]),
    );
  const at95 = (side: "a" | "b") => {
    const q = report[side].at95;
    return q ? `${pct(q.share)} of lines at confidence ≥ ${q.threshold.toFixed(2)}` : "none shown to be 95% accurate on these lines";
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Comparison: A ${A} vs B ${B} — ${escapeHtml(set.label)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; color: #1d2733; max-width: 1100px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d5dde6; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin: 0.5rem 0; }
th, td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid #e3e8ef; }
th { background: #eef2f6; }
.verdict { background: #f3f7fb; border: 1px solid #c9d6e3; padding: 0.75rem 1rem; border-radius: 6px; }
.verdict p { font-size: 1.05rem; font-weight: 600; margin: 0 0 0.5rem; }
img { max-width: 100%; border: 1px solid #e3e8ef; }
.muted { color: #5a6b7d; font-size: 0.85rem; }
@media print { h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
</style>
</head>
<body>
<h1>Model comparison: A ${A} vs B ${B}</h1>
<p class="muted">Evaluation set: ${escapeHtml(set.label)} — ${escapeHtml(set.description)} ${set.lines.toLocaleString("en")} lines${set.excluded ? `, ${set.excluded.toLocaleString("en")} excluded for an invalid code or no description` : ""}; set sha256 ${set.hash.slice(0, 16)}…<br>
A = ${A} (sha256 ${a.sha256.slice(0, 16)}…, ${a.status}); B = ${B} (sha256 ${b.sha256.slice(0, 16)}…, ${b.status}). Generated ${escapeHtml(at.toISOString())} by the HS Model Workbench.</p>
<div class="verdict"><p>${escapeHtml(verdict.headline)}</p><ul>${verdict.details.map((d) => `<li>${escapeHtml(d)}</li>`).join("")}</ul>
<span class="muted">Δ = B − A in HS6 top-1 accuracy; 95% paired bootstrap interval (${report.delta.resamples} resamples, seed ${report.delta.seed}); McNemar ${report.mcnemar.method} ${formatP(report.mcnemar.pValue)}.</span></div>
<h2>Accuracy</h2>
<table><thead><tr><th>Level</th><th>A top-1</th><th>B top-1</th><th>A top-3</th><th>B top-3</th><th>A top-5</th><th>B top-5</th></tr></thead><tbody>
${rows(levels)}
</tbody></table>
<p>Mean leading digits correct (of 6): A ${report.a.metrics.meanLeadingDigits.toFixed(2)}, B ${report.b.metrics.meanLeadingDigits.toFixed(2)}.
Auto-acceptable with HS6 accuracy shown to be at least 95% (the lower end of its 95% interval): A ${at95("a")}; B ${at95("b")}.</p>
${images
  .map(
    (i) =>
      `<figure>${i.settings ? `<p class="muted">${escapeHtml(i.settings)}</p>` : ""}<img alt="${escapeHtml(i.title)}" src="${i.src}"><figcaption class="muted">${escapeHtml(i.title)}</figcaption></figure>`,
  )
  .join("\n")}
<h2>Per-chapter HS6 accuracy (A ${A}, B ${B})</h2>
<table><thead><tr><th>Chapter</th><th>Name</th><th>Lines</th><th>A</th><th>B</th><th>Δ B − A (points)</th><th>95% CI</th></tr></thead><tbody>
${rows(chapters)}
</tbody></table>
<h2>Most-confused chapter pairs of A ${A}</h2>
<table><thead><tr><th>True</th><th>Predicted</th><th>Lines</th><th>Share of true</th></tr></thead><tbody>${pairs("a")}</tbody></table>
<h2>Most-confused chapter pairs of B ${B}</h2>
<table><thead><tr><th>True</th><th>Predicted</th><th>Lines</th><th>Share of true</th></tr></thead><tbody>${pairs("b")}</tbody></table>
</body>
</html>
`;
}
