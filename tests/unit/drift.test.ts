import { describe, expect, it } from "vitest";
import { driftReport, psi, type ExtractProfile } from "../../workbench/evaluation/drift";

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
