import { describe, expect, it } from "vitest";
import {
  foreignSegmentation,
  goodsPart,
  latinUnits,
  matchedWords,
  retrievalGroups,
  retrievalWords,
  segmentForeign,
  stem,
  translateForeign,
  translateWord,
} from "../../models/hs-classifier/retrieval-text";

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

  it("tries a very long word's compound tails only as long as a glossary key can match: lookups grow with the word, not its square", () => {
    const glossary = new Map([
      ["leder", "leather"],
      ["schuh", "shoe"],
    ]);
    let lookups = 0;
    const counted = new Map(glossary);
    counted.get = (key: string) => (lookups++, glossary.get(key));
    expect(translateWord(`${"x".repeat(5000)}lederschuhe`, counted)).toBeUndefined();
    // the whole word and each tail of at most 8 letters (the longest key, 5, and three cut): about 20 lookups each
    expect(lookups).toBeLessThan(400);
    expect(translateWord("lederschuhe", counted)).toBe("leather shoe");
  });
});

describe("stop words a version keeps", () => {
  it("drops 'used' as tariff filler unless the version keeps it (used tyres are not new ones)", () => {
    expect(retrievalWords("used tyres")).toEqual(["tyre"]);
    expect(retrievalWords("used tyres", undefined, new Set(["used"]))).toEqual(["used", "tyre"]);
    expect(retrievalWords("of a kind used on motor cars", undefined, new Set(["used"]))).toEqual(["used", "motor", "car"]);
  });
});

describe("foreign words as written", () => {
  it("groups each word with its translation and gives the translator the word as written, accents kept", () => {
    const seen: [string, string][] = [];
    const groups = retrievalGroups("Spüle aus Edelstahl, 2 Stück", (word, written) => {
      seen.push([word, written]);
      return word === "spule" ? "sink" : undefined;
    });
    expect(groups).toEqual([["spule", "sink"], ["edelstahl"], ["2"], ["stuck"]]);
    expect(seen).toContainEqual(["spule", "spüle"]);
    expect(seen).toContainEqual(["stuck", "stück"]);
    // a text whose written words do not line up with the folded ones (CJK splits differently): the folded word stands in
    const cjk: [string, string][] = [];
    retrievalGroups("手机壳 silicone", (word, written) => void cjk.push([word, written]));
    expect(cjk).toEqual([["silicone", "silicone"]]);
  });

  it("keeps the words as written in step with the folded ones where a unit after a number meets an accented letter (revision 14)", () => {
    const writtenOf = (unitsAsFolded: boolean) => {
      const seen: string[] = [];
      retrievalGroups("Xô nhựa 20 lít", (_, written) => void seen.push(written), undefined, false, false, unitsAsFolded);
      return seen;
    };
    // "20 l" + "ít" joined as written ("20lít"), not folded ("20 lit"): out of step, every word looked up folded
    expect(writtenOf(false)).toEqual(["xo", "nhua", "20", "lit"]);
    expect(writtenOf(true)).toEqual(["xô", "nhựa", "20", "lít"]);
    // a unit no letter follows is joined in both
    const units: string[] = [];
    retrievalGroups("Nồi 5 l inox", (_, written) => void units.push(written), undefined, false, false, true);
    expect(units).toEqual(["nồi", "5l", "inox"]);
  });

  it("looks a word up as written before folded, so two words that fold alike keep their meanings", () => {
    const glossary = new Map([
      ["spüle", "sink"],
      ["spule", "coil"],
      ["cães", "dog"],
    ]);
    expect(translateForeign("spüle", "spule", glossary)).toBe("sink");
    expect(translateForeign("spule", "spule", glossary)).toBe("coil");
    expect(translateForeign("cães", "caes", glossary)).toBe("dog");
    // without accents only the folded key can match
    expect(translateForeign("caes", "caes", glossary)).toBeUndefined();
  });
});

describe("the words that matched a suggestion", () => {
  it("are the description's words as written, foreign ones through the English they were read as", () => {
    const texts = ["Sinks and wash basins, of stainless steel"];
    expect(matchedWords("stainless steel kitchen sink 80x50cm", texts)).toEqual(["stainless", "steel", "sink"]);
    const translated = [
      { word: "spüle", english: "sink kitchen" },
      { word: "edelstahl", english: "high grade steel" },
    ];
    expect(matchedWords("Spüle aus Edelstahl", texts, translated)).toEqual(["Spüle (sink)", "Edelstahl (steel)"]);
    // without the translations nothing matches: the page then says to check with extra care
    expect(matchedWords("Spüle aus Edelstahl", texts)).toEqual([]);
  });
});

