import { Link } from "@remix-run/react";
import { LEVEL_NAMES } from "~/compare/comparison-summary";
import { pct } from "../../workbench/text/format";

type Accuracy = Partial<Record<string, Partial<Record<string, number>>>>;

/** One version's accuracy by level (chapter, heading, subheading) at top-1/3/5; each figure a link where `linkTo` says. */
export function AccuracyTable({ accuracy, linkTo, testId }: { accuracy: Accuracy; linkTo?: string; testId?: string }) {
  return (
    <table className="table compact" data-testid={testId}>
      <thead>
        <tr>
          <th>Level</th>
          <th>Top-1</th>
          <th>Top-3</th>
          <th>Top-5</th>
        </tr>
      </thead>
      <tbody>
        {(["hs2", "hs4", "hs6"] as const).map((level) => (
          <tr key={level}>
            <th>{LEVEL_NAMES[level]}</th>
            {(["top1", "top3", "top5"] as const).map((k) => (
              <td key={k}>{linkTo ? <Link to={linkTo}>{pct(accuracy[level]?.[k])}</Link> : pct(accuracy[level]?.[k])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
