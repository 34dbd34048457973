// Kitchen articles in Chinese, Vietnamese and Thai (hs-retrieval@1.19.0, hs-retrieval-fast@1.19.0, hs-combined@1.26.0):
// the hand-written glossaries name a colander, a sieve, a steamer, a lunch box… ("rổ", "กระชอน", "蒸笼"), and a
// Vietnamese line whose number is followed by a unit written out with an accent ("20 lít") is read as Vietnamese
// (translation revision 14: it was read as French, "lit" a bed).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCsvRecords } from "../../workbench/csv";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { expectCombinedSuccessor, expectHs6RightCounts, expectNoSetLoses, measuredOn, shipped, topCodes } from "./real-text-support";

// our lines (fixtures/README.md): written before the glossaries' entries and after them (read once, never used to
// change an entry)
const LINES = parseCsvRecords(readFileSync("fixtures/asian-kitchen-lines.csv", "utf8"), ["language", "text", "hs6", "written"]);
const SETS = [LINES.filter((r) => r.written === "before"), LINES.filter((r) => r.written === "after")] as const;

describe("kitchen articles in Chinese, Vietnamese and Thai (hs-retrieval@1.19.0, hs-retrieval-fast@1.19.0, hs-combined@1.26.0)", () => {
  it("our lines: 45 written before the entries and 30 after, 15 and 10 a language; every code an HS 2022 subheading", () => {
    expect(SETS.map((s) => s.length)).toEqual([45, 30]);
    for (const language of ["zho", "vie", "tha"]) expect(SETS.map((s) => s.filter((r) => r.language === language).length)).toEqual([15, 10]);
    const nomenclature = loadNomenclature();
    expect(LINES.filter((r) => !nomenclature.has(r.hs6!))).toEqual([]);
    expect(new Set(LINES.map((r) => r.text)).size).toBe(LINES.length);
  });

  it("both retrieval versions read a Vietnamese line with '20 lít' as Vietnamese, and no set they are compared on loses", async () => {
    const text = "Xô nhựa 20 lít";
    for (const name of ["hs-retrieval", "hs-retrieval-fast"]) {
      const [older, newer] = [await shipped(`${name}@1.18.0`), await shipped(`${name}@1.19.0`)];
      const read = async (model: typeof older) => (await model.classifier.explain([text], 1)).translated![0]!.map((w) => `${w.word} → ${w.english}`);
      expect(await read(older), name).toEqual(["lit → bed"]);
      expect(await read(newer), name).toEqual(["xô → bucket", "nhựa → plastic"]);
      expect(await topCodes(newer, [text]), name).toEqual(["392490"]);
      await expectNoSetLoses(newer, older);
    }
  });

  it("hs-combined@1.26.0 reads the kitchen articles, by their material where they name one", async () => {
    const { combined, older } = await expectCombinedSuccessor("hs-combined/1.26.0", "hs-retrieval@1.19.0", "hs-combined/1.25.0", expectNoSetLoses);
    // hs-combined 1.25.0 → 1.26.0, right at HS 6, as measured on 2026-12-07
    const measured = [
      [25, 40],
      [16, 21],
    ] as const;
    await expectHs6RightCounts(older, combined, measuredOn(SETS, measured));
    const articles = ["Chảo gang 26cm", "กระชอนสแตนเลส", "竹蒸笼", "Nồi gang tráng men"];
    expect(await topCodes(older, articles)).toEqual(["732399", "732410", "442191", "732393"]);
    expect(await topCodes(combined, articles)).toEqual(["732391", "732393", "441919", "732392"]);
  });
});