describe("the goods a description names before their use", () => {
  it("is the text before the first English use phrase, when it names something", () => {
    expect(goodsPart("a brake pad press used in the manufacture of vehicle brake pads")).toBe("a brake pad press");
    expect(goodsPart("Earphone Case for AirPods 3")).toBe("Earphone Case");
    expect(goodsPart("perforated tubes for use in the construction of motorcycle mufflers")).toBe("perforated tubes");
    expect(goodsPart("a sleep aid light designed to assist users")).toBe("a sleep aid light");
    expect(goodsPart("Pen Holder, for office")).toBe("Pen Holder");
  });

  it("is nothing when the text names no use, starts with it, or names nothing before it", () => {
    expect(goodsPart("stainless steel kitchen sink")).toBeUndefined();
    expect(goodsPart("forklift trucks, platform for 2 t")).toBe("forklift trucks, platform");
    expect(goodsPart("For Xiaomi car DVR holder")).toBeUndefined();
    expect(goodsPart("10 x for kids")).toBeUndefined();
    // other languages are read whole (measured: no gain on our foreign lines)
    expect(goodsPart("funda para iPhone")).toBeUndefined();
    expect(goodsPart("filtry powietrza do silników")).toBeUndefined();
  });

  it("ends before the Polish 'do' where asked, never inside a glossary phrase the line was read with", () => {
    const polish = { phrases: ["pasta do zębów", "maszynki do golenia"] };
    expect(goodsPart("filtry powietrza do silników", polish)).toBe("filtry powietrza");
    expect(goodsPart("klocki hamulcowe do samochodów osobowych", { phrases: [] })).toBe("klocki hamulcowe");
    expect(goodsPart("pasta do zębów", polish)).toBeUndefined();
    expect(goodsPart("Pasta do zębów do podróży", polish)).toBe("Pasta do zębów");
    expect(goodsPart("maszynki do golenia jednorazowe", polish)).toBeUndefined();
    // English use phrases as before; Spanish and French "para" and "pour" also name the wearer, so they stay
    expect(goodsPart("Earphone Case for AirPods 3", polish)).toBe("Earphone Case");
    expect(goodsPart("vestidos de algodón para mujer", polish)).toBeUndefined();
  });

  it("ends before what the goods are packed in where asked: a container after a word for 'in' or after a weight or volume", () => {
    const packing = { packing: true };
    expect(goodsPart("Strawberry jam in glass jars 340g", packing)).toBe("Strawberry jam");
    expect(goodsPart("Honey 500g glass jar", packing)).toBe("Honey 500g");
    expect(goodsPart("Motor oil 5W-30 4L plastic bottle", packing)).toBe("Motor oil 5W-30 4L");
    expect(goodsPart("Tomato paste in drums 220 litres", packing)).toBe("Tomato paste");
    expect(goodsPart("Basmati rice packed in 25 kg bags", packing)).toBe("Basmati rice");
    expect(goodsPart("Honig 500 g Glas", packing)).toBe("Honig 500 g");
    expect(goodsPart("Erdbeermarmelade im Glas 340g", packing)).toBe("Erdbeermarmelade");
    expect(goodsPart("Bière en canette 33 cl", packing)).toBe("Bière");
    expect(goodsPart("Miel 500 g pot en verre", packing)).toBe("Miel 500 g");
    expect(goodsPart("Mermelada de fresa 340 g frasco de vidrio", packing)).toBe("Mermelada de fresa 340 g");
    expect(goodsPart("Cerveja em lata 350 ml", packing)).toBe("Cerveja");
    expect(goodsPart("Ogórki konserwowe w słoiku", packing)).toBe("Ogórki konserwowe");
    // and before a use phrase that comes first
    expect(goodsPart("Olive oil for cooking in 5L tins", packing)).toBe("Olive oil");
  });

  it("keeps a container that is the goods: named first, named after what it holds, a case, French 'en carton'", () => {
    const packing = { packing: true };
    expect(goodsPart("Glass jars 500ml with lids", packing)).toBeUndefined();
    expect(goodsPart("500ml glass bottles", packing)).toBeUndefined();
    expect(goodsPart("Stainless steel water bottle 750ml", packing)).toBeUndefined();
    expect(goodsPart("Wine bottle opener", packing)).toBeUndefined();
    expect(goodsPart("iPhone 15 case", packing)).toBeUndefined();
    expect(goodsPart("Laptop 15.6 bag", packing)).toBeUndefined();
    expect(goodsPart("gobelets en carton", packing)).toBeUndefined();
    expect(goodsPart("Interior paint 5L can be tinted", packing)).toBeUndefined();
    // not read unless asked (older versions, the garment reading)
    expect(goodsPart("Honey 500g glass jar")).toBeUndefined();
  });

  it("never ends a foreign line's goods inside a glossary phrase it was read with", () => {
    expect(goodsPart("Miel en bocal en verre", { phrases: ["bocal en verre"], packing: true })).toBe("Miel");
    expect(goodsPart("zgrzewka piwo w puszce", { phrases: ["piwo w puszce"], packing: true })).toBeUndefined();
    expect(goodsPart("zgrzewka piwo w puszce", { phrases: [], packing: true })).toBe("zgrzewka piwo");
  });
});

