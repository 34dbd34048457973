import { useEffect, useState } from "react";
import { WEIGHED_WORDS, type TokenWeight } from "../../models/hs-classifier/classifier";
import { getHsReference, type HsReference } from "../explore/hs-reference.client";
import { browserTf, loadBrowserModel } from "./browser-model.client";
import { needsPerson } from "../../workbench/evaluation/needs-person";
import {
  abbreviationsText,
  devicesText,
  DICTIONARY_NOTE,
  explainedBy,
  nomenclatureTexts,
  readingsAt,
  translatedWordsText,
  typosText,
  type Explanation,
} from "./evidence";
import { CLASSIFY_EXAMPLES, CLASSIFY_MODEL } from "../presenter/story";
import { NOTHING_TO_CLASSIFY } from "../../workbench/evaluation/predictor";
import { coverageCounts, type MeasuredCoverage } from "../../workbench/evaluation/metrics";
import { countsWithInterval, pct } from "../../workbench/text/format";
import { BROWSER_LINES, LIMITS } from "./limits";
import { classifyWorkbookSheets } from "./classify-workbook";
import { downloadWorkbook } from "../explore/export.client";
import { VersionOptions } from "~/components/version-options";

export interface VersionOption {
  ref: string;
  label: string;
  /** a remote version is asked through the server's /api/classify; every other one runs in the browser */
  runs: "browser" | "server";
  /** how sure it was, and how often right, on both real sets at each threshold; null until measured there */
  realText: MeasuredCoverage | null;
}

interface Result extends Explanation {
  description: string;
  candidates: { code: string; probability: number }[];
  /** null: the model (a remote endpoint) gives no explanation */
  explanation: TokenWeight[] | null;
}

/** Below the threshold a suggestion needs a person; the choices match the coverage tables of Compare and the cards. */
const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

const EXAMPLES = CLASSIFY_EXAMPLES.map((e) => e.text);

