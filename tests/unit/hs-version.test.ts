// A table's HS edition is detected from its codes; HS 2017 codes are read in HS 2022 only where the correlation names
// a single successor, and the splits are listed, never guessed.
import { describe, expect, it } from "vitest";
import { editionReport } from "../../workbench/hs/hs-version";
import { loadCrosswalk, loadNomenclature } from "../../workbench/hs/load-fixtures";

describe("HS edition of a table", () => {
  const nomenclature = loadNomenclature();
  const crosswalk = loadCrosswalk();

  it("suggests HS 2017 when more lines are valid there, maps one-to-one codes and keeps splits apart", () => {
    const report = editionReport(
      [
        { code: "030510", lines: 40 }, // HS 2017 only: became 030910
        { code: "851712", lines: 30 }, // HS 2017 only: split into 851713, 851714 and others
        { code: "010121", lines: 20 }, // the same in both
        { code: "847130", lines: 10 }, // the same code in both, but part of it moved to 8549 (e-waste) in 2022: a split
        { code: "999999", lines: 5 }, // in neither
      ],
      nomenclature,
      crosswalk,
    );
    expect(report.lines).toBe(105);
    expect(report.validIn).toEqual({ HS2022: 30, HS2017: 100 });
    expect(report.suggested).toBe("HS2017");
    expect(report.mapping.get("030510")).toBe("030910");
    expect(report.mapping.get("010121")).toBe("010121");
    expect(report.mapping.has("851712")).toBe(false);
    expect(report.split.map((s) => [s.code, s.lines])).toEqual([
      ["851712", 30],
      ["847130", 10],
    ]);
    expect(report.split[0]!.successors).toEqual(expect.arrayContaining(["851713", "851714"]));
    expect(report.split[1]!.successors).toContain("854921");
  });

  it("suggests HS 2022 for a current extract", () => {
    const report = editionReport(
      [
        { code: "851713", lines: 50 },
        { code: "010121", lines: 20 },
      ],
      nomenclature,
      crosswalk,
    );
    expect(report.suggested).toBe("HS2022");
    expect(report.validIn.HS2022).toBe(70);
  });
});
