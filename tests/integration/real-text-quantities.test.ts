// Subheadings told apart by a quantity, and goods named by the fuel they run on (hs-combined@1.30.0 reads both:
// quantity-reading.ts, material-forms.ts): "Transformer 100 kVA oil immersed" was a transformer "not exceeding 1kVA",
// "Motorbike 650cc" one of 50–250 cc, "Diesel car 1.5L 1461cc" gas oil.
import { describe, expect, it } from "vitest";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { expectCombinedSuccessor, expectHs6RightCounts, expectNoSetLoses, measuredOn, ourLines, topCodes } from "./real-text-support";

// our lines (fixtures/README.md): English lines written before the readings (some that must be left alone among them),
// and lines written after them — the quantities' never used to change anything, the fuels' read once
const quantities = ourLines("fixtures/quantity-lines.csv");
const fuels = ourLines("fixtures/fuel-lines.csv");
const SETS = [
  quantities.set("before", true),
  quantities.set("later", true),
  quantities.set("later", false),
  fuels.set("before", true),
  fuels.set("after", true),
  fuels.set("after", false),
] as const;

describe("quantities and fuels read (hs-combined@1.30.0)", () => {
  it("our lines: 57, 13 and 36 of quantities, 9, 18 and 5 of fuels; every code an HS 2022 subheading", () => {
    expect(SETS.map((s) => s.length)).toEqual([57, 13, 36, 9, 18, 5]);
    const lines = [...quantities.lines, ...fuels.lines];
    const nomenclature = loadNomenclature();
    expect(lines.filter((r) => !nomenclature.has(r.hs6!))).toEqual([]);
    expect(new Set(lines.map((r) => r.text)).size).toBe(lines.length);
  });

  it("reads them; no set it is compared on loses a line, at top 1 or in the top 5", async () => {
    const { combined, older } = await expectCombinedSuccessor("hs-combined/1.30.0", "hs-retrieval@1.21.0", "hs-combined/1.29.0", expectNoSetLoses);
    // hs-combined 1.29.0 → 1.30.0 on each of SETS, as measured on 2026-12-07
    await expectHs6RightCounts(
      older,
      combined,
      measuredOn(SETS, [
        [22, 41],
        [4, 10],
        [15, 30],
        [6, 6],
        [7, 8],
        [2, 2],
      ]),
    );
    const lines = ["Transformer 100 kVA oil immersed", "Motorbike 650cc", "Cotton poplin fabric 120gsm dyed plain weave", "Diesel car 1.5L 1461cc"];
    expect(await topCodes(combined, lines)).toEqual(["850421", "871140", "520832", "870331"]);
    expect(await topCodes(older, lines)).toEqual(["850431", "871120", "520931", "271019"]);
    // what a person is told: the quantity as written and the words of the top code's range
    const { quantities: read } = await combined.classifier.explain(["Transformer 100 kVA oil immersed", "Power bank 10000mAh"], 1);
    expect(read![0]!.fits.find((f) => f.code === "850421")).toEqual({ code: "850421", range: "not exceeding 650kVA", written: "100 kVA" });
    expect(read![1]).toBeNull();
    expect((await older.classifier.explain(lines, 1)).quantities).toBeNull();
    expect(combined.card.description).toContain("quantityMargin");
  });
});
