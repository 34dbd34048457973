import { describe, expect, it } from "vitest";
import { retrievalWords, stem, translateWord } from "../../models/hs-classifier/retrieval-text";

describe("retrieval words", () => {
  it("keeps numbers with their unit as one token, as traders write them", () => {
    expect(retrievalWords("iPhone 15 Pro 256GB")).toEqual(["iphone", "15", "pro", "256gb"]);
    expect(retrievalWords("battery 48 V, 1,5 kg")).toEqual(["battery", "48v", "1_5kg"]);
    expect(retrievalWords("tyres 205/55 R16")).toEqual(["tyre", "205_55", "r16"]);
  });

  it("drops function words and tariff filler, folds accents, stems plurals", () => {
    expect(retrievalWords("Other articles of plastics, NESOI")).toEqual(["article", "plastic"]);
    expect(retrievalWords("Camisas de algodón")).toEqual(["camisa", "algodon"]);
    expect(["batteries", "boxes", "tyres", "glass", "bus"].map(stem)).toEqual(["battery", "box", "tyre", "glass", "bus"]);
  });

  it("translates inflected and compound foreign words through a glossary, and leaves unknown words alone", () => {
    const glossary = new Map([
      ["opona", "tyre"],
      ["uzywany", "used"],
      ["leder", "leather"],
      ["schuh", "shoe"],
    ]);
    expect(translateWord("opony", glossary)).toBe("tyre");
    expect(translateWord("uzywane", glossary)).toBe("used");
    expect(translateWord("lederschuhe", glossary)).toBe("leather shoe");
    expect(translateWord("polivac", glossary)).toBeUndefined();
    // a compound needs both parts to be words: a long Romance word is not a tail with a meaningless head
    const withOak = new Map([...glossary, ["able", "oak"]]);
    expect(translateWord("inoxidable", withOak)).toBeUndefined();
    expect(retrievalWords("opony używane", (w) => translateWord(w, glossary))).toEqual(["opony", "tyre", "uzywane", "used"]);
  });
});

describe("stop words a version keeps", () => {
  it("drops 'used' as tariff filler unless the version keeps it (used tyres are not new ones)", () => {
    expect(retrievalWords("used tyres")).toEqual(["tyre"]);
    expect(retrievalWords("used tyres", undefined, new Set(["used"]))).toEqual(["used", "tyre"]);
    expect(retrievalWords("of a kind used on motor cars", undefined, new Set(["used"]))).toEqual(["used", "motor", "car"]);
  });
});
