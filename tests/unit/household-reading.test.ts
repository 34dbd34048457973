// Table, kitchen and household articles are classified by their material (household-reading.ts, hs-combined from
// 1.25.0): 39.24 plastics, 44.19 wood, 69.11 porcelain, 69.12 other ceramics, 70.13 glass, 73.23 iron or steel (by cast
// iron, enamel, stainless steel), 74.18 copper, 76.15 aluminium; spoons, ladles and cutlery of base metal 82.15. A
// combined version applies the reading only where its best code is among the headings such an article is taken for.
import { describe, expect, it } from "vitest";
import { fakeMember } from "../support/fake-member";
import { combinedKernel, combinedScores } from "../../models/hs-classifier/combined-model";
import { readHousehold } from "../../models/hs-classifier/household-reading";
import { describeMaterial, materialFor, readMaterials } from "../../models/hs-classifier/material-reading";
import type { Candidate } from "../../workbench/evaluation/metrics";

const codeOf = (text: string) => readHousehold(text)?.code ?? null;

describe("a household article's material", () => {
  it("gives the subheading of each material's heading", () => {
    expect(codeOf("Cast Iron Skillet 10 inch")).toBe("732391");
    expect(codeOf("Enamelled Cast Iron Casserole 24cm")).toBe("732392");
    expect(codeOf("Cast Iron Dutch Oven, enamel coated")).toBe("732392");
    expect(codeOf("Enamel Steel Coffee Pot 1L")).toBe("732394");
    expect(codeOf("Stainless Steel Mixing Bowl Set")).toBe("732393");
    expect(codeOf("Carbon Steel Wok 14 inch")).toBe("732399");
    expect(codeOf("Galvanised Steel Bucket 10L")).toBe("732399");
    expect(codeOf("Hammered Copper Serving Bowl")).toBe("741810");
    expect(codeOf("Aluminium Roasting Tray")).toBe("761510");
    expect(codeOf("Melamine Serving Bowls Set of 4")).toBe("392410");
    expect(codeOf("Porcelain Soup Bowls 6 pcs")).toBe("691110");
    expect(codeOf("Stoneware Baking Dish")).toBe("691200");
    expect(codeOf("Glass Salad Bowl 25cm")).toBe("701349");
    expect(codeOf("Borosilicate Glass Measuring Jug")).toBe("701342");
    expect(codeOf("Olive Wood Cutting Board")).toBe("441990");
  });

  it("gives the kind of article where the heading's subheadings ask for it", () => {
    // plastics and porcelain: tableware and kitchenware, or other household articles
    expect(codeOf("Plastic Food Storage Containers")).toBe("392410");
    expect(codeOf("Plastic Laundry Basket with Handles")).toBe("392490");
    expect(codeOf("Plastic Dog Bowl")).toBe("392490");
    // glass: a cup, a mug or a tumbler is a drinking glass
    expect(codeOf("Double Wall Glass Coffee Cups 350ml")).toBe("701337");
    expect(codeOf("Glass Measuring Cup 500ml")).toBe("701349");
    // bamboo: boards, chopsticks, the rest
    expect(codeOf("Bamboo Chopping Board Extra Large")).toBe("441911");
    expect(codeOf("Bamboo Chopsticks 10 Pairs")).toBe("441912");
    expect(codeOf("Bamboo Serving Tray")).toBe("441919");
    // 44.19 is tableware and kitchenware only
    expect(codeOf("Wooden Laundry Basket")).toBeNull();
    // spoons, forks, ladles and cutlery of base metal are 82.15's; of plastics or wood their material's
    expect(codeOf("Stainless Steel Dinner Forks 6 pcs")).toBe("821599");
    expect(codeOf("Aluminium Ladle")).toBe("821599");
    expect(codeOf("Nylon Soup Ladle")).toBe("392410");
    expect(codeOf("Wooden Spoon Set")).toBe("441990");
  });

  it("reads the first material named that is not a handle's, a lid's, a tip's or a coating's", () => {
    expect(codeOf("Copper Saucepan with Brass Handle")).toBe("741810");
    expect(codeOf("Wooden Handle Stainless Steel Frying Pan")).toBe("732393");
    expect(codeOf("Silicone Tipped Stainless Steel Tongs")).toBe("732393");
    expect(codeOf("Glass Lid Aluminium Pot")).toBe("761510");
    // bamboo is bamboo even where a glossary's English reads the board as wooden
    expect(codeOf("Schneidebrett aus Bambus chopping board wood bamboo")).toBe("441911");
  });

  it("says what it read, as written", () => {
    expect(readHousehold("Enamelled Cast Iron Casserole 24cm")).toEqual({
      code: "732392",
      material: "cast iron, enamelled",
      words: "Enamelled … Cast Iron … Casserole",
      agrees: ["8215"],
    });
    expect(readHousehold("copper mule mugs")).toMatchObject({ words: "copper … mugs", material: "copper" });
  });

  it("reads no article it does not name, and no sink, toilet, jar or bottle", () => {
    for (const text of [
      "Stainless Steel Sheet 2mm",
      "Copper Pipe 15mm",
      "Aluminium Pan Head Screws M4",
      "Plastic Flower Pot 20cm",
      "Stainless Steel Kitchen Sink Single Bowl",
      "Ceramic Toilet Bowl",
      "porcelain china water closet bowls",
      "Glass Jar with Bamboo Lid",
      "Stainless Steel Water Bottle 750ml",
      "Aluminium Bicycle Fork",
      "Plastic Suction Cup Hooks",
      "Kitchen Scissors Heavy Duty",
    ])
      expect(codeOf(text), text).toBeNull();
    // a colander over the sink is a colander
    expect(codeOf("Plastic Colander Over the Sink")).toBe("392410");
  });

  it("applies where the best code is another material's article, the material's other articles or forms, or sanitary ware", () => {
    const [copper] = readMaterials("Copper Saucepan with Brass Handle", { household: true });
    expect(copper!.goods).toBe("table, kitchen or household articles");
    for (const best of ["732393", "741980", "740811", "732410", "392410"]) expect(materialFor([copper!], best)?.code, best).toBe("741810");
    // goods it does not name, and spoons, ladles and cutlery of base metal: kept
    for (const best of ["821599", "851679", "961700", "940320"]) expect(materialFor([copper!], best), best).toBeUndefined();
    expect(materialFor([copper!], "741810")!.code).toBe("741810");
    // iron or steel named alone does not contradict any of 73.23's subheadings
    const [steel] = readMaterials("Steel Dish Rack 2 Tier", { household: true });
    expect(materialFor([steel!], "732393")).toBeUndefined();
    expect(materialFor([steel!], "732690")!.code).toBe("732399");
    expect(describeMaterial(copper!)).toBe("table, kitchen or household articles of copper (“Copper … Saucepan”) → 7418.10");
    // only where the version asks for it
    expect(readMaterials("Copper Saucepan with Brass Handle")).toEqual([]);
  });
});

