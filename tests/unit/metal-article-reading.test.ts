// Fasteners, tube or pipe fittings, chain, springs, wire cloth and hinges are classified by their material
// (metal-article-reading.ts, hs-combined from 1.33.0): 73.18, 74.15, 7616.10 and 3926.90 for screws, bolts, nuts and
// washers; 73.07, 74.12, 76.09 and 3917.40 for fittings; 73.15, 73.20, 73.14, 8302.10. A combined version applies the
// reading only where its best code is among the headings such an article is taken for.
import { describe, expect, it } from "vitest";
import { fakeMember } from "../support/fake-member";
import { combinedScores } from "../../models/hs-classifier/combined-model";
import { describeMaterial, materialFor, readMaterials } from "../../models/hs-classifier/material-reading";
import { readMetalArticle } from "../../models/hs-classifier/metal-article-reading";
import type { Candidate } from "../../workbench/evaluation/metrics";

const codeOf = (text: string) => readMetalArticle(text)?.code ?? null;

describe("a fastener's, a fitting's, a chain's, a spring's, wire cloth's or a hinge's material", () => {
  it("gives the subheading of each material's heading for fasteners and nails", () => {
    expect(codeOf("stainless steel nuts")).toBe("731816");
    expect(codeOf("HEX BOLT M12X50 GR 8.8 ZINC PLATED")).toBe("731815");
    expect(codeOf("SPRING WASHER M8 stainless steel")).toBe("731821");
    expect(codeOf("FLAT WASHERS STAINLESS STEEL M6")).toBe("731822");
    expect(codeOf("POP RIVETS STEEL 3.2MM")).toBe("731823");
    expect(codeOf("COTTER PINS STAINLESS STEEL")).toBe("731824");
    expect(codeOf("LAG SCREWS STEEL 8X80")).toBe("731811");
    expect(codeOf("steel wood screws")).toBe("731812");
    expect(codeOf("TEK SCREWS 12-14 X 1 GALVANISED")).toBe("731814");
    expect(codeOf("GALVANIZED COMMON NAILS 3 INCH")).toBe("731700");
    // copper's subheadings: washers, rivets, threaded; aluminium, plastics, rubber washers, other metals
    expect(codeOf("COPPER WASHERS 10MM")).toBe("741521");
    expect(codeOf("copper rivets")).toBe("741529");
    expect(codeOf("brass screws")).toBe("741533");
    expect(codeOf("brass nails")).toBe("741510");
    expect(codeOf("BLIND RIVETS ALUMINIUM 4.8X12")).toBe("761610");
    expect(codeOf("NYLON WASHER M10")).toBe("392690");
    expect(codeOf("RUBBER WASHERS 1/2 INCH")).toBe("401693");
    expect(codeOf("TITANIUM BOLTS M6")).toBe("810890");
    expect(codeOf("ZINC ALLOY SCREWS")).toBe("790700");
  });

  it("reads screws or bolts with their nuts as the screws or bolts", () => {
    expect(codeOf("stainless steel bolts and nuts")).toBe("731815");
    expect(codeOf("steel nuts and bolts M10")).toBe("731815");
    expect(codeOf("brass nuts and bolts")).toBe("741533");
  });

  it("gives fittings, chain, springs, wire cloth and hinges their subheadings", () => {
    expect(codeOf("STAINLESS STEEL FLANGE DN50 PN16")).toBe("730721");
    expect(codeOf("STAINLESS STEEL THREADED ELBOW 1 INCH")).toBe("730722");
    expect(codeOf("CARBON STEEL BUTT WELD ELBOW 90 DEG SCH40")).toBe("730793");
    expect(codeOf("UNIONS, PIPE, STEEL, CAST")).toBe("730719");
    expect(codeOf("MALLEABLE IRON PIPE FITTINGS GALVANIZED")).toBe("730719");
    expect(codeOf("copper pipe fittings")).toBe("741210");
    expect(codeOf("BRASS ELBOW 1/2 BSP")).toBe("741220");
    expect(codeOf("aluminium pipe fittings")).toBe("760900");
    expect(codeOf("PVC TEE 50MM PRESSURE PIPE")).toBe("391740");
    expect(codeOf("STEEL ROLLER CHAIN 08B-1")).toBe("731511");
    expect(codeOf("SNOW CHAINS FOR CARS STEEL")).toBe("731520");
    expect(codeOf("GALVANIZED LINK CHAIN 6MM")).toBe("731582");
    expect(codeOf("brass chain")).toBe("741980");
    expect(codeOf("LEAF SPRINGS FOR TRUCKS STEEL")).toBe("732010");
    expect(codeOf("STEEL EXTENSION SPRINGS")).toBe("732020");
    expect(codeOf("GALVANIZED WELDED WIRE MESH 2X2 INCH")).toBe("731431");
    expect(codeOf("STAINLESS STEEL WIRE MESH 100 MESH")).toBe("731414");
    expect(codeOf("HEXAGONAL WIRE NETTING GALVANISED")).toBe("731441");
    expect(codeOf("EXPANDED METAL SHEET STEEL")).toBe("731450");
    expect(codeOf("ALUMINIUM INSECT SCREEN MESH")).toBe("761691");
    expect(codeOf("BRASS HINGES 3 INCH")).toBe("830210");
    expect(codeOf("PLASTIC HINGES FOR CABINET")).toBe("392630");
  });

  it("reads the first article named and the first material that is not a plating's or a part's", () => {
    expect(codeOf("zinc plated steel bolts")).toBe("731815");
    expect(codeOf("CHIPBOARD SCREWS 4X40 YELLOW ZINC STEEL")).toBe("731812");
    expect(codeOf("NICKEL PLATED BRASS NUTS")).toBe("741533");
    expect(codeOf("nylon insert lock nuts")).toBeNull();
    // a screw named before its washers' rubber: no material of the screw
    expect(codeOf("a hex head cap screw, neoprene washers, an insert")).toBeNull();
    expect(codeOf("ROOFING NAILS GALVANIZED WITH RUBBER WASHER")).toBe("731700");
  });

  it("says what it read, as written", () => {
    expect(readMetalArticle("Brass Wood Screws 4x30")).toEqual({
      kind: "fasteners",
      code: "741533",
      material: "copper alloys",
      words: "Brass … Screws",
      agrees: ["741533"],
    });
  });

  it("reads no machine, tool, jewellery, household article, goods of mesh or pipe", () => {
    for (const text of [
      "Screw air compressor 15kW",
      "Screw conveyor stainless steel",
      "Bolt cutter 24 inch steel",
      "Pressure washer stainless steel lance",
      "Stainless steel nail clippers",
      "Stainless steel chain necklace for men",
      "Stainless steel chain hoist 1 ton",
      "Stainless Steel Mesh Strainer",
      "Loose Leaf Tea Infuser Ball Stainless Steel Mesh",
      "barbed wire twisted wire for fencing, iron/stl",
      "copper pipe 15mm",
      "stainless steel spoons",
      "Stainless Steel Bucket with Handle",
      "PVC COATED CHAIN LINK FENCE",
    ])
      expect(codeOf(text), text).toBeNull();
    // a fitting's word needs a pipe's: a gear reducer, a shaft coupling
    expect(codeOf("Steel gear reducer 1:20")).toBeNull();
    expect(codeOf("steel shaft coupling")).toBeNull();
  });

  it("applies where the best code is another material's article or another article of its material", () => {
    const [nuts] = readMaterials("stainless steel nuts", { household: true, metalArticles: true });
    expect(nuts!.goods).toBe("fasteners");
    for (const best of ["732410", "732393", "722300", "731815", "741533", "845011"]) expect(materialFor([nuts!], best)?.code, best).toBe("731816");
    // goods it does not name, or the right code: kept
    for (const best of ["731816", "820411", "711719", "848180"]) expect(materialFor([nuts!], best), best).toBeUndefined();
    // a household article is read as one, not as wire cloth
    expect(readMaterials("Stainless Steel Mesh Sieve", { household: true, metalArticles: true }).map((r) => r.goods)).toEqual([
      "table, kitchen or household articles",
    ]);
    expect(describeMaterial(nuts!)).toBe("fasteners of stainless steel (“stainless steel … nuts”) → 7318.16");
    // only where the version asks for it
    expect(readMaterials("stainless steel nuts", { household: true })).toEqual([]);
  });
});

describe("a combined version reading fasteners and fittings (readsMetalArticles)", () => {
  const labels = ["731815", "731816", "732410", "741533"];
  const fake = (answers: Record<string, Candidate[]>) => fakeMember(labels, answers);
  const nuts = "stainless steel nuts";
  const retrieval = fake({
    [nuts]: [
      { code: "732410", probability: 0.6 },
      { code: "731816", probability: 0.2 },
    ],
  });
  const network = fake({});
  const config = { retrievalWeight: 0.8, floor: 1e-4, materialMargin: 1, readsHouseholdArticles: true };

  it("puts the material's subheading one point above the best code", async () => {
    const [before] = await combinedScores(retrieval, network, config, [nuts]);
    expect(before!.codes[0]).toBe("732410");
    const [after] = await combinedScores(retrieval, network, { ...config, readsMetalArticles: true }, [nuts]);
    expect(after!.codes.slice(0, 2)).toEqual(["731816", "732410"]);
    expect(after!.scores[0]! - after!.scores[1]!).toBeCloseTo(1, 12);
  });
});
