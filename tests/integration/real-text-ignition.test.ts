// Engines, generating sets and motor vehicles named with the fuel they run on (hs-combined@1.31.0 reads its ignition:
// ignition-reading.ts): "Diesel generator 20kVA" was a spark-ignition set, "SUV diesel 2.2 litre 2179cc" a petrol car.
import { describe, expect, it } from "vitest";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { expectCombinedSuccessor, expectHs6RightCounts, expectNoSetLoses, measuredOn, ourLines, topCodes } from "./real-text-support";

// our lines (fixtures/README.md): English lines written before the reading, and English and foreign lines written
// before it was measured on them, never used to change anything
const { lines: LINES, set } = ourLines("fixtures/ignition-lines.csv");
const SETS = [set("before", true), set("later", true), set("later", false)] as const;

describe("an engine's ignition read from the fuel a line names (hs-combined@1.31.0)", () => {
  it("our lines: 15 written before, 9 English and 8 in six other languages after; every code an HS 2022 subheading", () => {
    expect(SETS.map((s) => s.length)).toEqual([15, 9, 8]);
    const nomenclature = loadNomenclature();
    expect(LINES.filter((r) => !nomenclature.has(r.hs6!))).toEqual([]);
    expect(new Set(LINES.map((r) => r.text)).size).toBe(LINES.length);
  });

  it("reads it; no set it is compared on loses a line, at top 1 or in the top 5", async () => {
    const { combined, older } = await expectCombinedSuccessor("hs-combined/1.31.0", "hs-retrieval@1.21.0", "hs-combined/1.30.0", expectNoSetLoses);
    // hs-combined 1.30.0 → 1.31.0 on each of SETS, as measured on 2026-12-07
    await expectHs6RightCounts(
      older,
      combined,
      measuredOn(SETS, [
        [3, 5],
        [6, 6],
        [2, 4],
      ]),
    );
    const lines = ["Diesel generator 20kVA", "SUV diesel 2.2 litre 2179cc", "柴油发电机组 50kVA"];
    expect(await topCodes(combined, lines)).toEqual(["850211", "870332", "850211"]);
    expect(await topCodes(older, lines)).toEqual(["850220", "870323", "850220"]);
    const { ignitions } = await combined.classifier.explain(["Diesel generator 20kVA", "Generator 20kVA"], 1);
    expect(ignitions).toEqual([{ ignition: "compression-ignition", words: "Diesel" }, null]);
    expect((await older.classifier.explain(lines, 1)).ignitions).toBeNull();
    expect(combined.card.description).toContain("ignitionMargin");
  });
});
