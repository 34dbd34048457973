// Translation revision 15: trade abbreviations read as the words they stand for.
import { describe, expect, it } from "vitest";
import { abbreviationReader, withAbbreviationsRead } from "../../models/hs-classifier/abbreviation-reading";
import { RetrievalIndex } from "../../models/hs-classifier/retrieval-index";
import { loadAbbreviations, readAbbreviationList } from "../../models/hs-classifier/retrieval-documents";
import { TEST_RETRIEVAL_CONFIG, testDocuments, topCode as top } from "../support/retrieval-test-config";

const ABBREVIATIONS = [
  ["gi", "galvanized iron", ["pipe", "pipes", "sheet", "wire"]],
  ["hr", "hot-rolled", ["coil", "coils", "sheet"]],
  ["stpp", "sodium tripolyphosphate", []],
  ["hdpe", "high density polyethylene", ["granules", "resin"]],
  ["pmma", "polymethyl methacrylate", ["granules", "resin"]],
  ["dri", "direct reduced iron", []],
] as const;
const read = abbreviationReader(ABBREVIATIONS)!;

describe("abbreviationReader", () => {
  it("reads an abbreviation in any case, its letters also written with dots, as its words", () => {
    expect(read("GI PIPE 2 INCH")).toEqual({ text: "galvanized iron PIPE 2 INCH", read: [{ abbreviation: "GI", english: "galvanized iron" }] });
    expect(read("G.I. pipes class B")?.text).toBe("galvanized iron pipes class B");
    expect(read("Stpp 94% technical grade")?.read).toEqual([{ abbreviation: "Stpp", english: "sodium tripolyphosphate" }]);
    // several in one line
    expect(read("HR sheet and GI sheet")?.text).toBe("hot-rolled sheet and galvanized iron sheet");
  });

  it("reads one that means other things in other trades only where the line names what it is said of", () => {
    expect(read("HR COIL 2MM")?.text).toBe("hot-rolled COIL 2MM");
    for (const text of ["HR manager handbook", "Brazilian jiu-jitsu GI white A2", "HDPE shade net 95%", "HDPE pipe PE100"])
      expect(read(text), text).toBeUndefined();
  });

  it("reads whole words only, never part of a word or of one joined by a hyphen", () => {
    for (const text of ["gift box", "Dri-FIT running shirt", "Stppx cleaner", "ngi pipe"]) expect(read(text), text).toBeUndefined();
  });

  it("leaves one the line says the goods are not", () => {
    for (const text of ["steel wire, not GI", "flat sheet other than HR", "coil non-HR"]) expect(read(text), text).toBeUndefined();
  });

  it("leaves an abbreviation the line spells out itself", () => {
    expect(read("acrylic resin of polymethyl methacrylate (PMMA)")).toBeUndefined();
    expect(read("PMMA resin, optical grade")?.text).toBe("polymethyl methacrylate resin, optical grade");
  });

  it("is undefined for an empty list", () => {
    expect(abbreviationReader([])).toBeUndefined();
  });
});

describe("withAbbreviationsRead", () => {
  it("writes a line with what the reader read in it, as the reader wrote it", () => {
    // the abbreviation as a whole word, not inside another ("GIGA" before "GI")
    for (const text of ["GI PIPE 2 INCH", "G.I. pipes class B", "HR sheet and GI sheet", "Stpp 94%", "HR manager handbook", "GIGA GI pipe"]) {
      const reading = read(text);
      expect(withAbbreviationsRead(text, reading?.read ?? []), text).toBe(reading?.text ?? text);
    }
  });
});

describe("the retrieval index from revision 15", () => {
  const documents = testDocuments([
    ["730630", "tubes and pipes welded of iron or non-alloy steel"],
    ["721049", "galvanized steel sheet"],
    ["392062", "plastic sheet"],
    ["950300", "gift sets toys"],
    ["283531", "sodium triphosphate sodium tripolyphosphate"],
    ["284700", "hydrogen peroxide"],
    ["390120", "high density polyethylene"],
    ["390110", "polyethylene granules"],
  ]);
  const indexOf = (translationRevision: 14 | 15, translations = new Map<string, string>()) =>
    new RetrievalIndex(documents, { ...TEST_RETRIEVAL_CONFIG, translationRevision }, { abbreviations: ABBREVIATIONS, translations });
  const [revision14, revision15] = [indexOf(14), indexOf(15)];

  it("finds the goods an abbreviation names, and lists what it read", () => {
    expect(top(revision14, "STPP")).not.toBe("283531");
    expect(top(revision15, "STPP")).toBe("283531");
    expect(top(revision15, "GI sheet")).toBe("721049");
    expect(revision15.abbreviationsOf("GI sheet")).toEqual([{ abbreviation: "GI", english: "galvanized iron" }]);
    expect(revision14.abbreviationsOf("GI sheet")).toEqual([]);
    expect(revision15.readsAbbreviations).toBe(true);
    expect(revision14.readsAbbreviations).toBe(false);
  });

  it("reads a foreign line as it stands", () => {
    const withTranslations = indexOf(15, new Map([["tubo", "pipe"]]));
    expect(withTranslations.translationsOf("tubo GI")).toEqual([{ word: "tubo", english: "pipe" }]);
    expect(withTranslations.abbreviationsOf("tubo GI")).toEqual([]);
  });
});

describe("an abbreviation list (fixtures/glossary/abbreviations.csv)", () => {
  it("is read as lower-case abbreviations, each once, with their words and the words one comes with, naming the row of one that is not", () => {
    expect(readAbbreviationList("abbreviation,english,with\ngi,galvanized iron,pipe|sheet\nstpp,sodium tripolyphosphate,\n", "a.csv")).toEqual([
      ["gi", "galvanized iron", ["pipe", "sheet"]],
      ["stpp", "sodium tripolyphosphate", []],
    ]);
    expect(() => readAbbreviationList("abbreviation,english,with\nGI,galvanized iron,\n", "a.csv")).toThrow(
      "a.csv row 2: 'GI' is not an abbreviation of lower-case letters and digits",
    );
    expect(() => readAbbreviationList("abbreviation,english,with\ngi,Galvanized Iron,\n", "a.csv")).toThrow(
      "a.csv row 2: 'Galvanized Iron' is not English words in lower case",
    );
    expect(() => readAbbreviationList("abbreviation,english,with\ngi,galvanized iron,pipe; sheet\n", "a.csv")).toThrow(
      "a.csv row 2: column with: 'pipe; sheet' is not words in lower case joined by '|'",
    );
    expect(() => readAbbreviationList("abbreviation,english,with\ngi,galvanized iron,\ngi,galvanised,\n", "a.csv")).toThrow(
      "a.csv row 3: 'gi' is listed already on row 2",
    );
  });

  it("ships abbreviations of steel, plastics, chemicals, foods and textiles, the ambiguous ones with their words", () => {
    const list = new Map(loadAbbreviations().map(([a, english, context]) => [a, { english, context }]));
    expect(list.size).toBeGreaterThanOrEqual(90);
    for (const a of ["gi", "hdpe", "stpp", "rbd", "psf"]) expect(list.has(a), a).toBe(true);
    // short sleeves, a judo suit, hours, Microsoft, a pet: read only with what they are said of
    for (const a of ["ss", "gi", "hr", "ms", "pet"]) expect(list.get(a)?.context.length, a).toBeGreaterThan(0);
  });
});
