import { readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadSourceLines } from "../../workbench/data/text-sources";
import { HOLDOUT_SHARE, splitOf } from "../../workbench/data/text-split";
import { parseCsv, parseCsvRecords } from "../../workbench/csv";
import { EXTRACT_COLUMNS, validateDeclarationLine } from "../../workbench/extract/declaration-line";
import { generateDemoExtract } from "../../workbench/extract/demo-generator";
import { validateCode } from "../../workbench/hs/codes";
import { loadCrosswalk, loadNomenclature } from "../../workbench/hs/load-fixtures";

const nomenclature = loadNomenclature();
const crosswalk = loadCrosswalk();
const { lines: sources } = loadSourceLines(crosswalk);

describe("text split", () => {
  it("holds out only Schedule B lines, about the documented share, deterministically", () => {
    const scheduleB = sources.filter((l) => l.source === "schedule-b");
    const held = scheduleB.filter((l) => splitOf(l) === "holdout");
    expect(held.length / scheduleB.length).toBeGreaterThan(HOLDOUT_SHARE - 0.03);
    expect(held.length / scheduleB.length).toBeLessThan(HOLDOUT_SHARE + 0.03);
    expect(sources.filter((l) => l.source === "us-hts").every((l) => splitOf(l) === "train")).toBe(true);
    expect(held.map(splitOf)).toEqual(held.map(() => "holdout"));
  });

  it("leaves training text for every HS 2022 subheading", () => {
    const trained = new Set(sources.filter((l) => splitOf(l) === "train").map((l) => l.hs6));
    const missing = nomenclature.subheadings().filter((s) => !trained.has(s.code));
    expect(missing.length).toBeLessThan(20); // the 16 subheadings with no US tariff line still have nomenclature text
  });

  it("matches the shipped list of held-out lines", () => {
    const shipped = parseCsvRecords(readFileSync("fixtures/splits/holdout-lines.csv", "utf8"), ["source", "code10", "hs6"]);
    const held = sources.filter((l) => splitOf(l) === "holdout");
    expect(shipped.map((r) => r.code10)).toEqual(held.map((l) => l.code10));
  });
});

describe("demo extract generator", () => {
  const input = () => ({
    rows: 3000,
    seed: 7,
    texts: sources.filter((l) => splitOf(l) === "holdout"),
    hs6Frequency: new Map([
      ["392690", 500],
      ["950300", 200],
    ]),
    originFrequency: new Map([
      ["CN", 10],
      ["DE", 3],
    ]),
    nomenclature,
    outdatedCodes: ["284440"],
  });

  it("is deterministic for a seed and differs for another", () => {
    const a = generateDemoExtract(input());
    const b = generateDemoExtract(input());
    expect(a).toEqual(b);
    expect(generateDemoExtract({ ...input(), seed: 8 }).lines).not.toEqual(a.lines);
  });

  it("makes valid lines whose codes are strings with leading zeros, with a small known share of wrong codes", () => {
    const { lines, truth } = generateDemoExtract(input());
    expect(lines).toHaveLength(3000);
    for (const [i, line] of lines.entries()) expect(validateDeclarationLine(line as never, i + 2).ok).toBe(true);
    expect(lines.some((l) => l.commodity_code.startsWith("0"))).toBe(true);
    expect(truth.length / lines.length).toBeGreaterThan(0.02);
    expect(truth.length / lines.length).toBeLessThan(0.09);
    const invalid = lines.filter((l) => !validateCode(l.commodity_code, nomenclature).ok);
    const flaggedInvalid = truth.filter((t) => t.kind === "invalid-code" || t.kind === "outdated-code");
    expect(invalid.length).toBe(flaggedInvalid.length);
    // Line numbers run 1..n within each declaration
    const byDeclaration = new Map<string, number[]>();
    for (const l of lines) byDeclaration.set(l.declaration_id, [...(byDeclaration.get(l.declaration_id) ?? []), l.line_number]);
    for (const numbers of byDeclaration.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });
});

describe("shipped demo extract", () => {
  it("is under 20 MB, has the extract columns and keeps leading zeros", () => {
    expect(statSync("fixtures/demo-extract.csv").size).toBeLessThan(20e6);
    const head = readFileSync("fixtures/demo-extract.csv", "utf8").slice(0, 400_000);
    const rows = parseCsv(head.slice(0, head.lastIndexOf("\n")));
    expect(rows[0]).toEqual([...EXTRACT_COLUMNS]);
    const records = rows.slice(1).map((r) => Object.fromEntries(rows[0]!.map((c, i) => [c, r[i]])));
    for (const [i, r] of records.entries()) expect(validateDeclarationLine(r, i + 2)).toMatchObject({ ok: true });
    expect(records.filter((r) => r.commodity_code!.startsWith("0")).length).toBeGreaterThan(0);
  });
});
