// Fruit, nuts and vegetables read by the state they are in (food-state-reading.ts, hs-combined from 1.29.0): the
// nomenclature classifies them fresh, frozen, dried or prepared before it says which fruit or vegetable they are.
import { describe, expect, it } from "vitest";
import { fakeMember } from "../support/fake-member";
import { explainedBy } from "../../app/classify/evidence";
import { combinedKernel, combinedScores } from "../../models/hs-classifier/combined-model";
import { describeFoodState, foodKind, foodStateHeadings, readFoodState } from "../../models/hs-classifier/food-state-reading";
import type { Candidate } from "../../workbench/evaluation/metrics";

const stateOf = (text: string) => readFoodState(text)?.state ?? null;

describe("the state of fruit, nuts and vegetables a description names", () => {
  it("reads the state, the product first where a line names several", () => {
    expect(stateOf("Frozen strawberries 1kg")).toBe("frozen");
    expect(stateOf("IQF diced mango")).toBe("frozen");
    expect(stateOf("Dried cranberries sweetened")).toBe("dried");
    expect(stateOf("Strawberry jam 340g")).toBe("jam");
    expect(stateOf("Strawberry yogurt")).toBe("yoghurt");
    expect(stateOf("Canned pineapple slices in syrup")).toBe("canned or otherwise prepared");
    expect(stateOf("Roasted cashew nuts salted")).toBe("roasted");
    expect(stateOf("Fresh ginger root")).toBe("fresh");
    // the juice before its being frozen, the oil before the tomatoes' being dried
    expect(stateOf("Orange juice concentrate frozen")).toBe("juice");
    expect(stateOf("Sun-dried tomatoes in oil")).toBe("canned or otherwise prepared");
    // fruit in its own juice is canned fruit; a juice extractor is a machine
    expect(stateOf("Tinned pears halves in juice")).toBe("canned or otherwise prepared");
    expect(stateOf("Juice extractor 400W")).toBeNull();
  });

  it("does not read a state the line says the goods are not in", () => {
    expect(stateOf("Beans, shelled, prep/pres, not frozen")).toBeNull();
    expect(stateOf("Potatoes prepared otherwise than by vinegar, non-frozen")).toBeNull();
    expect(readFoodState("Peas, not dried, frozen")).toEqual({ state: "frozen", words: "frozen" });
  });

  it("gives other headings only to a fruit's, nut's or vegetable's best code in another state", () => {
    const frozen = readFoodState("Frozen strawberries")!;
    expect(foodKind("081010")).toBe("fruit");
    expect(foodStateHeadings(frozen, "081010")).toEqual(["0811"]);
    expect(foodStateHeadings(frozen, "070999")).toEqual(["0710"]);
    // already frozen; a prepared vegetable frozen (French fries); no fruit at all (chicken)
    expect(foodStateHeadings(frozen, "081110")).toBeUndefined();
    expect(foodStateHeadings(frozen, "200410")).toBeUndefined();
    expect(foodStateHeadings(frozen, "020714")).toBeUndefined();
    // prepared potatoes frozen are 20.04's
    expect(foodStateHeadings(frozen, "200520")).toEqual(["2004"]);
    // dried mangoes are 08.04's "fresh or dried"; dried cranberries 08.13's
    const dried = readFoodState("Dried mango slices")!;
    expect(foodStateHeadings(dried, "080450")).toBeUndefined();
    expect(foodStateHeadings(dried, "081040")).toEqual(["0813"]);
    expect(foodStateHeadings(readFoodState("Roasted almonds")!, "080212")).toEqual(["2008"]);
    // a roasted fruit or vegetable is not read so
    expect(foodStateHeadings(readFoodState("Roasted peppers")!, "070960")).toBeUndefined();
  });

  it("tells a person the state where the top code is in a heading it gives", () => {
    const frozen = readFoodState("Frozen strawberries")!;
    expect(describeFoodState(frozen, "081110")).toBe("frozen (“Frozen”) → 08.11");
    expect(describeFoodState(frozen, "081010")).toBeNull();
    expect(describeFoodState(frozen, "020714")).toBeNull();
  });
});

describe("a combined version reading the state of fruit, nuts and vegetables (foodStateMargin)", () => {
  const labels = ["081010", "081110", "200799", "020714"];
  const fake = (answers: Record<string, Candidate[]>) => fakeMember(labels, answers);
  const [strawberries, wings, jam] = ["Frozen strawberries", "Frozen chicken wings", "Strawberry jam"];
  const member = fake({
    [strawberries]: [
      { code: "081010", probability: 0.7 },
      { code: "081110", probability: 0.2 },
    ],
    [wings]: [{ code: "020714", probability: 0.9 }],
    [jam]: [{ code: "081010", probability: 0.9 }],
  });
  const config = { retrievalWeight: 0.8, floor: 1e-4, foodStateMargin: 1 };

  it("puts the best code in the state's headings one point above the code it had, where the members named one", async () => {
    const [frozen, chicken, noJam] = await combinedScores(member, member, config, [strawberries, wings, jam]);
    expect(frozen!.codes.slice(0, 2)).toEqual(["081110", "081010"]);
    expect(frozen!.scores[0]! - frozen!.scores[1]!).toBeCloseTo(1, 12);
    const without = await combinedScores(member, member, { retrievalWeight: 0.8, floor: 1e-4 }, [wings, jam]);
    // chicken is no fruit; no member named a jam's code, so none is made up
    expect([chicken!.codes, noJam!.codes]).toEqual(without.map((w) => w.codes));
  });

  it("says so in the explanation where the top code is in the state's heading", async () => {
    const kernel = combinedKernel(member, member, config, 1);
    const [read, chicken] = kernel.foodStates!([strawberries, wings]);
    const [top, chickenTop] = (await kernel.topK([strawberries, wings], 1)).map((c) => c[0]!.code);
    expect(explainedBy(strawberries, top, [], () => [], { foodState: read }).foodState).toBe("frozen (“Frozen”) → 08.11");
    expect(explainedBy(wings, chickenTop, [], () => [], { foodState: chicken }).foodState).toBeNull();
  });
});
