import { describe, expect, it } from "vitest";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { categoryAgreement, fitsCategory, fittingCodes, INVOICE_CATEGORIES, invoiceLines } from "../../workbench/evaluation/invoice-categories";

describe("real invoice lines with categories (DESCMERC)", () => {
  it("are 15,000 lines, 5,000 per category, split into halves by position", () => {
    const all = invoiceLines();
    expect(all).toHaveLength(15_000);
    for (const category of INVOICE_CATEGORIES) expect(all.filter((l) => l.category === category)).toHaveLength(5_000);
    expect([invoiceLines("dev").length, invoiceLines("test").length]).toEqual([7_500, 7_500]);
    expect(all.every((l, i) => l.line === i + 1 && l.half === (i % 2 === 0 ? "dev" : "test"))).toBe(true);
    // read back exactly as upstream wrote them: a leading "-" is not escaped as for a spreadsheet
    expect(all[0]!.text.startsWith("- REEF.")).toBe(true);
  });

  it("fit a category by chapter or heading, and every category is fitted by real subheadings", () => {
    expect([fitsCategory("cosmetics", "330510"), fitsCategory("cosmetics", "340111"), fitsCategory("cosmetics", "611120")]).toEqual([
      true,
      true,
      false,
    ]);
    expect([fitsCategory("cleaning", "340220"), fitsCategory("cleaning", "282890"), fitsCategory("cleaning", "330300")]).toEqual([true, true, false]);
    expect([fitsCategory("food", "040310"), fitsCategory("food", "240110"), fitsCategory("food", "250100"), fitsCategory("food", "250300")]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(INVOICE_CATEGORIES.map(fittingCodes)).toEqual([
      "chapter 33, or headings 3005, 3401, 4818, 5601, 6704, 8212–8214, 8510, 8516, 9603, 9605, 9615, 9616, 9619",
      "chapters 28, 34, 38, or headings 2207, 3307, 3406, 3923, 3924, 3926, 4015, 4818, 5603, 6307, 7323, 9603",
      "chapters 1–24, or headings 2501, 3503",
    ]);
    const subheadings = loadNomenclature()
      .subheadings()
      .map((e) => e.code);
    for (const category of INVOICE_CATEGORIES) {
      const fitting = subheadings.filter((c) => fitsCategory(category, c)).length;
      expect(fitting, category).toBeGreaterThan(50);
      expect(fitting, category).toBeLessThan(subheadings.length / 3);
    }
  });

  it("count a line when its first code fits (top-1) or any of its first five (top-5), per category, with an interval", () => {
    const lines = [
      { line: 1, text: "SHAMPOO 300ML", category: "cosmetics" as const, half: "dev" as const },
      { line: 2, text: "DET LIQ 500ML", category: "cleaning" as const, half: "dev" as const },
      { line: 3, text: "IOG GREGO 100G", category: "food" as const, half: "dev" as const },
      { line: 4, text: "BISC CHOC", category: "food" as const, half: "dev" as const },
    ];
    const agreement = categoryAgreement(lines, [
      [{ code: "330510", probability: 0.95 }],
      [
        { code: "611120", probability: 0.92 },
        { code: "340220", probability: 0.05 },
      ],
      [{ code: "040320", probability: 0.3 }],
      [],
    ]);
    expect(agreement.top1).toBe(0.5);
    expect(agreement.top5).toBe(0.75);
    expect(agreement.byCategory).toEqual({ cosmetics: { lines: 1, top1: 1 }, cleaning: { lines: 1, top1: 0 }, food: { lines: 2, top1: 0.5 } });
    expect(agreement.top1Fit).toBe(2);
    // as sure as it is right? two lines at 90% or more, one fits; a line without an answer counts as unsure
    expect(agreement.byConfidence).toEqual([
      { atLeast: 0.9, below: 1, lines: 2, fit: 1, top1: 0.5 },
      { atLeast: 0.6, below: 0.9, lines: 0, fit: 0, top1: 0 },
      { atLeast: 0.2, below: 0.6, lines: 1, fit: 1, top1: 1 },
      { atLeast: 0, below: 0.2, lines: 1, fit: 0, top1: 0 },
    ]);
    expect(() => categoryAgreement(lines, [])).toThrow("0 answers for 4 lines");
  });
});
