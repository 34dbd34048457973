// Controls the two-version and the several-versions comparison share: the evaluation set picker and the progress of
// predictions computed once per version and set.

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
