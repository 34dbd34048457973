import { useEffect, useState } from "react";
import type { TokenWeight } from "../../models/hs-classifier/classifier";
import { normaliseText } from "../../workbench/features/hashed-features";
import { getHsReference, type HsReference } from "../explore/hs-reference.client";
import { browserTf, loadBrowserModel } from "./browser-model.client";

export interface VersionOption {
  ref: string;
  label: string;
}

interface Result {
  description: string;
  candidates: { code: string; probability: number }[];
  explanation: TokenWeight[];
}

const EXAMPLES = [
  "Samsung Galaxy smartphone 128GB",
  "frozen shrimps peeled 10 kg ctns",
  "camisetas de algodón para hombre",
  "części zamienne do silników samochodowych",
  "ladies knitted cotton blouses",
];

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
  const [results, setResults] = useState<Result[] | null>(null);
  const [status, setStatus] = useState<string>("");
  const [busy, setBusy] = useState(false);
  const [reference, setReference] = useState<HsReference | null>(null);

  useEffect(() => {
    getHsReference()
      .then(setReference)
      .catch((e) => setStatus(`Could not load the nomenclature: ${(e as Error).message}`));
    browserTf().catch(() => undefined);
  }, []);

  const run = async () => {
    const descriptions = text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(0, 200);
    if (!descriptions.length) return setStatus("Type or paste at least one description, one per line.");
    setBusy(true);
    setStatus(`Loading ${ref}…`);
    try {
      const loaded = await loadBrowserModel(ref);
      const tf = await browserTf();
      const started = performance.now();
      const { candidates, explanations } = await loaded.classifier.explain(descriptions, 5);
      setResults(descriptions.map((description, i) => ({ description, candidates: candidates[i]!, explanation: explanations[i]! })));
      setStatus(
        `${descriptions.length} description(s) classified by ${loaded.name}@${loaded.version} in ${(performance.now() - started).toFixed(0)} ms ` +
          `with word explanations, in your browser (TensorFlow.js, ${tf.getBackend()}).`,
      );
    } catch (e) {
      setStatus(`Classification failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
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
              {versions.map((v) => (
                <option key={v.ref} value={v.ref}>
                  {v.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={run} disabled={busy || !reference}>
            {busy ? "Classifying…" : "Classify"}
          </button>
          <span className="muted small">Examples: </span>
          {EXAMPLES.map((e) => (
            <button key={e} type="button" className="secondary small" onClick={() => setText((t) => (t ? `${t}\n${e}` : e))}>
              {e.length > 28 ? `${e.slice(0, 27)}…` : e}
            </button>
          ))}
        </div>
        <p className="muted small" role="status" data-testid="classify-status">
          {status}
        </p>
      </div>
      {results && reference ? results.map((r, i) => <ResultCard key={`${i}-${r.description}`} result={r} reference={reference} />) : null}
    </div>
  );
}

function ResultCard({ result, reference }: { result: Result; reference: HsReference }) {
  const max = Math.max(...result.explanation.map((e) => Math.abs(e.weight)), 1e-9);
  return (
    <section className="card classify-result" aria-label={`Suggestions for ${result.description}`}>
      <h3>{result.description}</h3>
      <p className="explanation" aria-label="Why: words that pushed the top suggestion">
        <span className="muted small">Why: </span>
        {result.explanation.map((e, i) => (
          <span
            key={i}
            className="token"
            title={`${e.weight >= 0 ? "+" : ""}${(e.weight * 100).toFixed(1)} points for the top code`}
            style={{ background: e.weight >= 0 ? `rgba(11, 92, 173, ${(0.6 * e.weight) / max})` : `rgba(166, 27, 27, ${(0.6 * -e.weight) / max})` }}
          >
            {e.token}
          </span>
        ))}
        {result.explanation.length === 0 ? <span className="muted small">{normaliseText(result.description) || "(no words)"}</span> : null}
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
    </section>
  );
}
