import { describe, expect, it } from "vitest";
import { driftReport, psi, type ExtractProfile } from "../../workbench/evaluation/drift";
import { driftWorkbookSheets } from "../../app/explore/drift-workbook";
import { readWorkbook } from "../../workbench/extract/xlsx";
import { writeWorkbook } from "../../workbench/extract/xlsx-write";

const profile = (p: Omit<Partial<ExtractProfile>, "chapters"> & { chapters: [string, number][] }): ExtractProfile => ({
  lines: p.chapters.reduce((s, [, n]) => s + n, 0),
  codes: new Map(),
  meanLength: 40,
  words: new Map(),
  meanConfidence: null,
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
    expect(about.sheets).toEqual(["About", "Chapter mix", "New codes in B", "Words used more in B"]);
    expect(about.csv).toContain(`Summary,"${report.summary[0]}"`);
    const sheet = async (name: string) => (await readWorkbook(bytes, "drift.xlsx", name)).csv.trim().split("\r\n");
    expect(await sheet("Chapter mix")).toHaveLength(4);
    expect(await sheet("New codes in B")).toEqual(["code,lines in february", "851713,15", "010121,1"]);
    expect((await sheet("Words used more in B"))[1]).toMatch(/^smartphone,0,0\.7/);
  });
});
