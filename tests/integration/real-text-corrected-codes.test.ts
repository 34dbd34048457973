// Codes our goods glossaries had wrong (hs-retrieval@1.20.0, hs-retrieval-fast@1.20.0, hs-combined@1.27.0): sleeping
// bags were under 9404.90 beside the nomenclature's "Sleeping bags" (9404.30), duvets and quilts too (9404.40), spark
// plugs under ignition magnetos, playing cards under other games, tomato paste under whole tomatoes, wrist watches with
// hands under 9102.19…; training-glossary.test.ts checks the glossaries' codes against the nomenclature's own words.
import { describe, expect, it } from "vitest";
import type { LoadedModel } from "../../models/hs-classifier/artifact";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import {
  comparedSets,
  expectCombinedSuccessor,
  expectHs6RightCounts,
  expectNoSetLoses,
  isRight,
  measuredOn,
  ourLines,
  shipped,
  topCodes,
} from "./real-text-support";

// our lines (fixtures/README.md): written before the glossaries were corrected, and later, never used to change
// anything; English, and Spanish, Portuguese, Polish, French, German, Chinese, Vietnamese and Thai
const { lines: LINES, set } = ourLines("fixtures/corrected-code-lines.csv");
const SETS = [set("before", true), set("before", false), set("later", true), set("later", false)] as const;

const GOODS = ["sleeping bag", "duvet", "quilt", "spark plug", "playing cards", "tomato paste", "quartz watch", "automatic watch"];
const CODES = ["940430", "940440", "940440", "851110", "950440", "200290", "910211", "910221"];
const OLD_CODES = ["940490", "940490", "940490", "851120", "950440", "200210", "910219", "910211"];

/** Lines of each compared set right at top 1 by the older version and not the newer, and the other way round. */
async function movedRight(newer: LoadedModel, older: LoadedModel) {
  const moved: Record<string, [lost: number, gained: number]> = {};
  for (const [id, lines] of comparedSets()) {
    const texts = lines.map((l) => l.text);
    const [now, before] = [await topCodes(newer, texts), await topCodes(older, texts)];
    const right = (codes: string[]) => lines.map((l, i) => isRight(l, codes[i]!));
    const [was, is] = [right(before), right(now)];
    moved[id] = [was.filter((r, i) => r && !is[i]).length, is.filter((r, i) => r && !was[i]).length];
  }
  return moved;
}

describe("codes corrected in our goods glossaries (hs-retrieval@1.20.0, hs-retrieval-fast@1.20.0, hs-combined@1.27.0)", () => {
  it("our lines: 45 and 23 English, 40 and 11 in eight other languages; every code an HS 2022 subheading", () => {
    expect(SETS.map((s) => s.length)).toEqual([45, 40, 23, 11]);
    const nomenclature = loadNomenclature();
    expect(LINES.filter((r) => !nomenclature.has(r.hs6!))).toEqual([]);
    expect(new Set(LINES.map((r) => r.text)).size).toBe(LINES.length);
  });

  it("both retrieval versions read the goods under their corrected codes; no set they are compared on loses", async () => {
    // 1.19.0 → 1.20.0 on each of SETS, as measured on 2026-12-07
    for (const [name, measured] of [
      [
        "hs-retrieval",
        [
          [7, 39],
          [3, 36],
          [3, 20],
          [1, 8],
        ],
      ],
      [
        "hs-retrieval-fast",
        [
          [6, 35],
          [3, 36],
          [3, 19],
          [1, 8],
        ],
      ],
    ] as const) {
      const [older, newer] = [await shipped(`${name}@1.19.0`), await shipped(`${name}@1.20.0`)];
      expect(await topCodes(newer, GOODS), name).toEqual(CODES);
      // the glossaries' old codes (playing cards were read by the nomenclature's own line already)
      expect(await topCodes(older, GOODS), name).toEqual(OLD_CODES);
      await expectHs6RightCounts(older, newer, measuredOn(SETS, measured));
      await expectNoSetLoses(newer, older);
    }
  });

  it("hs-combined@1.27.0 reads them so too; one listing moves off its code, one ruling onto it", async () => {
    const { combined, older } = await expectCombinedSuccessor("hs-combined/1.27.0", "hs-retrieval@1.20.0", "hs-combined/1.26.0", async () => {});
    // hs-combined 1.26.0 → 1.27.0 on each of SETS
    await expectHs6RightCounts(
      older,
      combined,
      measuredOn(SETS, [
        [5, 40],
        [3, 36],
        [3, 21],
        [1, 8],
      ]),
    );
    expect(await topCodes(combined, GOODS)).toEqual(CODES);
    expect(await topCodes(older, GOODS)).toEqual(OLD_CODES.map((c) => (c === "950440" ? "950490" : c)));
    // a set of tarot-like cards whose expert gave 9504.90 leaves it (no glossary term of that code names cards now) for
    // memory cards; night vision monoculars are read under 9005.80; our Chinese and Vietnamese duvets and the European
    // spark plugs and sleeping bags under theirs
    expect(await movedRight(combined, older)).toEqual({
      "cbp-rulings": [0, 1],
      "marketplace-listings": [1, 0],
      "own-foreign-lines": [0, 0],
      "own-asian-lines": [0, 2],
      "after the trade glossaries": [0, 7],
    });
    expect(combined.card.description).toContain("sleeping bags 9404.30");
  });
});
