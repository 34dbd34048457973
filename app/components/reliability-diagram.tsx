// A reliability diagram: per confidence bin, how often the top suggestion was right (bars) against the confidence it
// claimed (the diagonal). Drawn as plain SVG from numbers only, with the table as its text alternative.
import type { ReliabilityBin } from "../../workbench/evaluation/calibration";
import { pct } from "../../workbench/text/format";

export function ReliabilityDiagram({ title, ece, bins }: { title: string; ece: number; bins: ReliabilityBin[] }) {
  const size = 160;
  const w = size / bins.length;
  return (
    <figure className="reliability">
      <figcaption>
        <strong>{title}</strong>: calibration error {ece.toFixed(3)}
      </figcaption>
      <svg width={size + 30} height={size + 20} role="img" aria-label={`Reliability diagram of ${title}: calibration error ${ece.toFixed(3)}`}>
        <g transform="translate(25,5)">
          <rect x={0} y={0} width={size} height={size} fill="none" stroke="#d8dee6" />
          {bins.map((b, i) =>
            b.accuracy === null ? null : (
              <rect key={i} x={i * w + 1} y={size * (1 - b.accuracy)} width={w - 2} height={size * b.accuracy} fill="#0b5cad" opacity={0.75} />
            ),
          )}
          <line x1={0} y1={size} x2={size} y2={0} stroke="#a61b1b" strokeDasharray="4 3" />
          <text x={-4} y={8} fontSize={9} textAnchor="end">
            100%
          </text>
          <text x={-4} y={size} fontSize={9} textAnchor="end">
            0
          </text>
          <text x={size / 2} y={size + 13} fontSize={9} textAnchor="middle">
            confidence →
          </text>
        </g>
      </svg>
      <details>
        <summary>As a table</summary>
        <table className="table compact">
          <thead>
            <tr>
              <th>Confidence</th>
              <th>Lines</th>
              <th>Mean confidence</th>
              <th>Right</th>
            </tr>
          </thead>
          <tbody>
            {bins.map((b) => (
              <tr key={b.from}>
                <td>
                  {b.from.toFixed(1)}–{b.to.toFixed(1)}
                </td>
                <td className="num">{b.n}</td>
                <td className="num">{pct(b.confidence)}</td>
                <td className="num">{pct(b.accuracy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
