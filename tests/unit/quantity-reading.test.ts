// Subheadings told apart by a quantity (quantity-reading.ts, hs-combined from 1.30.0): the ranges the nomenclature's own
// texts give, the quantities a description writes, and the code of the range that holds them.
import { describe, expect, it } from "vitest";
import { fakeMember } from "../support/fake-member";
import { explainedBy } from "../../app/classify/evidence";
import { combinedKernel, combinedScores } from "../../models/hs-classifier/combined-model";
import {
  describeQuantity,
  holds,
  parseNumber,
  quantityCode,
  quantityRanges,
  quantitySubheadings,
  readQuantities,
} from "../../models/hs-classifier/quantity-reading";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";

const bounds = (text: string) => quantityRanges(text).map((r) => [r.kind, r.min, r.minIncluded, r.max, r.maxIncluded, r.text]);
const read = (text: string) => readQuantities(text).map((q) => [q.kind, q.min, q.max, q.written]);

describe("the ranges a subheading's text gives", () => {
  it("reads each bound and pair as the nomenclature writes them, in the kind's base unit", () => {
    expect(bounds("Transformers; having a power handling capacity exceeding 16kVA but not exceeding 500kVA")).toEqual([
      ["apparent power", 16_000, false, 500_000, true, "exceeding 16kVA but not exceeding 500kVA"],
    ]);
    expect(bounds("Vehicles; spark-ignition, cylinder capacity over 1500 but not over 3000cc")).toEqual([
      ["cylinder capacity", 1500, false, 3000, true, "over 1500 but not over 3000cc"],
    ]);
    expect(bounds("Wine; still, in containers holding 2 litres or less")).toEqual([["volume", undefined, false, 2000, true, "2 litres or less"]]);
    expect(bounds("Swine; live, weighing 50kg or more")).toEqual([["mass", 50_000, true, undefined, false, "50kg or more"]]);
    expect(bounds("Paper; weighing 40g/m2 to 150g/m2, in rolls")).toEqual([["weight per m²", 40, true, 150, true, "40g/m2 to 150g/m2"]]);
    expect(bounds("Kraft paper; weight more than 150g/m2 but less than 225g/m2")).toEqual([
      ["weight per m²", 150, false, 225, false, "more than 150g/m2 but less than 225g/m2"],
    ]);
    expect(bounds("Glues; put up for retail sale, not exceeding a net weight of 1kg")).toEqual([
      ["mass", undefined, false, 1000, true, "not exceeding a net weight of 1kg"],
    ]);
    expect(bounds("Insulated electric conductors; for a voltage not exceeding 1000 volts, fitted with connectors")).toEqual([
      ["voltage", undefined, false, 1000, true, "not exceeding 1000 volts"],
    ]);
  });

  it("reads two kinds apart, and leaves out a kind given twice, numbers without a unit and lengths", () => {
    expect(
      quantityRanges("Vacuum cleaners; of a power not exceeding 1,500 W and a receptacle capacity not exceeding 20 l").map((r) => [r.kind, r.max]),
    ).toEqual([
      ["power", 1500],
      ["volume", 20_000],
    ]);
    expect(bounds("Hides; of a weight per skin not exceeding 8kg when simply dried, 10kg when dry-salted")).toEqual([]);
    expect(bounds("Tractors; n.e.c. in heading no 8701, of chapter 87")).toEqual([]);
    expect(bounds("Iron; flat-rolled, of a width 600mm or more, of a thickness of 3mm or more but less than 4.75mm")).toEqual([]);
  });

  it("reads the nomenclature's quantity subheadings with the text they share but for their ranges", () => {
    const table = quantitySubheadings(loadNomenclature().subheadings());
    const of = (code: string) => table.find((s) => s.code === code);
    expect(table.length).toBeGreaterThan(250);
    expect(of("850421")!.ranges.map((r) => r.text)).toEqual(["not exceeding 650kVA"]);
    expect(of("870194")!.ranges.map((r) => [r.min, r.max])).toEqual([[75_000, 130_000]]);
    // cotton fabrics of 52.08 and 52.09 differ only by their weight
    expect(of("520832")!.stem).toBe(of("520931")!.stem);
    expect(of("520832")!.stem).toBe(of("520831")!.stem);
    expect(of("520832")!.stem).not.toBe(of("520833")!.stem);
    expect(of("850110")).toBeDefined();
    expect(of("850140")).toBeUndefined();
  });
});

describe("the quantities a description writes", () => {
  it("reads values with their unit, decimal commas and thousands, horsepower, pounds and German ccm", () => {
    expect(["1,000", "1.500", "10.000,5", "7,5", "1.5", "0,37", "0.500"].map(parseNumber)).toEqual([1000, 1500, 10_000.5, 7.5, 1.5, 0.37, 0.5]);
    expect(read("Transformer 100 kVA oil immersed")).toEqual([["apparent power", 100_000, 100_000, "100 kVA"]]);
    expect(read("Drehstrommotor 7,5 kW")).toEqual([["power", 7500, 7500, "7,5 kW"]]);
    expect(read("Outboard 20 HP")[0]![1]).toBeCloseTo(14_914, 0);
    expect(read("Motorrad 1000 ccm")).toEqual([["cylinder capacity", 1000, 1000, "1000 ccm"]]);
    expect(read("Dog food 5 lbs")[0]![1]).toBeCloseTo(2268, 0);
    expect(read("Red wine 750ml bottle")).toEqual([["volume", 750, 750, "750ml"]]);
  });

  it("reads a bound as declarations write it, in full or abbreviated", () => {
    expect(read("nonwov gt 150g/m2, nt floor covering")).toEqual([["weight per m²", 150, undefined, "gt 150g/m2"]]);
    expect(read("Wash Mach Capacity Not Exc 10 Kg")).toEqual([["mass", undefined, 10_000, "Not Exc 10 Kg"]]);
    expect(read("pln wv, unblch, not gt 100g/m2")).toEqual([["weight per m²", undefined, 100, "not gt 100g/m2"]]);
    expect(read("Vacuum cleaner max 1500W")).toEqual([["power", undefined, 1500, "max 1500W"]]);
    expect(read("fabric >100G/M2")).toEqual([["weight per m²", 100, undefined, ">100G/M2"]]);
    expect(readQuantities("AC MOTORS GT 14.92KW BUT LT= 75 KW").map((q) => [q.min, q.minIncluded, q.max, q.maxIncluded])).toEqual([
      [14_920, false, undefined, false],
      [undefined, false, 75_000, true],
    ]);
  });

  it("reads no quantity from a unit it does not know, a fraction or a number inside a word", () => {
    expect(read("Power bank 10000mAh")).toEqual([]);
    expect(read("Electric motors LT 18.65 1/40 HP")).toEqual([]);
    expect(read("Kabel 0,6/1 kV")).toEqual([]);
    expect(read("iPhone 15 Pro 256GB")).toEqual([]);
    expect(read("M10 bolts")).toEqual([]);
  });
});

