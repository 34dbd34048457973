import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { comparisonWorkbookSheets, severalVersionsWorkbookSheets } from "../../app/compare/comparison-workbook";
import { compareManyOnLines } from "../../workbench/evaluation/compare-many";
import { compareModels, verdictOf } from "../../workbench/evaluation/compare";
import { readWorkbook } from "../../workbench/extract/xlsx";
import { writeWorkbook } from "../../workbench/extract/xlsx-write";

describe("a comparison as an Excel workbook", () => {
  // A is right on chapter 01 only; B is right everywhere
  const truth = ["010121", "010121", "020110", "020110", "840734"];
  const report = compareModels(
    truth,
    truth.map(() => [{ code: "010121", probability: 0.9 }]),
    truth.map((t) => [{ code: t, probability: 0.8 }]),
    { resamples: 50 },
  );
  const comparison = {
    a: { name: "old", version: "1.0.0", sha256: "a".repeat(64), status: "production" as const },
    b: { name: "new", version: "2.0.0", sha256: "b".repeat(64), status: "candidate" as const },
    set: {
      id: "held-out",
      label: "Held-out (synthetic: our own generated lines)",
      description: '=HYPERLINK("http://x") and <b>',
      hash: "c".repeat(64),
      lines: 5,
      excluded: 1,
    },
    report,
    verdict: verdictOf(report, { a: "old@1.0.0", b: "new@2.0.0" }),
  };
  const names: Record<string, string> = { "01": "Live animals", "02": "Meat", "84": "Machinery" };
  const sheets = comparisonWorkbookSheets(
    comparison,
    names,
    { label: "chapters", a: report.a.chapterMatrix, b: report.b.chapterMatrix, nameOf: (code) => names[code] ?? "" },
    new Date("2026-01-02T03:04:05Z"),
  );
  const bytes = writeWorkbook(sheets).then(({ parts }) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) out.set(p, (at += p.length) - p.length);
    return out;
  });
  const sheet = async (name: string) => (await readWorkbook(await bytes, "comparison.xlsx", name)).csv.replace(/\r\n$/, "").split("\r\n");

  it("says first what was compared on which set, and holds every table on its own sheet", async () => {
    expect((await readWorkbook(await bytes, "comparison.xlsx")).sheets).toEqual([
      "About",
      "Accuracy",
      "Per chapter",
      "Coverage",
      "Matrix A",
      "Matrix B",
      "Matrix B − A",
    ]);
    const about = await sheet("About");
    expect(about[1]).toBe("Evaluation set,Held-out (synthetic: our own generated lines)");
    // a value from a file or a card is text, never a formula
    expect(about[2]).toBe('About the set,"=HYPERLINK(""http://x"") and <b>"');
    expect(about).toContain("Lines excluded,1 (an invalid code or no description)");
    expect(about).toContain(`A,old@1.0.0 (production; sha256 ${"a".repeat(64)})`);
    expect(about).toContain("Generated,2026-01-02T03:04:05.000Z by the HS Model Workbench");
    const files = unzipSync(await bytes);
    expect(strFromU8(files["xl/worksheets/sheet1.xml"]!)).toContain("=HYPERLINK(&quot;http://x&quot;) and &lt;b&gt;");
  });

  it("keeps chapter codes as text and shares as numbers in percent format", async () => {
    const accuracy = await sheet("Accuracy");
    expect(accuracy[0]).toBe("level,A old@1.0.0 top-1,B new@2.0.0 top-1,A old@1.0.0 top-3,B new@2.0.0 top-3,A old@1.0.0 top-5,B new@2.0.0 top-5");
    expect(accuracy[3]).toBe("HS6,0.4,1,0.4,1,0.4,1");
    const perChapter = await sheet("Per chapter");
    expect(perChapter[1]!.startsWith("01,Live animals,2,1,1,0,")).toBe(true);
    expect(perChapter[2]!.startsWith("02,Meat,2,0,1,1,")).toBe(true);
    const perChapterXml = strFromU8(unzipSync(await bytes)["xl/worksheets/sheet3.xml"]!);
    expect(perChapterXml).toContain('<c r="A2" s="3" t="inlineStr"><is><t xml:space="preserve">01</t></is></c>');
    expect(perChapterXml).toContain('<c r="D2" s="5"><v>1</v></c>');
    const coverage = await sheet("Coverage");
    expect(coverage).toHaveLength(report.a.coverage.length + 1);
    expect(coverage[81]).toBe("0.8,1,0.4,1,1");
    expect(coverage[91]).toBe("0.9,1,0.4,0,");
  });

  it("writes the whole matrices with their names, and B − A as B's counts less A's", async () => {
    // every chapter, as on the page and in the Matrices CSV; a row's cells by its column's chapter
    const cells = async (name: string) => {
      const [header, ...rows] = (await sheet(name)).map((line) => line.split(","));
      expect(header!.slice(0, 4)).toEqual(["true \\ predicted", "name", "01", "02"]);
      expect(header).toHaveLength(2 + report.a.chapterMatrix.labels.length);
      const at = (truth: string, predicted: string) => {
        const row = rows.find((r) => r[0] === truth)!;
        return [row[1], Number(row[header!.indexOf(predicted)])];
      };
      return { at, total: rows.flatMap((r) => r.slice(2).map(Number)).reduce((x, y) => x + Math.abs(y), 0) };
    };
    const a = await cells("Matrix A");
    expect([a.at("01", "01"), a.at("02", "01"), a.at("84", "01"), a.total]).toEqual([["Live animals", 2], ["Meat", 2], ["Machinery", 1], 5]);
    const b = await cells("Matrix B");
    expect([b.at("01", "01"), b.at("02", "02"), b.at("84", "84"), b.total]).toEqual([["Live animals", 2], ["Meat", 2], ["Machinery", 1], 5]);
    const diff = await cells("Matrix B − A");
    expect([diff.at("01", "01"), diff.at("02", "01"), diff.at("02", "02"), diff.at("84", "01"), diff.at("84", "84"), diff.total]).toEqual([
      ["Live animals", 0],
      ["Meat", -2],
      ["Meat", 2],
      ["Machinery", -1],
      ["Machinery", 1],
      6,
    ]);
  });
});

