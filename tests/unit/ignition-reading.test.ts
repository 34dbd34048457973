// Engines, generating sets and motor vehicles by their engine's ignition (ignition-reading.ts, hs-combined from
// 1.31.0): the fuel a line names gives it, and the best code of the other ignition gives way.
import { describe, expect, it } from "vitest";
import { fakeMember } from "../support/fake-member";
import { explainedBy } from "../../app/classify/evidence";
import { combinedKernel, combinedScores } from "../../models/hs-classifier/combined-model";
import { describeIgnition, IGNITION_CODES, ignitionCode, ignitionOf, readIgnition } from "../../models/hs-classifier/ignition-reading";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";

describe("the ignition a line's fuel gives its engine", () => {
  it("reads diesel as compression-ignition, petrol, gasoline and gases as spark-ignition; a line naming both says nothing", () => {
    expect(readIgnition("Diesel generator 20kVA")).toEqual({ ignition: "compression-ignition", words: "Diesel" });
    expect(readIgnition("Golf 1.6 TDI")?.ignition).toBe("compression-ignition");
    expect(readIgnition("Gasoline generator 5kW")?.ignition).toBe("spark-ignition");
    expect(readIgnition("LPG generator 10kVA")?.ignition).toBe("spark-ignition");
    expect(readIgnition("Petrol or diesel engines")).toBeUndefined();
    expect(readIgnition("Generator 20kVA")).toBeUndefined();
  });

  it("lists codes whose heading's or own text says their ignition (84.07's subheadings by its heading)", () => {
    const nomenclature = loadNomenclature();
    const texts = (prefix: string) =>
      prefix.length === 4 ? [nomenclature.lookup(`${prefix}10`)?.heading?.description ?? ""] : [nomenclature.lookup(prefix)!.description];
    // 84.07 is spark-ignition by the HS legal text ("spark-ignition reciprocating or rotary"); its file text omits it
    for (const prefix of IGNITION_CODES["compression-ignition"]) expect(texts(prefix).join(" "), prefix).toMatch(/compression-ignition/i);
    for (const prefix of IGNITION_CODES["spark-ignition"].filter((p) => p !== "8407" && p !== "870230"))
      expect(texts(prefix).join(" "), prefix).toMatch(/spark-ignition/i);
    expect([ignitionOf("840734"), ignitionOf("840820"), ignitionOf("850231"), ignitionOf("870380")]).toEqual([
      "spark-ignition",
      "compression-ignition",
      undefined,
      undefined,
    ]);
  });

  it("gives the best scored code of the other ignition in the same heading, 84.07 with 84.08", () => {
    const diesel = readIgnition("Diesel generator 20kVA")!;
    expect(ignitionCode(diesel, ["850220", "850300", "850213", "850211"])).toBe("850213");
    expect(ignitionCode(diesel, ["840721", "840890", "840810"])).toBe("840890");
    expect(ignitionCode(diesel, ["850211", "850220"])).toBeUndefined();
    expect(ignitionCode(diesel, ["271019", "850211"])).toBeUndefined();
    expect(describeIgnition(diesel, "850211")).toBe("“Diesel” → compression-ignition");
    expect(describeIgnition(diesel, "850220")).toBeNull();
  });
});

describe("a combined version reading the ignition (ignitionMargin)", () => {
  const labels = ["850220", "850211", "850300"];
  const [diesel, plain] = ["Diesel generator set", "Generator set"];
  const member = fakeMember(labels, {
    [diesel]: [
      { code: "850220", probability: 0.6 },
      { code: "850211", probability: 0.3 },
    ],
    [plain]: [
      { code: "850220", probability: 0.6 },
      { code: "850211", probability: 0.3 },
    ],
  });
  const config = { retrievalWeight: 0.8, floor: 1e-4, ignitionMargin: 1 };

  it("puts the code of the fuel's ignition one point above the code it had, and says so", async () => {
    const [moved, kept] = await combinedScores(member, member, config, [diesel, plain]);
    expect(moved!.codes.slice(0, 2)).toEqual(["850211", "850220"]);
    expect(moved!.scores[0]! - moved!.scores[1]!).toBeCloseTo(1, 12);
    expect(kept!.codes.slice(0, 2)).toEqual(["850220", "850211"]);
    const kernel = combinedKernel(member, member, config, 1);
    const [read, none] = kernel.ignitions!([diesel, plain]);
    expect(none).toBeNull();
    expect(explainedBy(diesel, moved!.codes[0], [], () => [], { ignition: read }).ignition).toBe("“Diesel” → compression-ignition");
  });
});
