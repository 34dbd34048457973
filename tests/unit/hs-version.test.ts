// A table's HS edition is detected from its codes; HS 2017 codes are read in HS 2022 only where the correlation names
// a single successor, and the splits are listed, never guessed.
import { describe, expect, it } from "vitest";
import { declaredTruths } from "../../workbench/evaluation/declared-truths";
import { editionReport, hs2017Successors } from "../../workbench/hs/hs-version";
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

  it("has one HS 2017 → 2022 table for any extract: the same successors a table's own report gives", () => {
    const all = hs2017Successors(nomenclature, crosswalk);
    const codes = ["030510", "851712", "010121", "847130", "999999", "851713"];
    const own = editionReport(
      codes.map((code) => ({ code, lines: 1 })),
      nomenclature,
      crosswalk,
    ).mapping;
    for (const code of codes) expect(all.get(code)).toBe(own.get(code));
    expect(all.size).toBeGreaterThan(4000); // of about 5,400 HS 2017 subheadings; the rest split
  });

  it("reads declared codes as a comparison's truth in the edition they show, and says why each left-out line is out", () => {
    const truths = declaredTruths(
      [
        { ref: "D1/1", text: "dried fish", code: "0305100000" }, // HS 2017, one successor
        { ref: "D2/1", text: "phone", code: "8517120000" }, // HS 2017, split
        { ref: "D3/1", text: "horse", code: "0101210000" },
        { ref: "D4/1", text: "?", code: "99" },
        { ref: "D5/1", text: null, code: null },
        { ref: "D6/1", text: "fish fillets", code: "030510" },
        { ref: "D7/1", text: " -- ", code: "0101210000" },
      ],
      { nomenclature, crosswalk },
    );
    expect([truths.used, truths.detected, truths.splitLines]).toEqual(["HS2017", "HS2017", 1]);
    expect(truths.lines).toEqual([
      { ref: "D1/1", text: "dried fish", truth: "030910" },
      { ref: "D3/1", text: "horse", truth: "010121" },
      { ref: "D6/1", text: "fish fillets", truth: "030910" },
    ]);
    expect(truths.excluded.map((x) => [x.index, x.ref, x.reason])).toEqual([
      [1, "D2/1", expect.stringMatching(/^HS 2017 code 851712 split into .*851713.* in HS 2022: no one truth$/)],
      [3, "D4/1", "no usable code ('99')"],
      [4, "D5/1", "no usable code ('')"],
      // a good code without a description tests no model: out, not every version's miss
      [6, "D7/1", "no description (nothing to classify)"],
    ]);
    // the analyst's choice wins over what the codes show
    const asHs2022 = declaredTruths([{ ref: "D1/1", text: "dried fish", code: "0305100000" }], { nomenclature, crosswalk }, "HS2022");
    expect(asHs2022.excluded[0]!.reason).toBe("030510 is not an HS 2022 subheading");
  });
});
