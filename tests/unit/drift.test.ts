import { describe, expect, it } from "vitest";
import { driftReport, psi, readInHs2022, type ExtractProfile } from "../../workbench/evaluation/drift";
import { loadCrosswalk, loadNomenclature } from "../../workbench/hs/load-fixtures";
import { driftWorkbookSheets } from "../../app/explore/drift-workbook";
import { readWorkbook } from "../../workbench/extract/xlsx";
import { writeWorkbook } from "../../workbench/extract/xlsx-write";

const profile = (p: Omit<Partial<ExtractProfile>, "chapters"> & { chapters: [string, number][] }): ExtractProfile => ({
  lines: p.chapters.reduce((s, [, n]) => s + n, 0),
  codesFrom: "declared",
  codes: new Map(),
  meanLength: 40,
  words: new Map(),
  meanConfidence: null,
  confidenceBands: null,
  lengthBands: new Map(),
  ...p,
  chapters: new Map(p.chapters),
});

describe("drift between two extracts", () => {
  it("the same mix has no drift; a moved mix has a large PSI and names the chapter", () => {
    const a = profile({
      chapters: [
        ["84", 50],
        ["85", 50],
      ],
    });
    expect(psi(a.chapters, 100, a.chapters, 100)).toBeCloseTo(0, 10);
    const b = profile({
      chapters: [
        ["84", 10],
        ["85", 90],
      ],
      codes: new Map([["851713", 30]]),
      meanLength: 20,
      words: new Map([
        ["phone", 30],
        ["cable", 10],
      ]),
      meanConfidence: 0.4,
    });
    const report = driftReport({ ...a, codes: new Map([["847130", 50]]), words: new Map([["cable", 10]]), meanConfidence: 0.7 }, b, {
      a: "January",
      b: "February",
    });
    expect(report.chapterPsi).toBeGreaterThan(0.25);
    expect(report.summary[0]).toMatch(/strongly shifted from January to February .*chapter (84|85), 50\.0% → (10|90)\.0%/);
    expect(report.newCodes).toEqual([{ code: "851713", lines: 30 }]);
    expect(report.summary[1]).toBe("1 codes in February never occur in January (30.0% of its lines).");
    expect(report.unseenWordShare).toBeCloseTo(0.75);
    expect(report.summary[2]).toMatch(/50\.0% shorter/);
    expect(report.summary[3]).toMatch(/less sure of February .*: check its accuracy there/);
  });
});

describe("drift of description lengths and of the model's confidence", () => {
  it("puts each extract's share of lines per band side by side, and says how much the model is sure of in each", () => {
    const a = profile({
      chapters: [["84", 10]],
      lengthBands: new Map([
        [2, 6],
        [3, 4],
      ]),
      meanConfidence: 0.8,
      confidenceBands: new Map([
        [9, 6],
        [5, 4],
      ]),
    });
    const b = profile({
      chapters: [["84", 10]],
      meanLength: 12,
      lengthBands: new Map([
        [0, 2],
        [1, 8],
      ]),
      meanConfidence: 0.5,
      confidenceBands: new Map([
        [9, 1],
        [4, 9],
      ]),
    });
    const report = driftReport(a, b, { a: "january", b: "february" });
    expect(report.lengthBands.map((x) => x.band)).toEqual(["1–10", "11–20", "21–40", "41–80", "81–160", "over 160"]);
    expect(report.lengthBands.slice(0, 4)).toEqual([
      { band: "1–10", a: 0, b: 0.2 },
      { band: "11–20", a: 0, b: 0.8 },
      { band: "21–40", a: 0.6, b: 0 },
      { band: "41–80", a: 0.4, b: 0 },
    ]);
    expect(report.confidenceBands).toHaveLength(10);
    expect(report.confidenceBands.at(-1)).toEqual({ band: "0.9–1.0", a: 0.6, b: 0.1 });
    expect(report.summary).toContain("Lines the model is at least 90% sure of: 60.0% of january, 10.0% of february.");
    // one extract without predictions: no confidence compared
    expect(driftReport(a, { ...b, confidenceBands: null, meanConfidence: null }, { a: "january", b: "february" }).confidenceBands).toEqual([]);
  });
});

