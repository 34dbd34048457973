// Fruit, nuts and vegetables named with their state (hs-combined@1.29.0 reads it: food-state-reading.ts): "Frozen
// strawberries", "Strawberry jam" and "Dried cranberries" were fresh fruit, "Roasted cashew nuts salted" raw cashews.
import { describe, expect, it } from "vitest";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { expectCombinedSuccessor, expectHs6RightCounts, expectNoSetLoses, measuredOn, ourLines, topCodes } from "./real-text-support";

// our lines (fixtures/README.md): English lines written before the reading (fish and meat among them, which it must
// leave alone), and English and foreign lines written after it, never used to change anything
const { lines: LINES, set } = ourLines("fixtures/food-state-lines.csv");
const SETS = [set("before", true), set("later", true), set("later", false)] as const;

describe("fruit, nuts and vegetables read by their state (hs-combined@1.29.0)", () => {
  it("our lines: 36 written before, 23 English and 19 in five other languages after; every code an HS 2022 subheading", () => {
    expect(SETS.map((s) => s.length)).toEqual([36, 23, 19]);
    expect(LINES).toHaveLength(78);
    const nomenclature = loadNomenclature();
    expect(LINES.filter((r) => !nomenclature.has(r.hs6!))).toEqual([]);
    expect(new Set(LINES.map((r) => r.text)).size).toBe(LINES.length);
  });

  it("reads them in their state; no set it is compared on loses a line, at top 1 or in the top 5", async () => {
    const { combined, older } = await expectCombinedSuccessor("hs-combined/1.29.0", "hs-retrieval@1.21.0", "hs-combined/1.28.0", expectNoSetLoses);
    // hs-combined 1.28.0 → 1.29.0 on each of SETS, as measured on 2026-12-07
    await expectHs6RightCounts(
      older,
      combined,
      measuredOn(SETS, [
        [14, 25],
        [9, 18],
        [9, 13],
      ]),
    );
    const lines = ["Frozen strawberries 1kg", "Strawberry jam", "Dried cranberries sweetened", "Roasted cashew nuts salted", "fresas congeladas"];
    expect(await topCodes(combined, lines)).toEqual(["081110", "200799", "081340", "200819", "081110"]);
    expect(await topCodes(older, lines)).toEqual(["081010", "081010", "081040", "080132", "081010"]);
    // what a person is told: the state, the words that say it, and the heading of the top code
    const { foodStates } = await combined.classifier.explain(["Frozen strawberries 1kg", "Frozen chicken wings"], 1);
    expect(foodStates).toEqual([
      { state: "frozen", words: "Frozen" },
      { state: "frozen", words: "Frozen" },
    ]);
    expect((await older.classifier.explain(lines, 1)).foodStates).toBeNull();
    expect(combined.card.description).toContain("foodStateMargin");
  });
});
