// Fasteners, tube or pipe fittings, chain, springs, wire cloth and hinges read by their material (hs-combined@1.33.0,
// readsMetalArticles, metal-article-reading.ts): "stainless steel nuts" are 73.18's nuts, not a sink, "brass screws"
// copper's (74.15), not steel's.
import { describe, expect, it } from "vitest";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { expectCombinedSuccessor, expectHs6RightCounts, expectOnlyMaterialLinesChange, measuredOn, ourLines, topCodes } from "./real-text-support";

// our lines (fixtures/README.md): written before the reading (used to build it); later, before it was built; after,
// once it was; final, once it was built as shipped but for one pattern; each after the first read once, then used to
// change it as the fixtures' README says. English, and a few in Spanish, Portuguese, German, French, Polish, Chinese
// and Vietnamese
const { lines: LINES, set } = ourLines("fixtures/base-metal-article-lines.csv");
const SETS = [
  set("before", true),
  set("later", true),
  set("later", false),
  set("after", true),
  set("after", false),
  set("final", true),
  set("final", false),
] as const;

describe("fasteners, fittings, chain, springs, wire cloth and hinges by their material (hs-combined@1.33.0)", () => {
  it("our lines: 80, 52, 43 and 27 English, 8, 6 and 7 in other languages; every code an HS 2022 subheading", () => {
    expect(SETS.map((s) => s.length)).toEqual([80, 52, 8, 43, 6, 27, 7]);
    const nomenclature = loadNomenclature();
    expect(LINES.filter((r) => !nomenclature.has(r.hs6!))).toEqual([]);
    expect(new Set(LINES.map((r) => r.text)).size).toBe(LINES.length);
  });

  it("reads an article by the material it names, and leaves goods it does not name as they were", async () => {
    const { combined, older } = await expectCombinedSuccessor(
      "hs-combined/1.33.0",
      "hs-retrieval@1.22.0",
      "hs-combined/1.32.0",
      expectOnlyMaterialLinesChange,
    );
    // hs-combined 1.32.0 → 1.33.0, right at HS 6 on each of SETS, as measured on 2026-12-08
    await expectHs6RightCounts(
      older,
      combined,
      measuredOn(SETS, [
        [40, 65],
        [28, 48],
        [3, 8],
        [19, 37],
        [1, 6],
        [12, 23],
        [2, 6],
      ]),
    );
    const articles = [
      "stainless steel nuts",
      "brass screws",
      "aluminium nuts",
      "PVC pipe fittings",
      "UNIONS PIPE IRON STL CAST",
      "Tuercas de latón M8",
    ];
    expect(await topCodes(older, articles)).toEqual(["732410", "731815", "761699", "391723", "730300", "731816"]);
    expect(await topCodes(combined, articles)).toEqual(["731816", "741533", "761610", "391740", "730719", "741533"]);
    // machines, tools and jewellery named with a fastener's or a chain's word keep their code
    const others = [
      "Screw air compressor 15kW",
      "Bolt cutter 24 inch",
      "Pressure washer 2000 psi",
      "Stainless steel chain necklace for men",
      "Copper pipe 15mm",
    ];
    expect(await topCodes(combined, others)).toEqual(await topCodes(older, others));
    expect((await combined.classifier.explain(["Brass hex nuts M5"], 1)).materials).toMatchObject([
      [{ goods: "fasteners", code: "741533", material: "copper alloys" }],
    ]);
    expect(combined.card.limitations.join(" ")).toContain("A fastener, a tube or pipe fitting, a chain, a spring");
  });
});
