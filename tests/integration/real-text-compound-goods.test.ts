// Goods named after what they hold, serve or are used with (hs-retrieval@1.17.0, hs-retrieval-fast@1.17.0,
// hs-combined@1.23.0): a fifth hand-written glossary (fixtures/glossary/compound-goods.csv), a wine glass under 7013.28
// (stemware), and the Asian words for pepper the spice read as peppercorns too.
import { describe, expect, it } from "vitest";
import type { LoadedModel } from "../../models/hs-classifier/artifact";
import { glossaryTerms, loadTranslations } from "../../models/hs-classifier/retrieval-documents";
import { HAND_WRITTEN_LANGUAGES } from "../../models/hs-classifier/retrieval-text";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import {
  expectCombinedSuccessor,
  expectHs6RightCounts,
  expectNoSetLoses,
  hs6Right,
  measuredOn,
  ourLines,
  shipped,
  topCodes,
} from "./real-text-support";

// our lines (fixtures/README.md): written before the glossary (while its goods were chosen) and after it was done,
// never used to change anything; English, and Chinese, Vietnamese and Thai
const { lines: LINES, set } = ourLines("fixtures/compound-goods-lines.csv");
// the counts below: right at HS 6 before and after on each of SETS (measuredOn), as measured on 2026-12-07
const SETS = [set("before", true), set("before", false), set("after", true), set("after", false)] as const;
// the glossary's own names, each with its code
const TERMS = glossaryTerms("compound-goods").map((t) => ({ text: t.text, hs6: t.code }));
const readAsOwnCode = (model: LoadedModel) => hs6Right(model, TERMS, "text");

describe("goods named after what they hold or serve (hs-retrieval@1.17.0, hs-retrieval-fast@1.17.0, hs-combined@1.23.0)", () => {
  it("our lines: 46 English and 10 a language written before the glossary, 37 and 10 after; every code an HS 2022 subheading", () => {
    expect(SETS.map((s) => s.length)).toEqual([46, 30, 37, 30]);
    for (const language of HAND_WRITTEN_LANGUAGES)
      expect(["before", "after"].map((w) => LINES.filter((r) => r.language === language && r.written === w).length)).toEqual([10, 10]);
    const nomenclature = loadNomenclature();
    expect(LINES.filter((r) => !nomenclature.has(r.hs6!))).toEqual([]);
    expect(new Set(LINES.map((r) => r.text)).size).toBe(LINES.length);
    expect(TERMS).toHaveLength(130);
  });

  it("reads more of our lines right, and the glossary's own names; no set it is compared on has fewer lines right", async () => {
    for (const [name, measured, names] of [
      [
        "hs-retrieval",
        [
          [12, 44],
          [4, 21],
          [9, 15],
          [5, 10],
        ],
        [22, 129],
      ],
      [
        "hs-retrieval-fast",
        [
          [11, 41],
          [6, 17],
          [8, 14],
          [3, 8],
        ],
        [21, 124],
      ],
    ] as const) {
      const [older, newer] = [await shipped(`${name}@1.16.0`), await shipped(`${name}@1.17.0`)];
      await expectHs6RightCounts(older, newer, measuredOn(SETS, measured));
      expect([await readAsOwnCode(older), await readAsOwnCode(newer)]).toEqual(names);
      await expectNoSetLoses(newer, older);
    }
  });

  it("a coffee table is no coffee, nor a fish tank a tank top; wine glasses are stemware; black pepper stays the spice", async () => {
    const [older, newer] = [await shipped("hs-retrieval@1.16.0"), await shipped("hs-retrieval@1.17.0")];
    const lines = ["coffee table", "beer mug", "fish tank", "egg beater", "pepper mill"];
    expect(await topCodes(older, lines)).toEqual(["090121", "220300", "610990", "040721", "090411"]);
    expect(await topCodes(newer, lines)).toEqual(["940360", "701337", "702000", "821000", "821000"]);
    const wineGlasses = ["wine glass", "copas de vino", "Weingläser", "红酒杯", "ly rượu vang", "แก้วไวน์"];
    expect(await topCodes(newer, wineGlasses)).toEqual(wineGlasses.map(() => "701328"));
    // the spice, read in each language beside the new pepper mill
    const pepper = ["black pepper", "黑胡椒粒", "Hạt tiêu đen", "พริกไทยดำ"];
    expect(await topCodes(newer, pepper)).toEqual(pepper.map(() => "090411"));
    const { handWritten } = loadTranslations(HAND_WRITTEN_LANGUAGES);
    expect(["胡椒", "hạt tiêu", "พริกไทย"].map((w) => handWritten.get(w))).toEqual(["pepper peppercorns", "pepper peppercorns", "pepper peppercorns"]);
  });

  it("hs-combined@1.23.0 reads them as its member does; no set it is compared on has fewer lines right", async () => {
    const { combined, older } = await expectCombinedSuccessor("hs-combined/1.23.0", "hs-retrieval@1.17.0", "hs-combined/1.22.0", expectNoSetLoses);
    await expectHs6RightCounts(
      older,
      combined,
      measuredOn(SETS, [
        [15, 41],
        [4, 21],
        [12, 20],
        [5, 10],
      ]),
    );
    expect([await readAsOwnCode(older), await readAsOwnCode(combined)]).toEqual([22, 126]);
  });
});
