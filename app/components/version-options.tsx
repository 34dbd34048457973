import { modelNameOf } from "../../workbench/registry/model-ref";

/**
 * A version list's options grouped by model (sixty versions in one flat list were hard to find one's way in): a model
 * with one version is a plain option, the others an optgroup in the order given.
 */
type Option = { ref: string; label: string; disabled?: boolean };

export function VersionOptions({ versions }: { versions: readonly Option[] }) {
  const byModel = new Map<string, Option[]>();
  for (const v of versions) {
    const model = modelNameOf(v.ref);
    byModel.set(model, [...(byModel.get(model) ?? []), v]);
  }
  const option = (v: Option) => (
    <option key={v.ref} value={v.ref} disabled={v.disabled}>
      {v.label}
    </option>
  );
  return (
    <>
      {[...byModel].map(([model, group]) =>
        group.length === 1 ? (
          option(group[0]!)
        ) : (
          <optgroup key={model} label={`${model} (${group.length} versions)`}>
            {group.map(option)}
          </optgroup>
        ),
      )}
    </>
  );
}
