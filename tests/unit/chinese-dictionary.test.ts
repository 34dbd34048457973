// Translation revision 12 (hs-retrieval@1.15.0): Chinese words the hand-written glossary does not have, read through a
// dictionary built from CC-CEDICT (fixtures/glossary/dictionary-zho.tsv, scripts/build-chinese-dictionary.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GLOSSARY_NAMES, loadChineseDictionary, loadTranslations, tariffDocuments } from "../../models/hs-classifier/retrieval-documents";
import { RetrievalIndex } from "../../models/hs-classifier/retrieval-index";
import { foreignSegmentation, retrievalWords, segmentForeign } from "../../models/hs-classifier/retrieval-text";
import { TEST_RETRIEVAL_CONFIG, testDocuments, topCode } from "../support/retrieval-test-config";

describe("cutting Chinese text with a dictionary besides the hand-written glossary", () => {
  const glossary = ["卷", "机", "衣", "钢管", "男士", "电动"];
  const dictionary = ["卷扬机", "救生衣", "无缝钢", "无缝", "士真", "真皮"];
  const withDictionary = foreignSegmentation(glossary, false, dictionary);
  const cut = (text: string) => segmentForeign(text, withDictionary).trim().split(/\s+/);

  it("takes the dictionary's longest word where the glossary has none of two characters or more", () => {
    // 卷扬机 is a winch: the glossary's single characters read it as a roll and a machine
    expect(cut("卷扬机")).toEqual(["卷扬机"]);
    expect(cut("救生衣")).toEqual(["救生衣"]);
    expect(cut("电动卷扬机")).toEqual(["电动", "卷扬机"]);
  });

  it("never cuts inside a glossary word of two characters or more, nor starts a dictionary word inside one", () => {
    // 无缝钢 would swallow the start of 钢管 (steel pipe): the shorter 无缝 (seamless) is taken
    expect(cut("无缝钢管")).toEqual(["无缝", "钢管"]);
    // 士真 starts inside 男士: the glossary's word is read, then the dictionary's 真皮 (leather)
    expect(cut("男士真皮")).toEqual(["男士", "真皮"]);
  });

  it("drops what neither covers, and cuts as before without a dictionary", () => {
    expect(cut("扬扬卷")).toEqual(["卷"]);
    const before = foreignSegmentation(glossary);
    expect(segmentForeign("卷扬机 电动", before).trim().split(/\s+/)).toEqual(["卷", "机", "电动"]);
    // single characters of the dictionary are not its words: they say too little and too much
    expect(foreignSegmentation([], false, ["扬", "卷扬机"]).gapWords).toEqual(new Set(["卷扬机"]));
  });

  it("is read by revision 12 only, the glossary's word first; an index before it reads as before", () => {
    const documents = testDocuments([
      ["842531", "winches capstans powered by electric motor"],
      ["630720", "life-jackets and life-belts"],
      ["620520", "men's shirts of cotton"],
      ["851660", "other ovens cookers cooking plates"],
    ]);
    const glossaries = {
      handWritten: new Map([
        ["卷", "roll"],
        ["机", "machine"],
        ["衣", "clothing"],
        ["电动", "electric"],
      ]),
      dictionary: new Map([
        ["卷扬机", "capstan"],
        ["救生衣", "life jacket"],
        ["电动", "motorized"],
      ]),
    };
    const indexOf = (translationRevision: 11 | 12) => new RetrievalIndex(documents, { ...TEST_RETRIEVAL_CONFIG, translationRevision }, glossaries);
    const [revision11, revision12] = [indexOf(11), indexOf(12)];
    expect(revision12.translationsOf("卷扬机 电动 1吨")).toEqual([
      { word: "卷扬机", english: "capstan", dictionary: true },
      // the glossary's word, not the dictionary's
      { word: "电动", english: "electric" },
    ]);
    expect(revision11.translationsOf("卷扬机 电动 1吨")).toEqual([
      { word: "卷", english: "roll" },
      { word: "机", english: "machine" },
      { word: "电动", english: "electric" },
    ]);
    expect(topCode(revision12, "救生衣 成人")).toBe("630720");
    expect(revision12.readAsAsian("救生衣 成人")).toBe(true);
  });
});

describe("the shipped Chinese dictionary (fixtures/glossary/dictionary-zho.tsv)", () => {
  const dictionary = loadChineseDictionary();

  it("has words of two characters or more the hand-written glossary lacks, each read as words of the tariff texts", () => {
    expect(dictionary.size).toBeGreaterThan(20_000);
    const handWritten = loadTranslations(["zho"]).handWritten;
    // the words of the tariff texts and of the glossaries the versions that read the dictionary index
    const vocabulary = new Set(tariffDocuments(undefined, GLOSSARY_NAMES).flatMap((d) => retrievalWords(d.text, undefined, new Set(["used"]))));
    const unread = [...dictionary].filter(([word, english]) => {
      const words = retrievalWords(english, undefined, new Set(["used"]));
      return handWritten.has(word) || !words.length || words.some((w) => !vocabulary.has(w)) || english.split(" ").length > 9;
    });
    expect(unread).toEqual([]);
    expect(dictionary.get("卷扬机")).toBe("capstan");
    expect(dictionary.get("救生衣")).toBe("life jacket life vest");
  });

  it("says where its licence and its source are recorded", () => {
    const readme = readFileSync("fixtures/glossary/README.md", "utf8");
    expect(readme).toContain("`dictionary-zho.tsv`");
    expect(readme).toContain("CC BY-SA 4.0");
  });
});
