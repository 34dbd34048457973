// Goods made of a material are not the material (material-forms.ts, hs-combined from 1.24.0): a line that names a
// material is searched again without it, and a heading of the material's primary or semi-finished forms that this
// search does not name is put far down; one that it names ("wire") keeps its place.
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../models/hs-classifier/classifier";
import { combinedScores } from "../../models/hs-classifier/combined-model";
import { isFuel, isMaterialForm, withoutFuels, withoutMaterials } from "../../models/hs-classifier/material-forms";
import type { Candidate } from "../../workbench/evaluation/metrics";

describe("a line without its material words", () => {
  it("leaves out English material words, several-word materials as one", () => {
    expect(withoutMaterials("Stainless Steel Hex Nuts M8")?.trim()).toBe("Hex Nuts M8");
    expect(withoutMaterials("Zinc Alloy Drawer Knobs")?.trim()).toBe("Drawer Knobs");
    expect(withoutMaterials("cast iron grill pan, enamelled")?.replace(/\s+/g, " ").trim()).toBe("grill pan,");
    // a word that only contains a material's name stays ("glasses", "steelworks")
    expect(withoutMaterials("reading glasses")).toBeUndefined();
  });

  it("is undefined where the line names no material or nothing but materials and numbers", () => {
    expect(withoutMaterials("Hex Nuts M8")).toBeUndefined();
    expect(withoutMaterials("304 stainless steel")).toBeUndefined();
    expect(withoutMaterials("Stainless Steel")).toBeUndefined();
  });

  it("leaves out a foreign line's words read as a material, as written", () => {
    const screws = [
      { word: "不锈钢", english: "stainless steel" },
      { word: "螺丝", english: "screws" },
    ];
    expect(withoutMaterials("不锈钢螺丝", screws)?.trim()).toBe("螺丝");
    // a Vietnamese entry of several syllables is read joined and written apart
    expect(withoutMaterials("Ốc vít thép không gỉ", [{ word: "thép_không_gỉ", english: "stainless steel" }])?.trim()).toBe("ốc vít");
    // a foreign line without such a word is not searched again
    expect(withoutMaterials("Tai nghe bluetooth", [{ word: "tai_nghe", english: "headphones" }])).toBeUndefined();
  });
});

describe("the headings of a material's forms", () => {
  it("are the primary and semi-finished forms of plastics, rubber and base metals, and their waste and scrap", () => {
    for (const code of ["390110", "392010", "400122", "722300", "730721", "740811", "760612", "790111", "810890", "720421", "740400"])
      expect(isMaterialForm(code)).toBe(true);
  });

  it("are not articles of the material", () => {
    for (const code of ["731816", "732393", "392410", "761510", "830210", "940320"]) expect(isMaterialForm(code)).toBe(false);
  });
});

describe("a combined version reading what a material's articles are (unnamedFormsMargin)", () => {
  const labels = ["722300", "730721", "731816", "732393"];
  const fake = (answers: Record<string, Candidate[]>): Kernel => ({
    architecture: "flat",
    labels,
    topK: (texts, k) => texts.map((t) => (answers[t.trim()] ?? []).slice(0, k)),
    probabilityOf: () => new Float32Array(0),
  });
  const nuts = "Stainless Steel Nuts M8";
  const wire = "Stainless Steel Wire 0.5mm";
  const retrieval = fake({
    [nuts]: [
      { code: "722300", probability: 0.3 },
      { code: "730721", probability: 0.25 },
      { code: "731816", probability: 0.2 },
    ],
    // the searches without the material: nuts name fasteners, wire names wire
    "Nuts M8": [{ code: "731816", probability: 0.9 }],
    [wire]: [
      { code: "722300", probability: 0.7 },
      { code: "731816", probability: 0.1 },
    ],
    "Wire 0.5mm": [{ code: "722300", probability: 0.5 }],
  });
  const network = fake({});
  const plain = { retrievalWeight: 0.8, floor: 1e-4 };

  it("puts a form heading the line's other words do not name five points down, and keeps one they name", async () => {
    const [before, wireBefore] = await combinedScores(retrieval, network, plain, [nuts, wire]);
    expect(before!.codes.slice(0, 3)).toEqual(["722300", "730721", "731816"]);
    const [after, wireAfter] = await combinedScores(retrieval, network, { ...plain, unnamedFormsMargin: 5 }, [nuts, wire]);
    expect(after!.codes.slice(0, 3)).toEqual(["731816", "722300", "730721"]);
    const at = (scored: { codes: string[]; scores: number[] }, code: string) => scored.scores[scored.codes.indexOf(code)]!;
    expect(at(after!, "722300")).toBeCloseTo(at(before!, "722300") - 5, 12);
    expect(at(after!, "731816")).toBeCloseTo(at(before!, "731816"), 12);
    expect(wireAfter).toEqual(wireBefore);
  });
});

