import { describe, expect, it } from "vitest";
import { Nomenclature } from "../../workbench/hs/nomenclature";
import { loadCrosswalk, loadNomenclature } from "../../workbench/hs/load-fixtures";

const nomenclature = loadNomenclature();

describe("HS2022 nomenclature", () => {
  it("has the published counts", () => {
    expect(nomenclature.chapters()).toHaveLength(96);
    expect(nomenclature.headings()).toHaveLength(1228);
    expect(nomenclature.subheadings()).toHaveLength(5612);
    expect(nomenclature.sections()).toHaveLength(21);
    expect(nomenclature.chapterSlots()).toHaveLength(97);
    expect(nomenclature.has("77")).toBe(false);
  });

  it("looks up a subheading with its chapter, heading and section", () => {
    const r = nomenclature.lookup("010121")!;
    expect(r.description).toBe("Horses; live, pure-bred breeding animals");
    expect(r.heading).toEqual({ code: "0101", description: "Horses, asses, mules and hinnies; live" });
    expect(r.chapter).toEqual({ code: "01", description: "Animals; live" });
    expect(r.section.id).toBe("I");
    expect(r.section.name).toMatch(/^Live animals/);
    expect(nomenclature.lookup("8471")!.chapter.code).toBe("84");
    expect(nomenclature.lookup("9999")).toBeUndefined();
    expect(nomenclature.lookup("0101210010")).toMatchObject({ code: "010121", nationalCode: "0101210010", chapter: { code: "01" } });
    expect(nomenclature.lookup("0110210010")).toBeUndefined();
  });

  it("lists children in code order", () => {
    expect(nomenclature.headings("01").map((h) => h.code)).toEqual(["0101", "0102", "0103", "0104", "0105", "0106"]);
    expect(nomenclature.subheadings("0101").map((h) => h.code)).toEqual(["010121", "010129", "010130", "010190"]);
  });

  it("reports malformed reference data by row", () => {
    expect(() => Nomenclature.fromCsv("code,level,parent,section,description\n011,2,,I,x\n", "section,chapters,name\n")).toThrow(
      /row 2 has code '011', expected 2 digits/,
    );
    expect(() => Nomenclature.fromCsv("code,level\n01,2\n", "")).toThrow(/missing column\(s\) parent, section, description/);
  });
});

describe("HS2017 ↔ HS2022 crosswalk", () => {
  const crosswalk = loadCrosswalk();
  it("maps one-to-one codes", () => {
    expect(crosswalk.toHs2022("010121")).toEqual(["010121"]);
    expect(crosswalk.convertToHs2022("010121")).toBe("010121");
  });
  it("maps split codes to several successors, all in HS2022", () => {
    const successors = crosswalk.toHs2022("284440");
    expect(successors.length).toBeGreaterThan(1);
    for (const s of successors) expect(nomenclature.has(s)).toBe(true);
    expect(crosswalk.toHs2017(successors[0]!)).toContain("284440");
  });
  it("knows nothing of non-codes", () => {
    expect(crosswalk.toHs2022("999999")).toEqual([]);
    expect(crosswalk.isHs2017("999999")).toBe(false);
  });
});
