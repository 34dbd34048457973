// A self-contained HTML report of the Overview for managers (no scripts, no external files; bars are plain CSS), to
// keep, mail or print.
import { HEADLINE_SET, SYNTHETIC_HEADLINE_SET, type overviewData } from "./overview.server";

type Overview = Awaited<ReturnType<typeof overviewData>>;

import { escapeHtml, hs6Top1Text, pct, proportionText, realSetFiguresText, shareText } from "../../workbench/text/format";
import { coverageCounts, type MeasuredCoverage } from "../../workbench/evaluation/metrics";
import { SHIPPED_SETS } from "../../workbench/evaluation/evaluation-sets";
/** One row per threshold: the share auto-accepted and the HS 6 accuracy among those lines, with their counts. */
const autoAcceptRows = (measured: MeasuredCoverage) =>
  measured.coverage.map((c) => {
    const { accepted, right } = coverageCounts(c, measured.n);
    return [c.threshold.toFixed(2), shareText(accepted, measured.n), proportionText(right, accepted)];
  });
const bar = (x: number | null) => (x === null ? "" : `<span class="bar" style="width:${Math.round(x * 100)}%"></span>`);

export function overviewReportHtml(data: Overview, at: Date): string {
  const p = data.production;
  const rows = (cells: string[][]) => cells.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n");
  const accuracy = data.headline
    ? rows(
        (["hs2", "hs4", "hs6"] as const).map((l) => [
          l.toUpperCase(),
          ...(["top1", "top3", "top5"] as const).map((k) => pct(data.headline!.accuracy[l]?.[k])),
        ]),
      )
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>HS Model Workbench — overview ${escapeHtml(at.toISOString().slice(0, 10))}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; color: #1d2733; max-width: 1000px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 1.75rem; border-bottom: 1px solid #d5dde6; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin: 0.5rem 0; }
th, td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid #e3e8ef; vertical-align: top; }
th { background: #eef2f6; }
.bar { display: inline-block; height: 0.6rem; background: #2171b5; vertical-align: middle; }
.cell-bar { width: 30%; }
.muted { color: #5a6b7d; font-size: 0.85rem; }
@media print { h2 { break-after: avoid; } table { break-inside: auto; } tr { break-inside: avoid; } }
</style>
</head>
<body>
<h1>HS classification — overview</h1>
<p class="muted">Generated ${escapeHtml(at.toISOString())} by the HS Model Workbench. Figures are measured on real text (US customs rulings, marketplace listings: evaluation only, never trained on) once computed; until then on the model card's generated sets, labelled as such.</p>
<h2>In production</h2>
${
  p
    ? `<p><strong>${escapeHtml(p.ref)}</strong> since ${escapeHtml(p.since)} — ${
        p.how === "promotion"
          ? `promotion request #${p.requestId} of ${escapeHtml(p.requestedBy ?? "")}, approved by ${escapeHtml(p.approvedBy ?? "")}`
          : p.how === "rollback"
            ? "restored by a rollback"
            : "the seeded demo state"
      }. Artifact sha256 <code>${p.sha256}</code>.</p>`
    : "<p>No version is in production.</p>"
}
${
  data.headline
    ? `<h2>Accuracy (${escapeHtml(data.headline.label)}, ${data.headline.n.toLocaleString("en")} lines${data.headline.origin === "real" ? "" : "; generated text, not real declarations"})</h2>
<table><thead><tr><th>Level</th><th>Top-1</th><th>Top-3</th><th>Top-5</th></tr></thead><tbody>${accuracy}</tbody></table>
<p>HS6 top-1 ${hs6Top1Text(data.headline)}. Mean leading digits correct: ${data.headline.meanLeadingDigits.toFixed(2)} of 6.</p>
${data.headline.otherReal.map((o) => `<p>On ${escapeHtml(o.label)} (${o.n.toLocaleString("en")} lines): ${realSetFiguresText(o)}.</p>`).join("\n")}`
    : ""
}
${
  data.declarations
    ? `<h2>Auto-acceptance (${escapeHtml(data.declarations.label)})</h2>
<p class="muted">${escapeHtml(data.declarations.description)} (${data.declarations.n.toLocaleString("en")} lines).</p>
<table><thead><tr><th>Confidence ≥</th><th>Share auto-accepted</th><th>HS6 accuracy among them</th></tr></thead><tbody>
${rows(autoAcceptRows(data.declarations))}
</tbody></table>${
        data.declarations.origin === "real" && data.challenger && data.challengerAutoAccept
          ? `
<p>The strongest candidate, <strong>${escapeHtml(data.challenger)}</strong>, on the same lines (what a promotion would change):</p>
<table><thead><tr><th>Confidence ≥</th><th>Share auto-accepted</th><th>HS6 accuracy among them</th></tr></thead><tbody>
${rows(autoAcceptRows(data.challengerAutoAccept))}
</tbody></table>`
          : ""
      }`
    : ""
}
<h2>Accuracy by HS section</h2>
<table><thead><tr><th>Section</th><th>Lines</th><th>Chapter top-1</th><th class="cell-bar"></th><th>HS6 top-1</th><th class="cell-bar"></th></tr></thead><tbody>
${rows(data.sections.filter((s) => s.support > 0).map((s) => [`${s.id} ${escapeHtml(s.name.slice(0, 70))}`, s.support.toLocaleString("en"), pct(s.top1Hs2), bar(s.top1Hs2), pct(s.top1), bar(s.top1)]))}
</tbody></table>
<h2>Versions</h2>
<table><thead><tr><th>Version</th><th>Status</th><th>Registered</th><th>Chapter top-1</th><th>HS6 top-1</th><th>Measured on</th></tr></thead><tbody>
${rows(data.versions.map((v) => [escapeHtml(v.ref), v.status, v.registeredAt.slice(0, 10), pct(v.hs2), pct(v.hs6), v.real ? SHIPPED_SETS[HEADLINE_SET].label : `${SHIPPED_SETS[SYNTHETIC_HEADLINE_SET].label}, the model card's (real text being measured)`]))}
</tbody></table>
<h2>Open promotion requests</h2>
${data.open.length ? `<ul>${data.open.map((r) => `<li>#${r.id} ${escapeHtml(r.from ?? "—")} → ${escapeHtml(r.to)}, requested by ${escapeHtml(r.requestedBy)} on ${r.requestedAt.slice(0, 10)}; ${r.gatesPassed ? "all gates passed" : "gates failed"}</li>`).join("")}</ul>` : "<p>None.</p>"}
</body>
</html>
`;
}
