// Goods read by what they are made of (material-reading.ts, hs-combined from 1.19.0): chapter 71's notes put jewellery
// of precious metal in 71.13 whatever it is set with, jewellery with genuine pearls or stones (natural, synthetic or
// reconstructed) in 71.16, the rest in 71.17; a material named as a colour, a plating, a cut or an imitation is not
// there. Wigs of human hair are 6704.20. The combined version applies a reading only where its own best code is in the
// reading's headings.
import { describe, expect, it } from "vitest";
import { fakeMember } from "../support/fake-member";
import { combinedKernel, combinedScores } from "../../models/hs-classifier/combined-model";
import { describeMaterial, materialFor, readMaterials } from "../../models/hs-classifier/material-reading";
import { explainedBy } from "../../app/classify/evidence";
import type { Candidate } from "../../workbench/evaluation/metrics";

const jewellery = (text: string) => readMaterials(text).find((r) => r.goods === "jewellery");
const codeOf = (text: string) => jewellery(text)?.code ?? null;

describe("jewellery's material", () => {
  it("reads precious metal first, whatever the article is set with", () => {
    expect(codeOf("925 Sterling Silver Hoop Earrings")).toBe("711311");
    expect(codeOf("S925 Silver Cubic Zirconia Ring")).toBe("711311");
    expect(codeOf("Sterling Silver Freshwater Pearl Earrings")).toBe("711311");
    expect(codeOf("14K Solid Gold Stud Earrings")).toBe("711319");
    expect(codeOf("18k white gold ring with diamond")).toBe("711319");
    expect(codeOf("14K 585 Rose Gold Moissanite Ring")).toBe("711319");
    expect(codeOf("750 yellow gold chain")).toBe("711319");
    expect(codeOf("Platinum wedding band")).toBe("711319");
    expect(codeOf("14K Gold Filled Paperclip Chain")).toBe("711320");
    expect(codeOf("Rolled Gold Bangle")).toBe("711320");
  });

  it("reads genuine stones (synthetic ones count) and genuine pearls where no precious metal is named", () => {
    expect(codeOf("Stainless Steel Cubic Zirconia Tennis Bracelet")).toBe("711620");
    expect(codeOf("Brass pendant with zircon stones")).toBe("711620");
    expect(codeOf("CZ Huggie Hoops 18K Gold Plated")).toBe("711620");
    expect(codeOf("Natural Amethyst Bead Bracelet")).toBe("711620");
    expect(codeOf("lab grown diamond earrings alloy")).toBe("711620");
    expect(codeOf("Freshwater Cultured Pearl Strand Necklace")).toBe("711610");
    expect(codeOf("Natural Baroque Pearl Earrings Gold Plated")).toBe("711610");
  });

  it("reads no material named as a colour, a plating, a cut or an imitation", () => {
    for (const text of [
      "18K Gold Color Titanium Steel Necklace",
      "Gold Plated Stainless Steel Chain",
      "925 Silver Plated heart pendant",
      "Sterling Silver Plated ring",
      "Silver Tone Charm Bracelet",
      "Turquoise Blue Enamel Brooch",
      "Emerald Green Glass Earrings",
      "Diamond Cut Figaro Chain",
      "Faux Pearl Necklace",
      "Glass Pearl Necklace",
      "Natural Pearl Shell Pendant",
      "Acrylic diamond ring",
      "Rhinestone Crystal Statement Necklace",
    ])
      expect(codeOf(text), text).toBeNull();
  });

  it("says what it read, as written", () => {
    expect(describeMaterial(jewellery("Brass and Zircon Flower Charms")!)).toBe("jewellery of precious or semi-precious stones (“Zircon”) → 7116.20");
    expect(describeMaterial(jewellery("10K Gold Initial Pendant")!)).toBe("jewellery of gold or platinum (“10K Gold”) → 7113.19");
  });
});

describe("wigs' material", () => {
  it("reads human hair, unless the line says synthetic fibre or only its look", () => {
    const hair = (text: string) => readMaterials(text).find((r) => r.goods === "wigs and hairpieces")?.code ?? null;
    expect(hair("Glueless Wig Human Hair 13x4 Lace Front")).toBe("670420");
    expect(hair("Virgin Remy Hair Bulk for braiding")).toBe("670420");
    expect(hair("Synthetic Lace Front Wig Human Hair Feel")).toBeNull();
    expect(hair("Heat Resistant Fiber Wig looks like human hair")).toBeNull();
    expect(hair("Long Straight Wig for Women")).toBeNull();
  });

  it("applies only where the best code is in the reading's headings", () => {
    const read = readMaterials("Human hair wig with 925 silver clip");
    expect(read.map((r) => r.code)).toEqual(["711311", "670420"]);
    expect(materialFor(read, "670419")!.code).toBe("670420");
    expect(materialFor(read, "711719")!.code).toBe("711311");
    expect(materialFor(read, "330590")).toBeUndefined();
  });
});

describe("a combined version reading materials (materialMargin)", () => {
  const labels = ["711311", "711620", "711719", "910521"];
  const fake = (answers: Record<string, Candidate[]>) => fakeMember(labels, answers);
  const bracelet = "Stainless Steel Zircon Bracelet";
  const clock = "Quartz Wall Clock";
  const imitation = [
    { code: "711719", probability: 0.6 },
    { code: "711311", probability: 0.2 },
  ];
  const member = fake({ [bracelet]: imitation, [clock]: [{ code: "910521", probability: 0.9 }] });
  const config = { retrievalWeight: 0.8, floor: 1e-4, materialMargin: 1 };

  it("puts the material's subheading one point above the best code where that is jewellery, named by the members or not", async () => {
    const [read, unread] = await combinedScores(member, member, config, [bracelet, clock]);
    expect(read!.codes.slice(0, 2)).toEqual(["711620", "711719"]);
    expect(read!.scores[0]! - read!.scores[1]!).toBeCloseTo(1, 12);
    // a line whose best code is no jewellery is not read so ("quartz")
    expect(unread!.codes).toEqual((await combinedScores(member, member, { retrievalWeight: 0.8, floor: 1e-4 }, [clock]))[0]!.codes);
  });

  it("says so in the explanation only where it applied", async () => {
    const kernel = combinedKernel(member, member, config, 1);
    const [read, unread] = kernel.materials!([bracelet, clock]);
    expect(read!.map((r) => r.code)).toEqual(["711620"]);
    const [top, clockTop] = (await kernel.topK([bracelet, clock], 1)).map((c) => c[0]!.code);
    const explained = explainedBy(bracelet, top, [], () => [], { materials: read });
    expect(explained.material).toBe("jewellery of precious or semi-precious stones (“Zircon”) → 7116.20");
    // the clock's "quartz" is read, but its top code is no jewellery: the explanation shows none
    expect(unread!.map((r) => r.words)).toEqual(["Quartz"]);
    expect(explainedBy(clock, clockTop, [], () => [], { materials: unread }).material).toBeNull();
  });
});