describe("several versions compared, as an Excel workbook", () => {
  const codes = ["010121", "847130", "850440"];
  const lines = Array.from({ length: 30 }, (_, i) => ({ truth: codes[i % 3]! }));
  // m0 right on a third of the lines, m1 on two thirds, m2 on all
  const model = (right: number) => lines.map((l, i) => [{ code: i % 3 < right ? l.truth : "999999", probability: 0.5 }]);
  const many = compareManyOnLines(
    lines,
    [0, 1, 2].map((k) => ({ ref: `m${k}@1.0.0`, candidates: model(k + 1) })),
    { seed: 5, resamples: 200 },
  );
  const workbook = async () => {
    const { parts } = await writeWorkbook(
      severalVersionsWorkbookSheets({ label: "Marketplace listings (real)", description: "titles" }, many, new Date("2026-12-03T00:00:00Z")),
    );
    return new Uint8Array(Buffer.concat(parts));
  };

  it("says the set and how pairs are tested, then the versions side by side and every pair's test", async () => {
    const bytes = await workbook();
    const about = await readWorkbook(bytes, "versions.xlsx");
    expect(about.sheets).toEqual(["About", "Side by side", "Every pair"]);
    expect(about.csv).toContain("Evaluation set,Marketplace listings (real)");
    expect(about.csv).toContain("adjusted for the 3 pairs tested (Holm)");
    const side = (await readWorkbook(bytes, "versions.xlsx", "Side by side")).csv.trim().split("\r\n");
    expect(side.map((l) => l.split(",").slice(0, 4).join(","))).toEqual([
      "version,Chapter top-1,Heading top-1,HS6 top-1",
      "m0@1.0.0,0.333333333333333,0.333333333333333,0.333333333333333",
      "m1@1.0.0,0.666666666666667,0.666666666666667,0.666666666666667",
      "m2@1.0.0,1,1,1",
    ]);
    const pairs = (await readWorkbook(bytes, "versions.xlsx", "Every pair")).csv.trim().split("\r\n");
    expect(pairs).toHaveLength(4);
    const m0m2 = pairs.find((l) => l.startsWith("m0@1.0.0,m2@1.0.0,"))!.split(",");
    const test = many.pairs.find((p) => p.a === "m0@1.0.0" && p.b === "m2@1.0.0")!;
    expect(m0m2.slice(2, 4)).toEqual(["0", "20"]);
    expect(Number(m0m2[4])).toBeCloseTo(test.delta.estimate, 12);
    expect(Number(m0m2[8])).toBeCloseTo(test.adjustedP, 12);
    expect(m0m2.at(-1)).toBe("m2@1.0.0 is better");
  });
});