export default function ClassifyPanel({
  versions,
  defaultRef,
  initialText,
}: {
  versions: VersionOption[];
  defaultRef: string;
  initialText?: string | null;
}) {
  const [ref, setRef] = useState(defaultRef);
  const [text, setText] = useState(initialText || EXAMPLES.slice(0, 3).join("\n"));
  const [results, setResults] = useState<{ by: string; lines: Result[] } | null>(null);
  const [status, setStatus] = useState<string>("");
  const [busy, setBusy] = useState(false);
  const [reference, setReference] = useState<HsReference | null>(null);
  const [threshold, setThreshold] = useState(0.8);

  useEffect(() => {
    getHsReference()
      .then(setReference)
      .catch((e) => setStatus(`Could not load the nomenclature: ${(e as Error).message}`));
    browserTf().catch(() => undefined);
  }, []);

  const run = async () => {
    const lines = text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    if (!lines.length) return setStatus("Type or paste at least one description, one per line.");
    const onServer = versions.find((v) => v.ref === ref)?.runs === "server";
    // a page of results to read, not a file to process: beyond the limit the page says what it left out and where to go
    const limit = onServer ? LIMITS.descriptions : BROWSER_LINES;
    const descriptions = lines.slice(0, limit);
    const cut =
      lines.length > limit
        ? ` Only the first ${limit} of ${lines.length} lines: at most ${limit} at a time here — Explore's batch prediction and the CLI's predict take whole files.`
        : "";
    setBusy(true);
    setStatus(`Loading ${ref}…`);
    if (onServer) {
      await runOnServer(descriptions, cut);
      return setBusy(false);
    }
    try {
      const loaded = await loadBrowserModel(ref);
      const tf = await browserTf();
      const started = performance.now();
      const explained = await loaded.classifier.explain(descriptions, 5);
      const { candidates, explanations, evidence } = explained;
      const textsOf = (code: string) => (reference ? nomenclatureTexts(reference.nomenclature, code) : []);
      setResults({
        by: `${loaded.name}@${loaded.version}`,
        lines: descriptions.map((description, i) => ({
          description,
          candidates: candidates[i]!,
          explanation: explanations[i]!,
          ...explainedBy(description, candidates[i]![0]?.code, evidence?.[i] ?? null, textsOf, readingsAt(explained, i)),
        })),
      });
      const { architecture } = loaded.classifier;
      const engine =
        architecture === "retrieval"
          ? "retrieval in JavaScript"
          : `${architecture === "combined" ? "retrieval in JavaScript and " : ""}TensorFlow.js, ${tf.getBackend()}`;
      setStatus(
        `${descriptions.length} description(s) classified by ${loaded.name}@${loaded.version} in ${(performance.now() - started).toFixed(0)} ms ` +
          `with word explanations, in your browser (${engine}).${cut}`,
      );
    } catch (e) {
      setStatus(`Classification failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  /** A remote version: the server asks its endpoint (at most the API's limit of lines per request). */
  const runOnServer = async (descriptions: string[], cut: string) => {
    setStatus(`Asking ${ref}'s endpoint…`);
    const started = performance.now();
    try {
      const response = await fetch("/api/classify", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ descriptions, topK: 5, model: ref }),
      });
      const body = (await response.json()) as { error?: string; results?: Result[] };
      if (!response.ok || !body.results) return setStatus(`Classification failed: ${body.error ?? `HTTP ${response.status}`}`);
      setResults({ by: ref, lines: body.results });
      setStatus(
        `${body.results.length} description(s) classified by ${ref} in ${(performance.now() - started).toFixed(0)} ms on its endpoint, through the server (no word explanations from an endpoint).${cut}`,
      );
    } catch (e) {
      setStatus(`Classification failed: ${(e as Error).message}`);
    }
  };

  return (
    <div className="classify">
      <div className="classify-form">
        <label>
          Goods descriptions, one per line
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={6} aria-label="Goods descriptions" />
        </label>
        <div className="classify-controls">
          <label>
            Model{" "}
            <select value={ref} onChange={(e) => setRef(e.target.value)} aria-label="Model version">
              <VersionOptions versions={versions} />
            </select>
          </label>
          <label>
            Accept without a person from{" "}
            <select value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} aria-label="Confidence threshold">
              {THRESHOLDS.map((t) => (
                <option key={t} value={t}>
                  {(t * 100).toFixed(0)}% confidence
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={run} disabled={busy || !reference}>
            {busy ? "Classifying…" : "Classify"}
          </button>
          <span className="muted small" data-testid="examples-note">
            Examples (checked with {CLASSIFY_MODEL}; one goes wrong, as real lines do)
            {ref !== CLASSIFY_MODEL && versions.some((v) => v.ref === CLASSIFY_MODEL) ? (
              <>
                {" "}
                <button type="button" className="link-like-inline" onClick={() => setRef(CLASSIFY_MODEL)}>
                  use {CLASSIFY_MODEL}
                </button>
              </>
            ) : null}
            :{" "}
          </span>
          {EXAMPLES.map((e) => (
            <button key={e} type="button" className="secondary small" onClick={() => setText((t) => (t ? `${t}\n${e}` : e))}>
              {e.length > 28 ? `${e.slice(0, 27)}…` : e}
            </button>
          ))}
        </div>
        <ThresholdOnRealText version={versions.find((v) => v.ref === ref)} threshold={threshold} />
        <p className="muted small" role="status" data-testid="classify-status">
          {status}
          {results && !busy ? (
            <>
              {" "}
              <button
                type="button"
                className="secondary small"
                onClick={() =>
                  void downloadWorkbook(`suggestions-${results.by}.xlsx`, classifyWorkbookSheets(results.lines, results.by, threshold, new Date()))
                }
              >
                Suggestions to Excel
              </button>
            </>
          ) : null}
        </p>
      </div>
      {results && reference
        ? results.lines.map((r, i) => <ResultCard key={`${i}-${r.description}`} result={r} reference={reference} threshold={threshold} />)
        : null}
    </div>
  );
}

/** What the chosen threshold meant on real text for the chosen version: how many lines it accepted, how many rightly. */
function ThresholdOnRealText({ version, threshold }: { version: VersionOption | undefined; threshold: number }) {
  if (!version) return null;
  const row = version.realText?.coverage.find((c) => c.threshold === threshold);
  let text: string;
  if (!version.realText || !row) text = "Not measured on real text yet: the Models page measures it.";
  else {
    const { accepted, right } = coverageCounts(row, version.realText.n);
    const at = `${(threshold * 100).toFixed(0)}%`;
    text = accepted
      ? `On ${version.realText.n.toLocaleString("en")} lines of real text, ${version.ref} was at least ${at} sure of ${pct(row.share)} of them and right on ${pct(row.accuracy)} of those (${countsWithInterval(right, accepted)}).`
      : `On ${version.realText.n.toLocaleString("en")} lines of real text, ${version.ref} was never ${at} sure: every line goes to a person.`;
  }
  return (
    <p className="muted small" data-testid="threshold-on-real-text">
      {text}
    </p>
  );
}

/** A word's weight in words (its tooltip); null: past the words a description is weighed by. */
const tokenTitle = (weight: number | null) =>
  weight === null
    ? `not weighed: only a description's first ${WEIGHED_WORDS} words are each left out in turn`
    : `${weight >= 0 ? "+" : ""}${(weight * 100).toFixed(1)} points for the top code`;

function ResultCard({ result, reference, threshold }: { result: Result; reference: HsReference; threshold: number }) {
  if (!result.candidates.length)
    return (
      <section className="card classify-result" aria-label={`Suggestions for ${result.description}`}>
        <h3>
          {result.description}{" "}
          <span className="badge badge-warn" data-testid="review-badge">
            No codes
          </span>
        </h3>
        <p className="muted small">{NOTHING_TO_CLASSIFY}.</p>
      </section>
    );
  const explanation = result.explanation ?? [];
  const max = Math.max(...explanation.map((e) => Math.abs(e.weight ?? 0)), 1e-9);
  const confidence = result.candidates[0]?.probability ?? 0;
  const toPerson = needsPerson(confidence, threshold, result.note);
  return (
    <section className="card classify-result" aria-label={`Suggestions for ${result.description}`}>
      <h3>
        {result.description}{" "}
        <span className={`badge ${toPerson ? "badge-warn" : "badge-ok"}`} data-testid="review-badge">
          {result.note
            ? `Needs a person: a guess (${(confidence * 100).toFixed(0)}%)`
            : toPerson
              ? `Needs a person: ${(confidence * 100).toFixed(0)}% < ${(threshold * 100).toFixed(0)}%`
              : `Confident: ${(confidence * 100).toFixed(0)}% ≥ ${(threshold * 100).toFixed(0)}%`}
        </span>
      </h3>
      <p className="explanation" aria-label="Why: words that pushed the top suggestion">
        <span className="muted small">Why: </span>
        {explanation.map((e, i) => (
          <span
            key={i}
            className="token"
            title={tokenTitle(e.weight)}
            style={
              e.weight === null
                ? {}
                : { background: e.weight >= 0 ? `rgba(11, 92, 173, ${(0.6 * e.weight) / max})` : `rgba(166, 27, 27, ${(0.6 * -e.weight) / max})` }
            }
          >
            {e.token}
          </span>
        ))}
        {result.explanation === null ? (
          <span className="muted small">not available: this model answers from its endpoint without explanations</span>
        ) : explanation.length === 0 ? (
          <span className="muted small">(no words)</span>
        ) : null}
      </p>
      {result.note ? (
        <p className="notice small" data-testid="classify-note">
          {result.note}.
        </p>
      ) : null}
      {result.translated.length ? (
        <p className="small" data-testid="translated-words">
          <span className="muted">Read as a foreign line, word by word: </span>
          {translatedWordsText(result.translated)}
          {result.translated.some((t) => t.dictionary) ? <span className="muted"> — {DICTIONARY_NOTE}</span> : null}
        </p>
      ) : null}
      {result.brands.length ? (
        <p className="small" data-testid="brand-names">
          <span className="muted">Brand names left out of the search (a name tells no goods): </span>
          {result.brands.join(", ")}
        </p>
      ) : null}
      {result.typos.length ? (
        <p className="small" data-testid="typos">
          <span className="muted">Read as misspelt (the tariff word one letter away): </span>
          {typosText(result.typos)}
        </p>
      ) : null}
      {result.devices.length ? (
        <p className="small" data-testid="devices">
          <span className="muted">Read as an accessory, the device it is for named by its kind: </span>
          {devicesText(result.devices)}
        </p>
      ) : null}
      {result.abbreviations.length ? (
        <p className="small" data-testid="abbreviations">
          <span className="muted">Trade abbreviations read as the words they stand for: </span>
          {abbreviationsText(result.abbreviations)}
        </p>
      ) : null}
      {result.goods ? (
        <p className="small" data-testid="goods-part">
          <span className="muted">Also searched as the goods it names before their use or packing: </span>“{result.goods}”
        </p>
      ) : null}
      {(
        [
          ["garment-reading", "Read as a garment (chapters 61–62): ", result.garment],
          ["material-reading", "Subheading by what it is made of: ", result.material],
          ["food-state-reading", "Heading by the state of the fruit, nuts or vegetables: ", result.foodState],
          ["ignition-reading", "Engine by the fuel named: ", result.ignition],
          ["quantity-reading", "Subheading by the quantity written: ", result.quantity],
        ] as const
      ).map(([testId, label, reading]) =>
        reading ? (
          <p key={testId} className="small" data-testid={testId}>
            <span className="muted">{label}</span>
            {reading}
          </p>
        ) : null,
      )}
      <p className="small" data-testid="matched-words">
        <span className="muted">Words found in the nomenclature and tariff lines of the top code: </span>
        {result.matchedWords.length ? result.matchedWords.join(", ") : "none — check this suggestion with extra care"}
      </p>
      <ol className="candidates">
        {result.candidates.map((c) => {
          const info = reference.nomenclature.lookup(c.code);
          return (
            <li key={c.code}>
              <div className="candidate-head">
                <code className="code">
                  {c.code.slice(0, 4)}.{c.code.slice(4)}
                </code>
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${Math.max(1, c.probability * 100)}%` }} />
                </span>
                <span className="probability">{(c.probability * 100).toFixed(1)}%</span>
              </div>
              <div className="candidate-text">
                <div>{info?.description}</div>
                <div className="muted small">
                  {info?.heading ? `${info.heading.code} ${info.heading.description}` : ""} · Chapter {info?.chapter.code} {info?.chapter.description}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      <details className="evidence" open={toPerson}>
        <summary>Nearest tariff lines (evidence)</summary>
        {result.evidence?.length === 0 ? (
          <p className="muted small">None.</p>
        ) : result.evidence ? (
          <ul data-testid="evidence">
            {result.evidence.map((e, i) => (
              <li key={i}>
                <code>
                  {e.code.slice(0, 4)}.{e.code.slice(4)}
                </code>{" "}
                {e.text}{" "}
                <span className="muted small">
                  ({e.source}, similarity {e.similarity.toFixed(2)})
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">
            Not available: this model version does not search tariff lines (a retrieval version, e.g. hs-retrieval, does).
          </p>
        )}
      </details>
    </section>
  );
}