describe("a combined version reading household articles (readsHouseholdArticles)", () => {
  const labels = ["392410", "441911", "441990", "732393", "741810", "741980"];
  const fake = (answers: Record<string, Candidate[]>, translations: Record<string, { word: string; english: string }[]> = {}) =>
    fakeMember(labels, answers, { translations: (texts) => texts.map((t) => translations[t] ?? []) });
  const saucepan = "Copper Saucepan";
  const board = "tabla de cortar de plástico";
  const retrieval = fake(
    {
      [saucepan]: [
        { code: "732393", probability: 0.6 },
        { code: "741980", probability: 0.2 },
      ],
      [board]: [
        { code: "441911", probability: 0.5 },
        { code: "441990", probability: 0.2 },
      ],
    },
    {
      [board]: [
        { word: "tabla de cortar", english: "chopping board wood" },
        { word: "plástico", english: "plastic" },
      ],
    },
  );
  const network = fake({});
  const config = { retrievalWeight: 0.8, floor: 1e-4, materialMargin: 1, garmentsThroughTranslations: true };

  it("puts the material's subheading one point above the best code, a foreign line's own material word first", async () => {
    const [before] = await combinedScores(retrieval, network, config, [saucepan, board]);
    expect(before!.codes[0]).toBe("732393");
    const [copper, plastic] = await combinedScores(retrieval, network, { ...config, readsHouseholdArticles: true }, [saucepan, board]);
    expect(copper!.codes.slice(0, 2)).toEqual(["741810", "732393"]);
    expect(copper!.scores[0]! - copper!.scores[1]!).toBeCloseTo(1, 12);
    expect(plastic!.codes[0]).toBe("392410");
    const kernel = combinedKernel(retrieval, network, { ...config, readsHouseholdArticles: true }, 1);
    expect(kernel.materials!([board])[0]!.map((r) => r.words)).toEqual(["plastic … chopping board"]);
  });
});
