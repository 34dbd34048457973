// Commodities named by their trade abbreviations ("GI PIPE 2 INCH", "HR COIL 2.0MM", "STPP 94%", "RBD PALM OLEIN"):
// hs-retrieval@1.22.0 and hs-retrieval-fast@1.22.0 read them as the words they stand for (abbreviation-reading.ts,
// translation revision 15), and hs-combined@1.32.0 reads a line so in its network and readings too.
import { describe, expect, it } from "vitest";
import { REAL_SET_IDS, shippedSet } from "../../workbench/evaluation/evaluation-sets";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import {
  expectCombinedSuccessor,
  expectHs6RightCounts,
  expectRealTopCodesKept,
  hs6RightOf,
  measuredOn,
  ourLines,
  shipped,
  topCodes,
} from "./real-text-support";

// our lines (fixtures/README.md), all English: written before the reading; later, before it was built; after, once it
// was; final, once it was shipped as it is. Each set after the first was read once, then used to change it as the
// fixtures' README says
const { lines: LINES, set } = ourLines("fixtures/abbreviation-lines.csv");
const SETS = [set("before", true), set("later", true), set("after", true), set("final", true)] as const;

const LINES_READ = ["GI PIPE 2 INCH", "STPP 94% TECHNICAL GRADE", "HDPE RESIN BLOW MOULDING GRADE", "CAUSTIC SODA FLAKES"];

describe("trade abbreviations read as the words they stand for (hs-retrieval@1.22.0, hs-combined@1.32.0)", () => {
  it("our lines: 50, 49, 34 and 35 English; every code an HS 2022 subheading", () => {
    expect(SETS.map((s) => s.length)).toEqual([50, 49, 34, 35]);
    const nomenclature = loadNomenclature();
    expect(LINES.filter((r) => !nomenclature.has(r.hs6!))).toEqual([]);
    expect(new Set(LINES.map((r) => r.text)).size).toBe(LINES.length);
  });

  it("both retrieval versions read them; their glossary entries move a few real lines, as measured", async () => {
    // 1.21.0 → 1.22.0 on each of SETS, and HS 6 top-1 on the rulings and the listings, as measured on 2026-12-08
    for (const [name, measured, real] of [
      [
        "hs-retrieval",
        [
          [19, 40],
          [11, 29],
          [5, 21],
          [9, 17],
        ],
        [
          [46, 46],
          [100, 99],
        ],
      ],
      [
        "hs-retrieval-fast",
        [
          [19, 36],
          [11, 27],
          [6, 19],
          [9, 18],
        ],
        [
          [41, 41],
          [96, 96],
        ],
      ],
    ] as const) {
      const [older, newer] = [await shipped(`${name}@1.21.0`), await shipped(`${name}@1.22.0`)];
      await expectHs6RightCounts(older, newer, measuredOn(SETS, measured));
      for (const [i, id] of REAL_SET_IDS.entries()) {
        const lines = shippedSet(id).lines;
        const texts = lines.map((l) => l.text);
        const right = async (model: typeof older) => hs6RightOf(lines, await model.classifier.topK(texts, 1));
        expect([await right(older), await right(newer)], `${name} ${id}`).toEqual(real[i]);
      }
      const { abbreviations } = await newer.classifier.explain(LINES_READ, 1);
      expect(abbreviations, name).toEqual([
        [{ abbreviation: "GI", english: "galvanized iron" }],
        [{ abbreviation: "STPP", english: "sodium tripolyphosphate" }],
        [{ abbreviation: "HDPE", english: "high density polyethylene" }],
        [],
      ]);
      expect((await older.classifier.explain(LINES_READ, 1)).abbreviations, name).toBeNull();
    }
  });

  it("hs-combined@1.32.0 reads them in its network and readings too; the real sets keep every top code, no set loses", async () => {
    const { combined, older } = await expectCombinedSuccessor(
      "hs-combined/1.32.0",
      "hs-retrieval@1.22.0",
      "hs-combined/1.31.0",
      expectRealTopCodesKept,
    );
    // hs-combined 1.31.0 → 1.32.0 on each of SETS, as measured on 2026-12-08
    await expectHs6RightCounts(
      older,
      combined,
      measuredOn(SETS, [
        [16, 38],
        [12, 31],
        [6, 25],
        [10, 21],
      ]),
    );
    expect(await topCodes(combined, LINES_READ)).toEqual(["730630", "283531", "390120", "281511"]);
    // an ambiguous one is read only with what it is said of: a short-sleeved shirt is no stainless steel
    const sleeves = ["MENS SS POLO SHIRT COTTON KNIT"];
    expect(await topCodes(combined, sleeves)).toEqual(["610510"]);
    expect((await combined.classifier.explain(sleeves, 1)).abbreviations).toEqual([[]]);
    expect(combined.card.description).toContain("readsAbbreviations");
  });
});
