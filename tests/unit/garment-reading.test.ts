import { describe, expect, it } from "vitest";
import { describeGarment, garmentSubheadings, readGarment } from "../../models/hs-classifier/garment-reading";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";

const table = garmentSubheadings(loadNomenclature().subheadings());
const codesOf = (text: string) => readGarment(text, table)?.codes;

describe("garment subheadings read from the HS 2022 texts", () => {
  const entry = (code: string) => table.find((s) => s.code === code);

  it("reads every subheading of chapters 61 and 62: kinds, wearer, fibres, knitted or not", () => {
    const all = loadNomenclature()
      .subheadings()
      .filter((e) => /^6[12]/.test(e.code));
    expect(table.map((s) => s.code)).toEqual(all.map((e) => e.code));
    expect(entry("610210")).toMatchObject({ wearer: "women", fibres: ["wool"], knitted: true });
    expect(entry("610210")!.kinds).toEqual(expect.arrayContaining(["coat", "overcoat", "cape", "anorak", "wind-jacket"]));
    expect(entry("620342")).toMatchObject({
      kinds: expect.arrayContaining(["trouser", "short", "overall"]),
      wearer: "men",
      fibres: ["cotton"],
      knitted: false,
    });
    // man-made fibres are synthetic and artificial; "other textile materials" is any fibre the heading does not name
    expect(entry("611030")).toMatchObject({ wearer: null, fibres: ["synthetic", "artificial"] });
    expect(entry("611090")!.fibres).toBeNull();
    // "other than those of heading no. 6204" is not a fibre: 6202.30 is of cotton
    expect(entry("620230")!.fibres).toEqual(["cotton"]);
    // brassieres are in chapter 62 whether knitted or not
    expect(entry("621210")!.knitted).toBeNull();
    expect(entry("611120")).toMatchObject({ wearer: "babies", fibres: ["cotton"] });
  });
});

describe("a description read as a garment", () => {
  it("finds the subheading from the kind, knitting, wearer and fibre", () => {
    expect(codesOf("a women's knit cape made from 100% wool")).toEqual(["610210"]);
    expect(codesOf("women's knit cardigan 100% cotton")).toEqual(["611020"]);
    expect(codesOf("mens woven shirt 60% cotton 40% polyester")).toEqual(["620520"]);
    // the largest share decides; of equal shares the fibre whose chapter comes last (Section XI, note 2)
    expect(codesOf("ladies knitted pullover 80% acrylic 20% wool")).toEqual(["611030"]);
    expect(codesOf("men's knit shorts made from 50% cotton and 50% polyester")).toEqual(["610343"]);
    // a fibre its heading has no subheading for goes to the heading's "other textile materials"
    expect(codesOf("men's knitted shirt of linen")).toEqual(["610590"]);
    // suit-type jackets are jackets of 6103 / 6104, other jackets anoraks of 6101 / 6102
    expect(codesOf("women's suit-type jacket, knitted, 100% wool")).toEqual(["610431"]);
    expect(codesOf("mens and boys knit jackets made from 100% polyester")).toEqual(["610130"]);
    // babies' garments are one heading whatever the kind
    expect(codesOf("baby pajamas 100% cotton knitted")).toEqual(["611120"]);
  });

  it("reads the abbreviations of trade lines", () => {
    expect(codesOf("W/G SKIRTS OF CTN, KNIT 26 PALLETS")).toEqual(["610452"]);
    expect(codesOf("m/b trousers syn fibers not knit")).toEqual(["620343"]);
    expect(codesOf("w/g blouses man-made fibres, kt")).toEqual(["610620"]);
  });

  it("leaves open what the description does not say, for the version's scores to choose", () => {
    // knitted or not unsaid: both chapters
    expect(codesOf("a women's coat made of 100% wool")).toEqual(["610210", "620220"]);
    // no fibre: every fibre of the heading
    expect(codesOf("men's knitted polo shirts")).toEqual(["610510", "610520", "610590"]);
    // men's and women's both named: either
    expect(codesOf("Men's and Women's cotton sweatshirt")).toEqual(["611020"]);
  });

  it("does not read other goods as garments", () => {
    for (const text of [
      "coat hanger for jackets, wood",
      "shirt buttons of plastics",
      "men's leather jacket",
      "cotton slippers for women, non-slip",
      "dog coat of polyester",
      "Vintage Enamel Badge Brooch Jacket Backpack Pin", // nothing said of knitting, wearer or fibre
      "life jacket, nylon",
      "short sleeve cotton towel",
      "knitted fabric of cotton",
    ]) {
      expect(readGarment(text, table), text).toBeUndefined();
    }
  });

  it("is described in plain words", () => {
    expect(describeGarment(readGarment("women's knit cardigan 100% cotton", table)!)).toBe(
      "knitted · women's or girls' · cardigan · cotton → 6110.20",
    );
    expect(describeGarment(readGarment("a women's coat made of 100% wool", table)!)).toBe("women's or girls' · coat · wool → 6102.10, 6202.20");
  });
});
