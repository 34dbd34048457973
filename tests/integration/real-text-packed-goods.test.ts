// Goods named with what they are packed in (hs-combined@1.28.0 searches the goods before their packing: "Honey" of
// "Honey 500g glass jar", "Bière" of "Bière en canette"), and goods our glossaries named under a neighbouring
// subheading or not at all (hs-retrieval@1.21.0, hs-retrieval-fast@1.21.0): miter and table saws, pickles and
// gherkins, hand saws, wheelbarrows, infant milk powder.
import { describe, expect, it } from "vitest";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { expectCombinedSuccessor, expectHs6RightCounts, expectNoSetLoses, measuredOn, ourLines, shipped, topCodes } from "./real-text-support";

// our lines (fixtures/README.md): written before the change, and later, never used to change anything; English, and
// Spanish, Portuguese, Polish, French and German
const { lines: LINES, set } = ourLines("fixtures/packed-goods-lines.csv");
const SETS = [set("before", true), set("before", false), set("later", true), set("later", false)] as const;

const GOODS = ["miter saw", "table saw", "hand saw", "pickles", "gherkins", "infant milk powder", "wheelbarrow"];
const CODES = ["846591", "846591", "820210", "200110", "200110", "190110", "871680"];

describe("goods named with their packing, and goods our glossaries named elsewhere (hs-retrieval@1.21.0, hs-combined@1.28.0)", () => {
  it("our lines: 29 and 22 English, 57 and 24 in five other languages; every code an HS 2022 subheading", () => {
    expect(SETS.map((s) => s.length)).toEqual([29, 57, 22, 24]);
    const nomenclature = loadNomenclature();
    expect(LINES.filter((r) => !nomenclature.has(r.hs6!))).toEqual([]);
    expect(new Set(LINES.map((r) => r.text)).size).toBe(LINES.length);
  });

  it("both retrieval versions name the goods under the nomenclature's subheadings; no set they are compared on loses", async () => {
    // 1.20.0 → 1.21.0 on each of SETS, as measured on 2026-12-07
    for (const [name, oldCodes, measured] of [
      [
        "hs-retrieval",
        ["846722", "846722", "846722", "200190", "200190", "040210", "870870"],
        [
          [20, 22],
          [29, 38],
          [14, 14],
          [17, 17],
        ],
      ],
      [
        "hs-retrieval-fast",
        ["846722", "846722", "846722", "200190", "200190", "190110", "580639"],
        [
          [21, 23],
          [34, 41],
          [13, 13],
          [16, 16],
        ],
      ],
    ] as const) {
      const [older, newer] = [await shipped(`${name}@1.20.0`), await shipped(`${name}@1.21.0`)];
      expect(await topCodes(newer, GOODS), name).toEqual(CODES);
      expect(await topCodes(older, GOODS), name).toEqual(oldCodes);
      await expectHs6RightCounts(older, newer, measuredOn(SETS, measured));
      await expectNoSetLoses(newer, older);
    }
  });

  it("hs-combined@1.28.0 searches the goods before their packing too, and loses no line of any compared set", async () => {
    const { combined, older } = await expectCombinedSuccessor("hs-combined/1.28.0", "hs-retrieval@1.21.0", "hs-combined/1.27.0", expectNoSetLoses);
    // hs-combined 1.27.0 → 1.28.0 on each of SETS
    await expectHs6RightCounts(
      older,
      combined,
      measuredOn(SETS, [
        [23, 26],
        [34, 47],
        [14, 16],
        [16, 19],
      ]),
    );
    expect(await topCodes(combined, GOODS)).toEqual(CODES);
    const packed = ["Honig 500 g Glas", "Bière en canette 33 cl", "Ogórki konserwowe w słoiku", "Glass jars 500ml with lids"];
    expect(await topCodes(combined, packed)).toEqual(["040900", "220300", "200110", "701090"]);
    // what it searched is shown: the goods before the packing; a container named first is the goods
    expect((await combined.classifier.explain(packed, 1)).goods).toEqual(["Honig 500 g", "Bière", "Ogórki konserwowe", null]);
    expect((await older.classifier.explain(packed, 1)).goods).toEqual([null, null, null, null]);
    expect(combined.card.description).toContain("goodsBeforePacking");
  });
});
