// Chinese words the hand-written glossary lacks, read through a dictionary built from CC-CEDICT (translation revision
// 12: hs-retrieval@1.15.0, hs-retrieval-fast@1.15.0, hs-combined@1.18.0). Lines without Chinese characters answer as before.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCsvRecords } from "../../workbench/csv";
import { expectCombinedSuccessor, expectHs6RightCounts, expectOnlyAsianLinesChange, measuredOn, shipped } from "./real-text-support";

const chinese = (file: string, columns: string[]) =>
  parseCsvRecords(readFileSync(`fixtures/${file}`, "utf8"), columns).filter((r) => !r.language || r.language === "zho");
// our Chinese lines (fixtures/README.md): written before the glossaries' last change, after it, the goods of our English
// glossaries (passes 1 and 2: entries were written from them; pass 3: never used to write one, only counted), and the
// lines of this revision: read while writing it, and written after it and never used to change anything
const OWN = chinese("asian-language-lines.csv", ["language", "text", "english", "hs6"]);
const AFTER_GLOSSARIES = chinese("asian-lines-after-glossaries.csv", ["language", "text", "english", "hs6", "round"]);
const GOODS = chinese("asian-glossary-goods.csv", ["language", "text", "english", "hs6", "pass"]);
const [GOODS_WRITTEN_FROM, GOODS_PASS_3] = [GOODS.filter((r) => r.pass !== "3"), GOODS.filter((r) => r.pass === "3")];
const LINES = chinese("chinese-dictionary-lines.csv", ["text", "hs6", "written"]);
const [FIRST, AFTER_IT] = [LINES.filter((l) => l.written === "first"), LINES.filter((l) => l.written === "after")];

// the counts below: right at HS 6 before and after on each of SETS (measuredOn), as measured on 2026-12-05 (the padlock,
// one of the goods written from, counted right then: its code was corrected to 8301.10 on 2026-12-07, which these
// versions do not give), with the goods' codes corrected since (hs-retrieval@1.20.0, real-text-support.ts) and the
// hand-held electric saw of our lines 8467.22
const SETS = [OWN, AFTER_GLOSSARIES, GOODS_WRITTEN_FROM, GOODS_PASS_3, FIRST, AFTER_IT] as const;

describe("a Chinese dictionary (hs-retrieval@1.15.0, hs-retrieval-fast@1.15.0, hs-combined@1.18.0)", () => {
  it("reads Chinese goods the glossary does not name; every line without Chinese characters answers as 1.14.0", async () => {
    expect([OWN.length, AFTER_GLOSSARIES.length, GOODS_WRITTEN_FROM.length, GOODS_PASS_3.length, FIRST.length, AFTER_IT.length]).toEqual([
      80, 50, 959, 250, 118, 60,
    ]);
    for (const [name, measured] of [
      [
        "hs-retrieval",
        [
          [65, 65],
          [38, 38],
          [898, 903],
          [109, 152],
          [58, 63],
          [24, 27],
        ],
      ],
      [
        "hs-retrieval-fast",
        [
          [61, 61],
          [35, 35],
          [855, 864],
          [100, 142],
          [57, 60],
          [23, 24],
        ],
      ],
    ] as const) {
      const [older, newer] = [await shipped(`${name}@1.14.0`), await shipped(`${name}@1.15.0`)];
      await expectHs6RightCounts(older, newer, measuredOn(SETS, measured));
      await expectOnlyAsianLinesChange(newer, older);
      expect(newer.card.training.sources).toContain("fixtures/glossary/dictionary-zho.tsv (CC-CEDICT)");
      expect(newer.card.limitations.join(" ")).toContain("a dictionary built from CC-CEDICT (22,388 words");
    }
  });

  it("says which words it read through the dictionary, and reads the glossary's words as before", async () => {
    const [older, newer] = [await shipped("hs-retrieval@1.14.0"), await shipped("hs-retrieval@1.15.0")];
    const lines = ["卷扬机 电动 1吨", "救生衣 成人 船用", "男士纯棉衬衫"];
    const { translated, candidates } = await newer.classifier.explain(lines, 1);
    expect(translated![0]).toEqual([
      { word: "卷扬机", english: "capstan", dictionary: true },
      { word: "电动", english: "electric" },
    ]);
    expect(translated![1]).toEqual([
      { word: "救生衣", english: "life jacket life vest", dictionary: true },
      { word: "船", english: "boat" },
    ]);
    // a winch, a life jacket, a men's cotton shirt; 1.14.0 read 卷 roll + 机 machine (an electric iron) and 衣 clothing
    expect(candidates.map((c) => c[0]!.code)).toEqual(["842531", "630720", "620520"]);
    const before = await older.classifier.explain(lines, 1);
    expect(before.candidates.map((c) => c[0]!.code)).toEqual(["851640", "621790", "620520"]);
    expect(before.translated![2]).toEqual(translated![2]);
  });

  it("hs-combined@1.18.0 reads them as its member does; every line without Chinese characters as 1.17.0", async () => {
    const { combined, older } = await expectCombinedSuccessor(
      "hs-combined/1.18.0",
      "hs-retrieval@1.15.0",
      "hs-combined/1.17.0",
      expectOnlyAsianLinesChange,
    );
    await expectHs6RightCounts(
      older,
      combined,
      measuredOn(SETS, [
        [65, 65],
        [36, 36],
        [899, 904],
        [110, 153],
        [58, 63],
        [24, 27],
      ]),
    );
  });
});
