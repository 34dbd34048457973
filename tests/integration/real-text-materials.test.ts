// Goods read by what they are made of (hs-combined@1.19.0, material-reading.ts): a line whose best code is jewellery
// (71.13, 71.16, 71.17) and that names its material takes the subheading chapter 71's notes give it; a wig or hairpiece
// (67.04) of human hair 6704.20. Every other line answers as hs-combined@1.18.0.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { explainedBy } from "../../app/classify/evidence";
import { parseCsvRecords } from "../../workbench/csv";
import { shippedSet } from "../../workbench/evaluation/evaluation-sets";
import { expectCombinedSuccessor, expectHs6RightCounts, expectOnlyMaterialLinesChange, hs6RightOf, shipped } from "./real-text-support";

// our jewellery and wig lines (fixtures/README.md), written once each reading worked and never used to change it
const lines = (file: string) => parseCsvRecords(readFileSync(`fixtures/${file}`, "utf8"), ["language", "text", "hs6"]);
const [JEWELLERY, WIGS] = [lines("jewellery-lines.csv"), lines("wig-lines.csv")];

describe("goods read by their material (hs-combined@1.19.0)", () => {
  it("lifts the subheading the material gives; every line not read so answers as hs-combined@1.18.0", async () => {
    const { combined, recipe, older } = await expectCombinedSuccessor(
      "hs-combined/1.19.0",
      "hs-retrieval@1.15.0",
      "hs-combined/1.18.0",
      expectOnlyMaterialLinesChange,
    );
    expect(recipe.config.materialMargin).toBe(1);
    expect(combined.card.limitations.join(" ")).toContain("Jewellery (a line whose best code is in heading 71.13, 71.16 or 71.17)");
    // the marketplace titles, as measured on 2026-12-05 (their jewellery and wig lines were looked at while writing the readings)
    const listings = shippedSet("marketplace-listings").lines;
    const right = async (model: typeof combined) =>
      hs6RightOf(
        listings,
        await model.classifier.topK(
          listings.map((l) => l.text),
          1,
        ),
      );
    expect([await right(older), await right(combined)]).toEqual([105, 121]);
    expect([JEWELLERY.length, WIGS.length]).toEqual([58, 12]);
    await expectHs6RightCounts(older, combined, [
      [JEWELLERY, 21, 41],
      [WIGS, 5, 6],
    ]);
  });

  it("says what it read where it applied, and reads no colour, plating or other goods as a material", async () => {
    const combined = await shipped("hs-combined/1.19.0");
    const texts = [
      "Stainless Steel Cubic Zirconia Tennis Bracelet for Women Gold Tone",
      "18K Gold Color Titanium Steel Cross Pendant Necklace",
      "Quartz Wall Clock Silent 30cm",
      "Brazilian Remy Hair Clip In Extensions 7 Pieces",
      "Human Hair Shampoo Sulfate Free 500ml",
    ];
    const explained = await combined.classifier.explain(texts, 1);
    // the second line's top code is the members' own (gold of 71.13, where its "gold color" says base metal): not read
    expect(explained.candidates.map((c) => c[0]!.code)).toEqual(["711620", "711319", "910521", "670420", "330510"]);
    const shown = texts.map(
      (text, i) => explainedBy(text, explained.candidates[i]![0]!.code, [], () => [], { materials: explained.materials![i] }).material,
    );
    expect(shown).toEqual([
      "jewellery of precious or semi-precious stones (“Cubic Zirconia”) → 7116.20",
      null,
      null,
      "wigs and hairpieces of human hair (“Remy Hair”) → 6704.20",
      null,
    ]);
  });
});