describe("Chinese, Thai and Vietnamese text cut into glossary words (segmentForeign)", () => {
  const segmentation = foreignSegmentation([
    "电动",
    "自行车",
    "电动自行车",
    "手机",
    "男士",
    "衬衫",
    "รองเท้า",
    "หนัง",
    "điện thoại",
    "điện thoại di động",
    "cao su",
    "dog",
  ]);
  const words = (text: string) => segmentForeign(text, segmentation).split(/\s+/).filter(Boolean);

  it("takes the longest glossary word first and drops the characters no word covers", () => {
    expect(words("电动自行车")).toEqual(["电动自行车"]);
    expect(words("电动手机")).toEqual(["电动", "手机"]);
    expect(words("红色男士衬衫 XL")).toEqual(["男士", "衬衫", "xl"]);
    expect(words("รองเท้าหนังสีดำ")).toEqual(["รองเท้า", "หนัง"]);
  });

  it("joins a glossary entry of several words where they stand separated by spaces only", () => {
    expect(segmentForeign("Điện thoại di động Samsung", segmentation)).toBe("điện_thoại_di_động samsung");
    expect(segmentForeign("Mủ cao su, điện thoại", segmentation)).toBe("mủ cao_su, điện_thoại");
    expect(segmentForeign("điện, thoại", segmentation)).toBe("điện, thoại");
  });

  it("reads Chinese and Thai units after a number as the Latin ones (revision 7), and leaves every other text as it is", () => {
    expect(latinUnits("数据线 1米")).toBe("数据线 1m ");
    expect(latinUnits("幅宽1.5米 大米 25公斤")).toBe("幅宽1.5m  大米 25kg ");
    expect(latinUnits("16寸落地扇, 500毫升")).toBe("16inch 落地扇, 500ml ");
    expect(latinUnits("หม้อหุงข้าว 1.8 ลิตร 500 กรัม 30 ซม.")).toBe("หม้อหุงข้าว 1.8l  500g  30cm ");
    // no number before it: a word ("米其林", Michelin; "大米", rice); no Chinese or Thai: untouched
    expect(latinUnits("米其林轮胎")).toBe("米其林轮胎");
    expect(latinUnits("cable 1 m")).toBe("cable 1 m");
  });

  it("finds a word of Latin letters and Chinese characters as written from revision 13, only where its letters stand alone", () => {
    const glossary = ["盘", "树脂", "u盘", "abs树脂", "卡拉ok机", "机"];
    const mixed = (text: string) =>
      segmentForeign(text, foreignSegmentation(glossary, false, [], true))
        .split(/\s+/)
        .filter(Boolean);
    expect(mixed("U盘 32GB")).toEqual(["u盘", "32gb"]);
    expect(mixed("ABS树脂颗粒 卡拉OK机")).toEqual(["abs树脂", "卡拉ok机"]);
    // "tabs" is not "abs", nor "卡拉oks机" the karaoke machine (卡拉 alone is no glossary word: dropped)
    expect(mixed("tabs树脂 卡拉oks机")).toEqual(["tabs", "树脂", "oks", "机"]);
    // a private use character in the text is never read as a word
    expect(mixed("\u{E000}盘")).toEqual(["盘"]);
    // before revision 13 the Chinese characters were cut alone
    expect(segmentForeign("U盘 32GB", foreignSegmentation(glossary)).split(/\s+/).filter(Boolean)).toEqual(["u", "盘", "32gb"]);
  });

  it("reads single Chinese characters as words but single letters not", () => {
    expect(retrievalWords("鞋 a 手机", undefined, undefined)).toEqual([]);
    expect(retrievalGroups("鞋 a 手机", undefined, undefined, true)).toEqual([["鞋"], ["手机"]]);
  });

  it("shows what the glossaries read inside a written word or across several beside the words that matched", () => {
    const texts = ["Telephone sets; smartphones for cellular networks"];
    expect(matchedWords("Điện thoại Samsung", texts, [{ word: "điện thoại", english: "smartphone" }])).toEqual(["điện thoại (smartphone)"]);
    expect(
      matchedWords("男士手机", texts, [
        { word: "男士", english: "men" },
        { word: "手机", english: "smartphone" },
      ]),
    ).toEqual(["手机 (smartphone)"]);
  });
});
