// Controls the two-version and the several-versions comparison share: the evaluation set picker and the progress of
// predictions computed once per version and set, polled while the server computes them.
import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/** While predictions are computed on the server, ask for the page's data again every second. */
export function usePollWhileComputing(state: { status: string } | null | undefined) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (state?.status !== "computing") return;
    const timer = setTimeout(() => revalidator.revalidate(), 1000);
    return () => clearTimeout(timer);
  }, [state, revalidator]);
}

export function SetSelect({ sets, value }: { sets: { id: string; label: string; description: string }[]; value: string }) {
  return (
    <label>
      Evaluation set
      <select name="set" defaultValue={value}>
        {sets.map((s) => (
          <option key={s.id} value={s.id} title={s.description}>
            {s.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function PredictionProgress({ progress }: { progress: { model: string; done: number; total: number }[] }) {
  return (
    <div className="progress-panel" role="status">
      <span>Computing predictions once for this set (they are cached for next time)…</span>
      {progress.map((p) => (
        <label key={p.model} className="inline-label">
          {p.model}: {p.done.toLocaleString("en")} / {p.total.toLocaleString("en")}
          <progress max={p.total} value={p.done} />
        </label>
      ))}
    </div>
  );
}
