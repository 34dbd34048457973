import { useEffect, useMemo, useState } from "react";
import { driftReport, readInHs2022, type ExtractProfile } from "../../workbench/evaluation/drift";
import type { HsEdition } from "../../workbench/hs/hs-version";
import { pct } from "../../workbench/text/format";
import type { TableInfo } from "./catalog.client";
import { duckErrorMessage } from "./duckdb.client";
import { profileOf } from "./drift-queries.client";
import { getHsReference, type HsReference } from "./hs-reference.client";
import { driftWorkbookSheets } from "./drift-workbook";
import { downloadWorkbook } from "./export.client";

const EDITION_NAMES: Record<HsEdition, string> = { HS2022: "HS 2022", HS2017: "HS 2017, read in HS 2022" };

/**
 * Two extracts side by side (e.g. two months): chapter mix, new codes, descriptions and confidence, in plain words first.
 * Each extract's declared codes are compared in the edition chosen here, else the one chosen on the Views tab for the
 * table it shows (`viewEdition`), else the one their codes read as.
 */
export function DriftPanel({ tables, viewEdition }: { tables: TableInfo[]; viewEdition?: { table: string; edition: HsEdition } | null }) {
  const [a, setA] = useState(tables[0]?.name ?? "");
  const [b, setB] = useState(tables[1]?.name ?? tables[0]?.name ?? "");
  const [editions, setEditions] = useState<Record<string, HsEdition>>(() => (viewEdition ? { [viewEdition.table]: viewEdition.edition } : {}));
  const [loaded, setLoaded] = useState<{ a: string; b: string; pa: ExtractProfile; pb: ExtractProfile; reference: HsReference } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ta = tables.find((t) => t.name === a);
    const tb = tables.find((t) => t.name === b);
    setLoaded(null);
    if (!ta || !tb || a === b) return;
    let stale = false;
    setError(null);
    Promise.all([profileOf(ta), profileOf(tb), getHsReference()])
      .then(([pa, pb, reference]) => !stale && setLoaded({ a, b, pa, pb, reference }))
      .catch((e) => !stale && setError(duckErrorMessage(e)));
    return () => {
      stale = true;
    };
  }, [a, b, tables]);

  // declared HS 2017 codes compared in HS 2022, as the Views tab reads them (a choice of edition costs no query)
  const read = useMemo(() => {
    if (!loaded || loaded.a !== a || loaded.b !== b) return null;
    const { nomenclature, crosswalk } = loaded.reference;
    const [pa, pb] = [
      readInHs2022(loaded.pa, nomenclature, crosswalk, editions[a] ?? null),
      readInHs2022(loaded.pb, nomenclature, crosswalk, editions[b] ?? null),
    ];
    return { pa, pb, report: driftReport(pa, pb, { a, b }) };
  }, [loaded, a, b, editions]);
  const report = read?.report ?? null;

  if (tables.length < 2) return <p className="notice">Load two extracts (for example two months) to see what changed between them.</p>;
  const pick = (value: string, set: (v: string) => void, label: string) => (
    <label className="inline-label">
      {label}{" "}
      <select value={value} onChange={(e) => set(e.target.value)} aria-label={`Drift: extract ${label}`}>
        {tables.map((t) => (
          <option key={t.name} value={t.name}>
            {t.name} ({t.rows.toLocaleString("en")} rows)
          </option>
        ))}
      </select>
    </label>
  );
  // where an extract has declared codes: the edition they are compared in, detected unless chosen
  const editionPick = (table: string, profile: ExtractProfile | undefined, label: string) => {
    const detected = profile?.edition?.detected;
    if (!detected) return null;
    return (
      <label className="inline-label">
        {label}&apos;s codes in{" "}
        <select
          value={editions[table] ?? "detected"}
          onChange={(e) =>
            setEditions(({ [table]: _, ...others }) => (e.target.value === "detected" ? others : { ...others, [table]: e.target.value as HsEdition }))
          }
          aria-label={`Drift: HS edition of ${label}'s declared codes`}
        >
          <option value="detected">{EDITION_NAMES[detected]} (detected)</option>
          {(["HS2022", "HS2017"] as const).map((e) => (
            <option key={e} value={e}>
              {EDITION_NAMES[e]}
            </option>
          ))}
        </select>
      </label>
    );
  };
  return (
    <div className="views">
      <div className="view-controls">
        {pick(a, setA, "A")}
        {pick(b, setB, "B")}
        {editionPick(a, read?.pa, "A")}
        {editionPick(b, read?.pb, "B")}
      </div>
      {a === b ? <p className="muted">Choose two different extracts.</p> : null}
      {error ? <pre className="sql-error">{error}</pre> : null}
      {report ? (
        <>
          <ul data-testid="drift-summary">
            {report.summary.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          <p>
            <button
              type="button"
              className="small secondary"
              onClick={() => void downloadWorkbook(`drift-${a}-to-${b}.xlsx`, driftWorkbookSheets(report, { a, b }, new Date()))}
            >
              Drift to Excel
            </button>{" "}
            <span className="muted small">every chapter and every new code, where the page shows the largest twelve</span>
          </p>
          <div className="chart-grid">
            {report.chapterPsi === null ? null : (
              <>
                <SharesCard
                  title="Chapter mix, largest moves"
                  first="Chapter"
                  testId="drift-chapters"
                  rows={report.chapterShifts.slice(0, 12).map((c) => ({ key: c.chapter, a: c.a, b: c.b }))}
                  names={{ a, b }}
                />
                <section className="card">
                  <h3>New codes in {b}</h3>
                  <table className="table compact" data-testid="drift-new-codes">
                    <thead>
                      <tr>
                        <th>Code</th>
                        <th>Lines</th>
                      </tr>
                    </thead>
                    <tbody>
                      {report.newCodes.slice(0, 12).map((c) => (
                        <tr key={c.code}>
                          <td>
                            <code>{c.code}</code>
                          </td>
                          <td className="num">{c.lines.toLocaleString("en")}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </section>
              </>
            )}
            <SharesCard
              title="Description length"
              first="Characters"
              testId="drift-length"
              rows={report.lengthBands.map((x) => ({ key: x.band, a: x.a, b: x.b }))}
              names={{ a, b }}
            />
            <SharesCard
              title="Model confidence"
              first="Top confidence"
              testId="drift-confidence"
              rows={report.confidenceBands.map((x) => ({ key: x.band, a: x.a, b: x.b }))}
              names={{ a, b }}
            />
            <SharesCard
              title={`Words used more in ${b}`}
              first="Word"
              testId="drift-words"
              rows={report.risingWords.map((w) => ({ key: w.word, a: w.a, b: w.b }))}
              names={{ a, b }}
            />
          </div>
        </>
      ) : a !== b ? (
        <p className="muted">Comparing…</p>
      ) : null}
    </div>
  );
}

/** Shares of A beside shares of B (of lines, or of words), one row a chapter, band or word; nothing without rows. */
function SharesCard({
  title,
  first,
  testId,
  rows,
  names,
}: {
  title: string;
  first: string;
  testId: string;
  rows: { key: string; a: number; b: number }[];
  names: { a: string; b: string };
}) {
  if (!rows.length) return null;
  return (
    <section className="card">
      <h3>{title}</h3>
      <table className="table compact" data-testid={testId}>
        <thead>
          <tr>
            <th>{first}</th>
            <th>{names.a}</th>
            <th>{names.b}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td>{row.key}</td>
              <td className="num">{pct(row.a)}</td>
              <td className="num">{pct(row.b)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
