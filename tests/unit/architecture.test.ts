// The structure rules of ADR 0011, checked from the code's own imports and text: layers point down only
// (app/ → models/ → workbench/), no import cycles, and each concept written in the one module that owns it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");
const LAYERS = ["workbench", "models", "app"] as const;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return name === "artifacts" ? [] : sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const files = LAYERS.flatMap((layer) => sources(layer));
const text = new Map(files.map((f) => [f, readFileSync(join(root, f), "utf8")]));

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("~/") ? join("app", spec.slice(2)) : spec.startsWith(".") ? join(dirname(from), spec) : null;
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) {
    if (existsSync(join(root, candidate)) && statSync(join(root, candidate)).isFile()) return relative(root, join(root, candidate));
  }
  return null;
}

const importsOf = (file: string): string[] =>
  [...text.get(file)!.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map(
    (m) => (m[1] ?? m[2])!,
  );

const graph = new Map(files.map((f) => [f, importsOf(f).map((spec) => ({ spec, target: resolveImport(f, spec) }))]));
const layerOf = (file: string) => LAYERS.findIndex((l) => file.startsWith(`${l}/`));

describe("architecture", () => {
  it("has layers that only point down: app/ → models/ → workbench/", () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      imports.filter((i) => i.target && layerOf(i.target) > layerOf(file)).map((i) => `${file} imports ${i.target}`),
    );
    expect(upward).toEqual([]);
  });

  it("keeps workbench/ framework-free and models/ free of Remix and React", () => {
    const banned = (file: string) =>
      file.startsWith("workbench/")
        ? /^(react|react-dom|@remix-run\/|@tensorflow\/)/
        : file.startsWith("models/")
          ? /^(react|react-dom|@remix-run\/)/
          : null;
    const found = [...graph].flatMap(([file, imports]) => imports.filter((i) => banned(file)?.test(i.spec)).map((i) => `${file} imports ${i.spec}`));
    expect(found).toEqual([]);
  });

  it("has no import cycles", () => {
    // Tarjan's strongly connected components over the file graph
    let index = 0;
    const order = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      order.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const { target: w } of graph.get(v) ?? []) {
        if (!w || !graph.has(w)) continue;
        if (!order.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
      }
      if (low.get(v) === order.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || (graph.get(v) ?? []).some((i) => i.target === v)) cycles.push(component.sort());
      }
    };
    for (const file of files) if (!order.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it("writes each concept in the module that owns it", () => {
    const where = (pattern: RegExp) => files.filter((f) => pattern.test(text.get(f)!)).sort();
    // model references: parsed by one regular expression
    expect(where(/\[a-z\]\[a-z0-9-\]\*/)).toEqual(["workbench/registry/model-ref.ts"]);
    // production state: every status transition and history row (the migrations only define the schema)
    const productionWrites = where(/UPDATE model_versions SET status|INSERT INTO production_history|UPDATE production_history/);
    expect(productionWrites.filter((f) => f !== "workbench/store/migrations.ts")).toEqual(["workbench/registry/production-state.ts"]);
    // doubling quotes: SQL identifiers and CSV fields, one module each
    expect(where(/replace\(\/"\/g/)).toEqual(["workbench/csv.ts", "workbench/sql-quote.ts"]);
    // the set hash formula
    expect(where(/\\t\$\{\w+\.truth\}/)).toEqual(["workbench/evaluation/set-hash.ts"]);
    // chart tooltips render HTML: markup in a template is built with safeHtml`` (every value escaped)
    const appFiles = (pattern: RegExp) => where(pattern).filter((f) => f.startsWith("app/"));
    // (the two report builders write whole documents and escape each value with escapeHtml)
    const reports = ["app/compare/report-html.ts", "app/overview/overview-report.ts"];
    expect(appFiles(/(?<!safeHtml)`[^`\n]*<br\/>/).filter((f) => !reports.includes(f))).toEqual([]);
    // browser SQL: none inside React components (query modules per feature hold it)
    expect(where(/queryRows|\.query\(|`\s*(SELECT|WITH|CREATE|DROP|ALTER|INSERT|UPDATE|DELETE)\s/).filter((f) => f.endsWith(".tsx"))).toEqual([]);
  });
});
