// Table, kitchen and household articles read by their material (hs-combined@1.25.0, readsHouseholdArticles,
// household-reading.ts): "Copper Saucepan" is copper's (74.18), not stainless steel's (73.23), a carbon steel wok an
// article, not wire.
import { describe, expect, it } from "vitest";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { expectCombinedSuccessor, expectHs6RightCounts, expectOnlyMaterialLinesChange, measuredOn, ourLines, topCodes } from "./real-text-support";

// our lines (fixtures/README.md): written before the reading was built, after its first build (read once: jars,
// bottles and water closets were left out, spoons and cutlery of base metal put under 82.15, a glass cup made a
// drinking glass after them) and later, never used to change anything; English, and the eight other languages
const { lines: LINES, set } = ourLines("fixtures/household-article-lines.csv");
const SETS = [set("before", true), set("before", false), set("after", true), set("later", true), set("later", false)] as const;

describe("household articles by their material (hs-combined@1.25.0)", () => {
  it("our lines: 49, 42 and 25 English, 31 and 16 in the other languages; every code an HS 2022 subheading", () => {
    expect(SETS.map((s) => s.length)).toEqual([49, 31, 42, 25, 16]);
    const nomenclature = loadNomenclature();
    expect(LINES.filter((r) => !nomenclature.has(r.hs6!))).toEqual([]);
    expect(new Set(LINES.map((r) => r.text)).size).toBe(LINES.length);
  });

  it("reads an article by the material it names, in every language, and leaves goods it does not name as they were", async () => {
    const { combined, older } = await expectCombinedSuccessor(
      "hs-combined/1.25.0",
      "hs-retrieval@1.18.0",
      "hs-combined/1.24.0",
      expectOnlyMaterialLinesChange,
    );
    // hs-combined 1.24.0 → 1.25.0, right at HS 6 on each of SETS, as measured on 2026-12-07
    const measured = [
      [20, 46],
      [22, 27],
      [18, 35],
      [11, 20],
      [6, 13],
    ] as const;
    await expectHs6RightCounts(older, combined, measuredOn(SETS, measured));
    const articles = [
      "Copper Saucepan with Brass Handle",
      "Carbon Steel Wok 14 inch Flat Bottom",
      "Stainless Steel Mesh Sieve 20cm",
      "patelnie żeliwne",
      "不锈钢筷子",
    ];
    expect(await topCodes(older, articles)).toEqual(["732393", "721730", "732410", "732393", "441912"]);
    expect(await topCodes(combined, articles)).toEqual(["741810", "732399", "732393", "732391", "821599"]);
    // goods the reading does not name keep their code: an electric kettle, a vacuum flask, a sink, a wine glass
    const others = [
      "Electric Kettle Stainless Steel 1.7L",
      "Stainless Steel Vacuum Flask 500ml",
      "Stainless Steel Kitchen Sink Single Bowl",
      "Glass Wine Glasses Set of 6",
    ];
    expect(await topCodes(combined, others)).toEqual(await topCodes(older, others));
    expect(combined.card.limitations.join(" ")).toContain("takes the subheading its material gives");
  });
});