describe("drift says what it cannot compare", () => {
  it("an extract without goods descriptions: descriptions not compared (not '100% shorter'), no words listed", () => {
    const a = profile({ chapters: [["84", 10]], words: new Map([["laptop", 10]]) });
    const b = profile({ chapters: [["84", 10]], meanLength: null });
    const report = driftReport(a, b, { a: "demo", b: "kcs" });
    expect(report.summary).toContain("Descriptions are not compared: kcs has no goods descriptions.");
    expect(report.summary.some((l) => l.includes("shorter"))).toBe(false);
    expect([report.lengthChange, report.unseenWordShare, report.risingWords]).toEqual([null, null, []]);
  });

  it("an extract without codes: no PSI ('stable' of nothing), no chapters, no new codes", () => {
    const a = profile({ chapters: [["84", 10]], codes: new Map([["847130", 10]]) });
    const b = profile({ chapters: [], lines: 6, codesFrom: null });
    const report = driftReport(a, b, { a: "january", b: "invoices" });
    expect(report.summary[0]).toBe("Codes are not compared: invoices has no codes, declared or predicted.");
    expect([report.chapterPsi, report.chapterShifts, report.newCodes]).toEqual([null, [], []]);
  });

  it("declared codes against predicted ones are compared, and said to be", () => {
    const a = profile({ chapters: [["84", 10]] });
    const b = profile({ chapters: [["84", 10]], codesFrom: "predicted" });
    expect(driftReport(a, b, { a: "january", b: "invoices" }).summary[1]).toBe(
      "january's codes are declared, invoices's predicted: a change may be the model's, not the goods'.",
    );
  });

  it("declared HS 2017 codes are compared in HS 2022: an unchanged mix of goods across the 2022 change is not drift", () => {
    const nomenclature = loadNomenclature();
    const crosswalk = loadCrosswalk();
    // the same goods in both years: fish meal 030510 (HS 2017) is 030910 in HS 2022, horses 010121 are unchanged, and
    // phones 851712 split into several HS 2022 codes
    const hs2017 = profile({
      chapters: [
        ["03", 6],
        ["01", 4],
        ["85", 3],
      ],
      codes: new Map([
        ["030510", 6],
        ["010121", 4],
        ["851712", 3],
      ]),
    });
    const read = readInHs2022(hs2017, nomenclature, crosswalk);
    expect(read.edition).toEqual({ detected: "HS2017", used: "HS2017", chosen: false, splitLines: 3 });
    expect(read.lines).toBe(10);
    expect([...read.codes]).toEqual([
      ["030910", 6],
      ["010121", 4],
    ]);
    const hs2022 = profile({
      chapters: [
        ["03", 6],
        ["01", 4],
      ],
      codes: new Map([
        ["030910", 6],
        ["010121", 4],
      ]),
    });
    // an HS 2022 profile keeps its codes, and says it was read so
    expect(readInHs2022(hs2022, nomenclature, crosswalk)).toEqual({
      ...hs2022,
      edition: { detected: "HS2022", used: "HS2022", chosen: false, splitLines: 0 },
    });
    const report = driftReport(read, hs2022, { a: "2020", b: "2023" });
    expect(report.chapterPsi).toBeCloseTo(0, 10);
    expect(report.newCodes).toEqual([]);
    expect(report.summary).toContain(
      "2020's declared codes read as HS 2017 and are compared in HS 2022; 3 of its lines, whose code split into several HS 2022 codes, are left out.",
    );

    // the analyst's choice, as on the Views tab, wins over what the codes say
    const asGiven = readInHs2022(hs2017, nomenclature, crosswalk, "HS2022");
    expect([asGiven.codes, asGiven.lines]).toEqual([hs2017.codes, hs2017.lines]);
    expect(driftReport(asGiven, hs2022, { a: "2020", b: "2023" }).summary).toContain(
      "2020's declared codes are compared as HS 2022, as chosen, although more of its lines are valid HS 2017 codes.",
    );
    const chosen = readInHs2022(hs2022, nomenclature, crosswalk, "HS2017");
    expect(chosen.edition).toEqual({ detected: "HS2022", used: "HS2017", chosen: true, splitLines: 0 });
    expect(driftReport(read, chosen, { a: "2020", b: "2023" }).summary).toContain(
      "2023's declared codes are read as HS 2017, as chosen, and are compared in HS 2022.",
    );
  });
});

describe("drift as an Excel workbook", () => {
  it("holds the summary first, then every chapter, every new code as text and the rising words", async () => {
    const a = profile({ chapters: [["84", 20]], codes: new Map([["847130", 20]]), words: new Map([["laptop", 20]]) });
    const b = profile({
      chapters: [
        ["84", 5],
        ["85", 15],
        ["01", 1],
      ],
      codes: new Map([
        ["847130", 5],
        ["851713", 15],
        ["010121", 1],
      ]),
      words: new Map([
        ["laptop", 5],
        ["smartphone", 15],
      ]),
    });
    const report = driftReport(a, b, { a: "january", b: "february" });
    const { parts } = await writeWorkbook(driftWorkbookSheets(report, { a: "january", b: "february" }, new Date("2026-12-03T00:00:00Z")));
    const bytes = new Uint8Array(Buffer.concat(parts));
    const about = await readWorkbook(bytes, "drift.xlsx");
    expect(about.sheets).toEqual(["About", "Chapter mix", "New codes in B", "Description length", "Words used more in B"]);
    expect(about.csv).toContain(`Summary,"${report.summary[0]}"`);
    const sheet = async (name: string) => (await readWorkbook(bytes, "drift.xlsx", name)).csv.trim().split("\r\n");
    expect(await sheet("Chapter mix")).toHaveLength(4);
    expect(await sheet("New codes in B")).toEqual(["code,lines in february", "851713,15", "010121,1"]);
    expect((await sheet("Words used more in B"))[1]).toMatch(/^smartphone,0,0\.7/);
  });
});
