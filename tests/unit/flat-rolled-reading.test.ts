// Flat-rolled products of iron or non-alloy steel and of stainless steel are classified by width, rolling, coating,
// coils and thickness (flat-rolled-reading.ts, hs-combined from 1.34.0). A combined version applies the reading only
// where its best code is a flat-rolled product's or an article's of iron or steel.
import { describe, expect, it } from "vitest";
import { describeMaterial, materialFor, readMaterials } from "../../models/hs-classifier/material-reading";
import { readFlatRolled } from "../../models/hs-classifier/flat-rolled-reading";

const codeOf = (text: string) => readFlatRolled(text)?.code ?? null;

describe("a flat-rolled product of steel", () => {
  it("gives hot-rolled products their subheading by coils and thickness, the nomenclature's bounds included as it says", () => {
    expect(codeOf("hot-rolled COIL 2.0MM X 1250MM")).toBe("720839");
    expect(codeOf("HOT ROLLED STEEL COIL 3.0MM X 1500MM")).toBe("720838");
    expect(codeOf("hot-rolled COIL 4.75MM")).toBe("720837");
    expect(codeOf("hot-rolled COIL 10MM")).toBe("720837");
    expect(codeOf("hot-rolled COIL 12MM")).toBe("720836");
    expect(codeOf("hot-rolled STEEL SHEET 2MM")).toBe("720854");
    expect(codeOf("hot-rolled SHEET 3MM")).toBe("720853");
    expect(codeOf("HOT ROLLED STEEL PLATE 12MM")).toBe("720851");
    expect(codeOf("HOT ROLLED PICKLED AND OILED COIL 2.5MM")).toBe("720827");
    expect(codeOf("hot-rolled CHEQUERED PLATE 5MM")).toBe("720840");
  });

  it("gives cold-rolled, coated and stainless products theirs", () => {
    expect(codeOf("cold-rolled SHEET 0.4MM")).toBe("720928");
    expect(codeOf("COLD ROLLED COIL 1.0MM")).toBe("720917");
    expect(codeOf("COLD ROLLED COIL 2.0MM")).toBe("720916");
    expect(codeOf("COLD ROLLED SHEET 3MM")).toBe("720925");
    expect(codeOf("GALVANIZED STEEL COIL 0.5MM Z120")).toBe("721049");
    expect(codeOf("GALVANIZED CORRUGATED ROOFING SHEET 0.4MM")).toBe("721041");
    expect(codeOf("ELECTRO GALVANIZED STEEL SHEET 1.0MM")).toBe("721030");
    expect(codeOf("GALVALUME COIL 0.45MM AZ150")).toBe("721061");
    expect(codeOf("prepainted galvanized iron COIL")).toBe("721070");
    expect(codeOf("TINPLATE SHEETS 0.25MM")).toBe("721012");
    expect(codeOf("STAINLESS STEEL SHEET 304 2MM COLD ROLLED")).toBe("721933");
    expect(codeOf("STAINLESS STEEL PLATE 12MM HOT ROLLED")).toBe("721921");
    expect(codeOf("STAINLESS STEEL COIL HOT ROLLED 3MM")).toBe("721913");
    // narrow: a written width below 600 mm, or a strip
    expect(codeOf("STAINLESS STEEL STRIP 0.3MM X 100MM")).toBe("722020");
    expect(codeOf("hot-rolled STEEL STRIP 3MM X 200MM")).toBe("721119");
    expect(codeOf("galvanized iron STRIP 1.2MM X 150MM")).toBe("721230");
  });

  it("reads a rolling the line does not say from the thickness, keeping the other's code", () => {
    expect(readFlatRolled("mild steel PLATE 20MM")).toMatchObject({ code: "720851", agrees: ["720851", "720925"] });
    expect(readFlatRolled("stainless steel 316L SHEET 0.8MM")).toMatchObject({ code: "721934", agrees: ["721934", "721924"] });
    // sheets are not in coils, though an abbreviation's words say coils ("CRC SHEETS")
    expect(codeOf("cold-rolled steel coils SHEETS 0.7MM")).toBe("720927");
  });

  it("reads no other material, alloy steel, or an uncoated product without its thickness", () => {
    for (const text of [
      "Aluminium sheet 1mm",
      "Polycarbonate sheet 4mm",
      "Hot plate electric single burner",
      "copper sheet 1mm",
      "alloy steel plate 20mm",
      "steel wire 2mm",
      "hot-rolled STEEL SHEET",
      "Stainless steel dinner plates 6 pcs",
    ])
      expect(codeOf(text), text).toBeNull();
  });

  it("says what it read and applies where the best code is another flat-rolled product's", () => {
    const [sheet] = readMaterials("hot-rolled SHEET 3MM", { flatRolled: true });
    expect(sheet).toMatchObject({ goods: "flat-rolled products", code: "720853", words: "hot-rolled … SHEET … 3MM" });
    expect(describeMaterial(sheet!)).toBe(
      "flat-rolled products of iron or non-alloy steel, hot-rolled, not in coils, 600 mm wide or more, 3 mm thick (“hot-rolled … SHEET … 3MM”) → 7208.53",
    );
    for (const best of ["720839", "720925", "721049", "721914", "722540", "730240", "732410"])
      expect(materialFor([sheet!], best)?.code, best).toBe("720853");
    for (const best of ["720853", "851660", "760612", "392061"]) expect(materialFor([sheet!], best), best).toBeUndefined();
    expect(readMaterials("hot-rolled SHEET 3MM")).toEqual([]);
  });
});