describe("goods named by the fuel they run on (unnamedFuelsMargin, from 1.30.0)", () => {
  it("leaves out a line's fuel and the words fuels' own lines use; a fuel line has nothing else to search", () => {
    expect(withoutFuels("Diesel car 1.5L 1461cc")?.trim()).toBe("car 1.5L 1461cc");
    expect(withoutFuels("Petrol chainsaw 52cc")?.trim()).toBe("chainsaw 52cc");
    for (const fuel of ["Diesel fuel 10ppm", "Petrol 95 octane", "Gasoline RON 95", "Diesel oil"]) expect(withoutFuels(fuel)).toBeUndefined();
    // "fuel" alone names no fuel: a fuel pump is searched as written
    expect(withoutFuels("Fuel pump electric 12V")).toBeUndefined();
    expect(withoutFuels("Hex Nuts M8")).toBeUndefined();
  });

  it("reads a foreign line's fuel through its glossary, and one left in English", () => {
    expect(
      withoutFuels("Grupo electrógeno diésel 60 kVA", [{ word: "diésel", english: "diesel" }])
        ?.replace(/\s+/g, " ")
        .trim(),
    ).toBe("grupo electrógeno 60 kva");
    expect(
      withoutFuels("Groupe électrogène diesel 250 kVA", [{ word: "groupe", english: "group" }])
        ?.replace(/\s+/g, " ")
        .trim(),
    ).toBe("groupe électrogène 250 kva");
  });

  it("puts a fuel's code the line's other words do not name five points down", async () => {
    const labels = ["271019", "870331"];
    const car = "Diesel car 1.5L";
    const fuel = "Diesel fuel 10ppm";
    const member: Kernel = {
      architecture: "flat",
      labels,
      topK: (texts, k) =>
        texts
          .map(
            (t) =>
              (
                ({
                  [car]: [
                    { code: "271019", probability: 0.6 },
                    { code: "870331", probability: 0.3 },
                  ],
                  [fuel]: [{ code: "271019", probability: 0.9 }],
                  "car 1.5L": [{ code: "870331", probability: 0.9 }],
                }) as Record<string, Candidate[]>
              )[t.trim()] ?? [],
          )
          .map((c) => c.slice(0, k)),
      probabilityOf: () => new Float32Array(0),
    };
    const plain = { retrievalWeight: 0.8, floor: 1e-4 };
    const [before, fuelBefore] = await combinedScores(member, member, plain, [car, fuel]);
    const [after, fuelAfter] = await combinedScores(member, member, { ...plain, unnamedFuelsMargin: 5 }, [car, fuel]);
    expect([before!.codes[0], after!.codes[0]]).toEqual(["271019", "870331"]);
    expect(fuelAfter).toEqual(fuelBefore);
    expect([isFuel("271012"), isFuel("271112"), isFuel("870331")]).toEqual([true, true, false]);
  });
});