describe("the code of the range that holds a description's quantities", () => {
  const table = new Map(quantitySubheadings(loadNomenclature().subheadings()).map((s) => [s.code, s]));
  const code = (text: string, ranked: string[]) => quantityCode(readQuantities(text), ranked, table);

  it("gives the best scored code of the heading whose range holds one, where the best code's holds none", () => {
    expect(code("Transformer 100 kVA oil immersed", ["850431", "850421", "850433"])).toBe("850421");
    expect(code("Motorcycle 650cc", ["871120", "871410", "871140"])).toBe("871140");
    // a bound: "gt 150g/m2" is not in "not more than 150"
    expect(code("nonwov gt 150g/m2", ["560313", "560314"])).toBe("560314");
  });

  it("takes a code of another heading of the chapter only where its text differs by its ranges alone", () => {
    expect(code("Cotton poplin 120gsm dyed plain weave", ["520931", "520831", "520832"])).toBe("520832");
    expect(code("Cotton fabric 120gsm dyed", ["520931", "520831"])).toBeUndefined();
  });

  it("moves nothing where the best code's range holds a quantity, has none of its kind, or no code's range holds one", () => {
    expect(code("Motorcycle 125cc", ["871120", "871130"])).toBeUndefined();
    expect(code("Tractor 90 HP", ["870130", "870193"])).toBeUndefined();
    expect(code("Ceiling fan 70W", ["841459", "841451"])).toBeUndefined();
    expect(code("Vacuum cleaner 2000W", ["850811", "850819"])).toBeUndefined();
    expect(code("Transformer", ["850431", "850421"])).toBeUndefined();
  });

  it("says which quantity is in the top code's range, as written, with the nomenclature's words", () => {
    const range = { kind: "power", min: 750, minIncluded: false, max: 75_000, maxIncluded: true } as const;
    expect([holds(range, { ...range, min: 1500, max: 1500, minIncluded: true }), holds(range, { ...range, min: 75_000, max: undefined })]).toEqual([
      true,
      false,
    ]);
    const reading = {
      quantities: readQuantities("Motor 1.5kW"),
      fits: [{ code: "850152", range: "exceeding 750W but not exceeding 75kW", written: "1.5kW" }],
    };
    expect(describeQuantity(reading, "850152")).toBe("“1.5kW” → exceeding 750W but not exceeding 75kW");
    expect(describeQuantity(reading, "850140")).toBeNull();
  });
});

describe("a combined version reading quantities (quantityMargin)", () => {
  const labels = ["850431", "850421", "850490"];
  const quantities = quantitySubheadings(loadNomenclature().subheadings()).filter((s) => labels.includes(s.code));
  const [hundred, small, bare] = ["Transformer 100 kVA oil immersed", "Control transformer 500VA", "Transformer parts"];
  const member = fakeMember(labels, {
    [hundred]: [
      { code: "850431", probability: 0.6 },
      { code: "850421", probability: 0.3 },
    ],
    [small]: [
      { code: "850431", probability: 0.6 },
      { code: "850421", probability: 0.3 },
    ],
    [bare]: [{ code: "850490", probability: 0.9 }],
  });
  const config = { retrievalWeight: 0.8, floor: 1e-4, quantityMargin: 1 };

  it("puts the code whose range holds the quantity one point above the code it had", async () => {
    const [moved, kept, none] = await combinedScores(member, member, config, [hundred, small, bare], [], quantities);
    expect(moved!.codes.slice(0, 2)).toEqual(["850421", "850431"]);
    expect(moved!.scores[0]! - moved!.scores[1]!).toBeCloseTo(1, 12);
    const without = await combinedScores(member, member, { retrievalWeight: 0.8, floor: 1e-4 }, [small, bare]);
    expect([kept!.codes, none!.codes]).toEqual(without.map((w) => w.codes));
  });

  it("says so in the explanation where the top code's range holds a quantity", async () => {
    const kernel = combinedKernel(member, member, config, 1, [], undefined, quantities);
    const [read, , nothing] = kernel.quantities!([hundred, small, bare]);
    const [top, , bareTop] = (await kernel.topK([hundred, small, bare], 1)).map((c) => c[0]!.code);
    expect(explainedBy(hundred, top, [], () => [], { quantity: read }).quantity).toBe("“100 kVA” → not exceeding 650kVA");
    expect(nothing).toBeNull();
    expect(explainedBy(bare, bareTop, [], () => [], { quantity: nothing }).quantity).toBeNull();
  });
});
