import { describe, expect, it } from "vitest";
import { classifyWorkbookSheets, type ClassifiedLine } from "../../app/classify/classify-workbook";
import { NOTHING_READ, translatedWordsText } from "../../app/classify/evidence";
import { decisionText } from "../../workbench/evaluation/needs-person";
import { readWorkbook } from "../../workbench/extract/xlsx";
import { writeWorkbook } from "../../workbench/extract/xlsx-write";

const line = (description: string, probabilities: number[], extra: Partial<ClassifiedLine> = {}): ClassifiedLine => ({
  description,
  candidates: probabilities.map((probability, i) => ({ code: `01012${i}`, probability })),
  matchedWords: [],
  evidence: null,
  translated: [],
  ...extra,
});

describe("Classify's suggestions as an Excel workbook", () => {
  it("says for each line what the page's badge says", () => {
    const decision = (l: ClassifiedLine) => decisionText(l.candidates, 0.8, l.note);
    expect(decision(line("horses", [0.9, 0.05]))).toBe("confident: at or above the threshold");
    expect(decision(line("horses", [0.8]))).toBe("confident: at or above the threshold");
    expect(decision(line("horses", [0.79]))).toBe("needs a person: below the threshold");
    expect(decision(line("лошади", [0.95], { note: NOTHING_READ }))).toBe("needs a person: a guess");
    expect(decision(line("---", []))).toBe("no codes: nothing to classify");
  });

  it("names a translated word's English as its glossary writes it, as the garment line does", () => {
    // the search reads "t-shirt" as shirt (its words); the person is shown what the glossary says
    expect(
      translatedWordsText([
        { word: "áo thun", english: "shirt", written: "t-shirt" },
        { word: "camiseta", english: "shirt", asWritten: "t-shirt" },
        { word: "cotton", english: "cotton" },
        { word: "救生衣", english: "life jacket life vest", dictionary: true },
      ]),
    ).toBe("áo thun → t-shirt; camiseta → t-shirt; cotton → cotton; 救生衣 → life jacket life vest (dictionary)");
  });

  it("keeps codes as text, probabilities as numbers, and what supports the top code", async () => {
    const lines = [
      line("live horses, pure-bred", [0.9, 0.06], {
        matchedWords: ["horses", "pure-bred"],
        evidence: [
          { code: "010120", text: "Horses, pure-bred breeding", source: "HTS", similarity: 0.8123 },
          { code: "010121", text: "Other horses", source: "HTS", similarity: 0.5 },
        ],
        translated: [{ word: "caballos", english: "horses" }],
      }),
      line("Brass earrings with zircon stones", [0.44], {
        material: "jewellery of precious or semi-precious stones (“zircon”) → 7116.20",
        garment: null,
      }),
      line('=HYPERLINK("x")', []),
    ];
    const { parts } = await writeWorkbook(classifyWorkbookSheets(lines, "hs-combined@1.7.0", 0.8, new Date("2026-12-03T00:00:00Z")));
    const bytes = new Uint8Array(Buffer.concat(parts));
    const about = await readWorkbook(bytes, "suggestions.xlsx");
    expect(about.sheets).toEqual(["About", "Suggestions"]);
    expect(about.csv).toContain("Model,hs-combined@1.7.0");
    expect(about.csv).toContain("below 80% confidence, or a guess, needs a person");
    const rows = (await readWorkbook(bytes, "suggestions.xlsx", "Suggestions")).csv.trim().split("\r\n");
    expect(rows[0]!.split(",").slice(0, 6)).toEqual(["description", "decision", "code 1", "probability 1", "code 2", "probability 2"]);
    expect(rows[1]).toBe(
      '"live horses, pure-bred",confident: at or above the threshold,010120,0.9,010121,0.06,,,,,,,"horses, pure-bred",caballos → horses,,"Horses, pure-bred breeding (HTS, similarity 0.81)",',
    );
    // what the page says gave the top code: a garment's reading or the material
    expect(rows[2]).toBe(
      "Brass earrings with zircon stones,needs a person: below the threshold,010120,0.44,,,,,,,,,,,jewellery of precious or semi-precious stones (“zircon”) → 7116.20,,",
    );
    // a formula-like description is text; no codes, no figures
    expect(rows[3]).toBe('"=HYPERLINK(""x"")",no codes: nothing to classify,,,,,,,,,,,,,,,');
  });
});
