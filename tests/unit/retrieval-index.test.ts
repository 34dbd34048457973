// RetrievalIndex.best ranks in WebAssembly (top_k, ADR 0013): held equal here to ranking every code of `score`'s
// output, on a small index built for the edge cases and on the shipped hs-retrieval-fast index with real and demo text;
// and a loaded retrieval.json's index is built once per content.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { postingsKey, RetrievalIndex, type RetrievalConfig, type RetrievalDocument } from "../../models/hs-classifier/retrieval-index";
import { buildRetrievalIndex, loadedRetrievalKernel } from "../../models/hs-classifier/retrieval-model";
import { loadBrands, readBrands } from "../../models/hs-classifier/retrieval-documents";
import { parseCsvRecords } from "../../workbench/csv";
import { TEST_RETRIEVAL_CONFIG, testDocuments, topCode as top } from "../support/retrieval-test-config";
import { REAL_SET_IDS, shippedSet } from "../../workbench/evaluation/evaluation-sets";

/** Every code ranked by score, then by lower index: the plain definition `best` must give. */
function rankAll(index: RetrievalIndex, text: string, k: number): number[] {
  const scores = new Float32Array(index.codes.length);
  index.score(text, scores);
  return Array.from(scores.keys())
    .sort((a, b) => scores[b]! - scores[a]! || a - b)
    .slice(0, k);
}

function expectBestAsRankingAll(index: RetrievalIndex, texts: readonly string[], k: number) {
  const out = new Float32Array(index.codes.length);
  const scores = new Float32Array(index.codes.length);
  for (const text of texts) {
    expect(index.best(text, k, out), text).toEqual(rankAll(index, text, k));
    index.score(text, scores);
    expect(Array.from(out), text).toEqual(Array.from(scores));
  }
}

const config = TEST_RETRIEVAL_CONFIG;

const documents = testDocuments([
  ["010121", "live horses pure-bred breeding animals"],
  ["010129", "live horses other than pure-bred"],
  ["010130", "live asses"],
  ["020110", "meat of bovine animals fresh or chilled carcasses"],
  ["020120", "meat of bovine animals other cuts with bone in"],
  ["401110", "new pneumatic tyres of rubber for motor cars"],
  ["401120", "new pneumatic tyres of rubber for buses or lorries"],
  ["401220", "used pneumatic tyres of rubber"],
  ["851712", "telephones for cellular networks smartphones"],
  ["851713", "smartphones"],
  ["851762", "machines for the reception and transmission of voice images data"],
  ["940360", "wooden furniture"],
  ["940370", "furniture of plastics"],
]);

/** the documents above and some more ([code, text]) */
const withDocuments = (more: [string, string][]): RetrievalDocument[] => [...documents, ...testDocuments(more)];

describe("the best codes of a retrieval index", () => {
  const index = new RetrievalIndex(documents, config);
  const texts = [
    "used tyres",
    "smartphone 128gb",
    "live horses",
    "bovine meat",
    "plastic chair furniture",
    // matches nothing, one word, shared words, and no words at all: codes scoring 0 fill the ranking in code order
    "zzzz qqqq",
    "of",
    "rubber",
    "",
  ];

  it("are every code ranked by score, ties by code order, for any k", () => {
    for (const k of [1, 3, 5, documents.length, documents.length + 4]) expectBestAsRankingAll(index, texts, k);
  });

  it("leave every code's score in the array as score() gives it", () => {
    const out = new Float32Array(index.codes.length).fill(7);
    index.best("used tyres", 2, out);
    expect(index.codes[index.best("used tyres", 1, out)[0]!]).toBe("401220");
    expect(out.some((s) => s === 7)).toBe(false);
  });

  it("on the shipped hs-retrieval-fast index, for real and demo descriptions", () => {
    const model = JSON.parse(readFileSync("models/artifacts/hs-retrieval-fast/1.0.0/retrieval.json", "utf8"));
    const shipped = buildRetrievalIndex(model);
    const demo = parseCsvRecords(readFileSync("fixtures/demo-extract.csv", "utf8"), ["goods_description"])
      .slice(0, 300)
      .map((r) => r.goods_description!);
    const real = REAL_SET_IDS.flatMap((id) =>
      shippedSet(id)
        .lines.slice(0, 100)
        .map((l) => l.text),
    );
    expectBestAsRankingAll(shipped, [...demo, ...real, "neumáticos usados", "xq"], 50);
  });
});

describe("a loaded retrieval.json", () => {
  it("is read and indexed once per sha256: versions shipping the same file share the index, and answer alike", async () => {
    const model = { config, temperature: 0.05, documents, translations: {} };
    const labels = [...new Set(documents.map((d) => d.code))].sort();
    let reads = 0;
    const file = (sha256: string) => ({ sha256, json: () => (reads++, structuredClone(model)) });
    const first = loadedRetrievalKernel(file("a".repeat(64)), labels);
    const second = loadedRetrievalKernel(file("a".repeat(64)), labels);
    expect(reads).toBe(1);
    expect(await second.topK(["used tyres", "live horses"], 3)).toEqual(await first.topK(["used tyres", "live horses"], 3));
    loadedRetrievalKernel(file("b".repeat(64)), labels);
    expect(reads).toBe(2);
    // the labels are still checked against what the shared index holds
    expect(() => loadedRetrievalKernel(file("a".repeat(64)), labels.slice(1))).toThrow("labels.json does not list the codes retrieval.json indexes");
  });

  it("keeps its postings under the key of what a build reads: the documents' texts in order and how their terms are weighed", () => {
    const key = postingsKey(documents, config);
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    // how queries are read and voted on is not part of it: versions differing only there share one build
    const queryOnly = { ...config, translationRevision: 12 as const, neighbours: config.neighbours + 5, votePower: 3, chapterWeight: 0.9 };
    expect(postingsKey(documents, queryOnly)).toBe(key);
    expect(
      postingsKey(
        documents.map((d) => ({ ...d, code: "999999", source: "elsewhere" })),
        config,
      ),
      "codes are not postings",
    ).toBe(key);
    const others = [
      postingsKey(
        documents.map((d, i) => (i === 1 ? { ...d, text: `${d.text} x` } : d)),
        config,
      ),
      postingsKey([...documents].reverse(), config),
      postingsKey(documents, { ...config, keepWords: ["used"] }),
      postingsKey(documents, { ...config, charNgrams: [3, 4] }),
      postingsKey(documents, { ...config, wordWeight: config.wordWeight / 2 }),
      postingsKey(documents, { ...config, maxDocumentShare: config.maxDocumentShare / 2 }),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
  });

  it("has glossaries of words and their English: a value that is not text is refused, naming the word", () => {
    const labels = [...new Set(documents.map((d) => d.code))].sort();
    const load = (sha256: string, glossaries: object) => () =>
      loadedRetrievalKernel({ sha256, json: () => ({ config, temperature: 0.05, documents, translations: {}, ...glossaries }) }, labels);
    expect(load("c".repeat(64), { translations: { pneus: "tyre", usados: 2 } })).toThrow(/usados[\s\S]*expected the word's English as text/);
    expect(load("d".repeat(64), { tradeTranslations: ["pneus", "tyre"] })).toThrow(
      /tradeTranslations[\s\S]*expected an object of words and their English/,
    );
    expect(load("e".repeat(64), { handWrittenTranslations: null })).toThrow(/handWrittenTranslations/);
    // read as written: the index translates through the glossary it was given
    const kernel = loadedRetrievalKernel(
      {
        sha256: "f".repeat(64),
        json: () => ({ config: { ...config, translationRevision: 2 }, temperature: 0.05, documents, translations: { caballos: "horses" } }),
      },
      labels,
    );
    expect(kernel.translations!(["caballos vivos"])[0]).toEqual([{ word: "caballos", english: "horses" }]);
  });
});

describe("a very long description", () => {
  it("gets finite scores and the code its words name (the scratch buffers grow to fit it)", () => {
    const index = new RetrievalIndex(documents, config);
    const long = `${"horses ".repeat(700)}used tyres rubber`;
    const scores = new Float32Array(index.codes.length);
    index.score(long, scores);
    expect(scores.every((s) => Number.isFinite(s))).toBe(true);
    expect(index.codes[index.best(long, 1, scores)[0]!]!.slice(0, 4)).toBe("0101");
  });
});

describe("foreign lines, revision 2 (translationRevision)", () => {
  const foreignDocs = withDocuments([
    ["230910", "dog food put up for retail sale"],
    ["282590", "calcium oxide cao quicklime"],
    ["950490", "playing cards tarot"],
    ["401220", "used tyres"],
  ]);
  const translations = new Map([
    ["cães", "dog"],
    ["racao", "feed"],
    ["pneu", "tyre"],
    ["usado", "used"],
    ["sakura", "cherry"],
  ]);
  const configOf = (translationRevision: 1 | 2): RetrievalConfig => ({ ...config, keepWords: ["used"], translationRevision });
  const revision = (translationRevision: 1 | 2) => new RetrievalIndex(foreignDocs, configOf(translationRevision), { translations });

  it("reads an accented word as foreign and looks it up as written ('cães' is dogs, whatever 'caes' folds near)", () => {
    expect(top(revision(2), "ração para cães")).toBe("230910");
    // revision 1 folded first and found no 'caes'
    expect(top(revision(1), "ração para cães")).not.toBe("230910");
  });

  it("translates adjective-after-noun lines into the English order's word pairs", () => {
    expect(top(revision(2), "pneus usados")).toBe("401220");
    // "used tyres" is the last line: its word pair "used tyre" counts only when the translations are paired both ways
    const similarity = (index: RetrievalIndex) =>
      index.score("pneus usados", new Float32Array(index.codes.length), foreignDocs.length).find((h) => h.document === foreignDocs.length - 1)!.score;
    expect(similarity(revision(2))).toBeGreaterThan(similarity(revision(1)) + 0.05);
  });

  it("reads a line as foreign when it has no more English words than foreign ones, brand and model names counting for neither", () => {
    const plain = new RetrievalIndex(foreignDocs, configOf(2));
    const [a, b] = [new Float32Array(plain.codes.length), new Float32Array(plain.codes.length)];
    // two English words, one glossary word, two names: revision 1 translated it (most words unknown), 2 does not
    revision(2).score("kinomoto sakura clow tarot cards", a);
    plain.score("kinomoto sakura clow tarot cards", b);
    expect(Array.from(a)).toEqual(Array.from(b));
    revision(1).score("kinomoto sakura clow tarot cards", a);
    expect(Array.from(a)).not.toEqual(Array.from(b));
    // as many foreign words as English ones: a short foreign line whose adjective is also English ("miel natural")
    revision(2).score("sakura tarot", a);
    plain.score("sakura tarot", b);
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });
});

describe("lines in Chinese, Vietnamese and Thai, revision 4 (hand-written glossaries)", () => {
  const asianDocs = withDocuments([
    ["620520", "men's shirts of cotton"],
    ["620342", "men's trousers of cotton"],
    ["640399", "footwear with uppers of leather shoes"],
    ["080610", "grapes fresh"],
    ["090121", "coffee roasted"],
  ]);
  const dictionaries = new Map([
    ["herren", "master"],
    ["hosen", "trouser"],
    ["baumwolle", "cotton"],
    ["rang", "row"],
  ]);
  const handWritten = new Map([
    ["手机", "smartphone"],
    ["男士", "men"],
    ["棉", "cotton"],
    ["衬衫", "shirt"],
    ["điện thoại", "smartphone"],
    ["nho", "grape"],
    ["rang", "roasted"],
    ["cà phê", "coffee"],
    ["รองเท้า", "shoe"],
    ["หนัง", "leather"],
  ]);
  const indexOf = (translationRevision: 2 | 4) =>
    new RetrievalIndex(asianDocs, { ...config, translationRevision }, { translations: dictionaries, handWritten });
  const revision4 = indexOf(4);

  it("cuts Chinese and Thai text into the glossary's words and reads Vietnamese words of two syllables as one", () => {
    expect(top(revision4, "男士棉衬衫")).toBe("620520");
    expect(revision4.translationsOf("男士棉衬衫")).toEqual([
      { word: "男士", english: "men" },
      { word: "棉", english: "cotton" },
      { word: "衬衫", english: "shirt" },
    ]);
    expect(top(revision4, "รองเท้าหนัง")).toBe("640399");
    expect(top(revision4, "Điện thoại Samsung")).toBe("851713");
    expect(revision4.translationsOf("Điện thoại Samsung")).toEqual([{ word: "điện thoại", english: "smartphone" }]);
    // revision 2 ignores the hand-written glossaries: its versions answer as they did
    expect(indexOf(2).translationsOf("男士棉衬衫")).toEqual([]);
    expect(indexOf(2).translationsOf("Điện thoại Samsung")).toEqual([]);
  });

  it("never looks a hand-written word up by its endings or parts, and reads a Vietnamese line with the hand-written glossaries only", () => {
    // "herrenhosen" ends in "nho" (Vietnamese for grapes): the dictionaries' compound rule finds master + trousers
    expect(revision4.translationsOf("Herrenhosen aus Baumwolle")).toEqual([
      { word: "herrenhosen", english: "master trouser" },
      { word: "baumwolle", english: "cotton" },
    ]);
    // "rang" is roasted in a Vietnamese line, a row in a French one
    expect(revision4.translationsOf("cà phê rang")).toContainEqual({ word: "rang", english: "roasted" });
    expect(top(revision4, "cà phê rang")).toBe("090121");
    expect(revision4.translationsOf("rang de perles")).toContainEqual({ word: "rang", english: "row" });
  });

  it("tells lines in these languages from Latin text with a stray character", () => {
    expect(revision4.readAsAsian("男士棉衬衫")).toBe(true);
    // no word the glossaries know, and nothing else to read: still Chinese (a combined version leaves it to retrieval)
    expect(revision4.readAsAsian("红枣")).toBe(true);
    expect(revision4.readAsAsian("cà phê rang")).toBe(true);
    // an English title with a character from a wrong encoding is read as any other line
    const [a, b] = [new Float32Array(revision4.codes.length), new Float32Array(revision4.codes.length)];
    expect(revision4.readAsAsian("100锛 baumwolle used tyres")).toBe(false);
    expect(revision4.translationsOf("100锛 baumwolle used tyres")).toEqual([{ word: "baumwolle", english: "cotton" }]);
    revision4.score("100锛 baumwolle used tyres", a);
    indexOf(2).score("100锛 baumwolle used tyres", b);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(indexOf(2).readAsAsian("男士棉衬衫")).toBe(false);
  });

  it("scores a Chinese word only through its English: the documents are English, its own characters are no term", () => {
    const english = new RetrievalIndex(asianDocs, { ...config, translationRevision: 4 });
    const [a, b] = [new Float32Array(revision4.codes.length), new Float32Array(revision4.codes.length)];
    revision4.score("手机", a);
    english.score("smartphone", b);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a.some((s) => s > 0)).toBe(true);
  });
});

describe("Spanish, Portuguese, Polish, French and German lines, revision 5 (trade glossaries)", () => {
  const tradeDocs = withDocuments([
    ["845210", "sewing machines of the household type"],
    ["842211", "dishwashing machines of the household type"],
    ["330610", "dentifrices toothpaste"],
    ["961900", "sanitary towels napkins and diapers for babies"],
    ["940161", "seats upholstered couches"],
    ["620342", "men's trousers of cotton"],
    ["400911", "tubes pipes and hoses of vulcanised rubber"],
    ["610910", "t-shirts singlets of cotton knitted"],
    ["220421", "wine of fresh grapes red wine"],
    ["850610", "primary cells and batteries manganese dioxide"],
    ["950662", "inflatable balls"],
  ]);
  const dictionaries = new Map([
    ["maquina", "machine engine"],
    ["coser", "sew"],
    ["pasta", "paste"],
    ["dientes", "tooth"],
    ["herren", "master"],
    ["baumwolle", "cotton"],
  ]);
  const trade = new Map([
    ["máquina de coser", "sewing machine"],
    ["pasta de dientes", "toothpaste"],
    ["lave-vaisselle", "dishwasher machines"],
    ["vin rouge", "red wine"],
    ["huile d'olive", "olive oil"],
    ["couches", "diapers"],
    ["hose", "trousers"],
    ["herren", "men's"],
    ["t-shirt", "t-shirts"],
    ["pila", "battery"],
    ["cerilla", "matches"],
    ["thé", "tea"],
    ["camiseta", "t-shirt"],
  ]);
  const handWritten = new Map([
    ["điện thoại", "smartphone"],
    ["nhỏ", "small"],
  ]);
  const indexOf = (translationRevision: 4 | 5 | 6) =>
    new RetrievalIndex(tradeDocs, { ...config, translationRevision }, { translations: dictionaries, handWritten, trade });
  const revision5 = indexOf(5);

  it("reads a trade phrase as one word, with or without accents, joined by spaces, a hyphen or an apostrophe", () => {
    expect(revision5.translationsOf("máquina de coser Singer")).toEqual([{ word: "máquina de coser", english: "sewing machine" }]);
    expect(revision5.translationsOf("MAQUINA DE COSER")).toEqual([{ word: "maquina de coser", english: "sewing machine" }]);
    expect(top(revision5, "máquina de coser")).toBe("845210");
    expect(top(revision5, "pasta de dientes")).toBe("330610");
    expect(top(revision5, "lave-vaisselle encastrable")).toBe("842211");
    expect(revision5.translationsOf("vin rouge")).toEqual([{ word: "vin rouge", english: "red wine" }]);
    // shown as typed, though read joined by spaces
    expect(revision5.translationsOf("huile d’olive vierge")).toEqual([{ word: "huile d’olive", english: "olive oil" }]);
    expect(revision5.translationsOf("Lave-Vaisselle encastrable")).toEqual([{ word: "lave-vaisselle", english: "dishwasher machine" }]);
    // revision 4 has no trade glossaries: word by word through the dictionaries, as its versions answer
    expect(indexOf(4).translationsOf("máquina de coser")).toEqual([
      { word: "máquina", english: "machine engine" },
      { word: "coser", english: "sew" },
    ]);
  });

  it("reads a trade word the tariff uses otherwise through the glossary in a foreign line only", () => {
    // "couches" and "hose" are tariff words (couches, hoses); with a foreign word beside them they are French and German
    expect(revision5.translationsOf("couches bébé")).toEqual([{ word: "couches", english: "diaper" }]);
    expect(revision5.translationsOf("leather couches")).toEqual([]);
    expect(revision5.translationsOf("Herren Hose Baumwolle")).toContainEqual({ word: "hose", english: "trouser" });
    expect(top(revision5, "Herren Hose Baumwolle")).toBe("620342");
    // in an English line they stay English
    expect(revision5.translationsOf("rubber hose")).toEqual([]);
    expect(top(revision5, "rubber hose")).toBe("400911");
  });

  it("leaves English phrases and words as they are, and adds only plural endings to a trade word", () => {
    // "t-shirt" is read as the words it is made of: not joined, so "cotton t-shirts" stays an English line
    const [a, b] = [new Float32Array(revision5.codes.length), new Float32Array(revision5.codes.length)];
    for (const text of ["cotton t-shirts", "used tyres", "wooden furniture"]) {
      revision5.score(text, a);
      indexOf(4).score(text, b);
      expect(Array.from(a), text).toEqual(Array.from(b));
    }
    expect(revision5.translationsOf("cerillas")).toEqual([{ word: "cerillas", english: "match" }]);
    // a Vietnamese entry of several words typed without accents is still Vietnamese; a single syllable is not
    expect(revision5.translationsOf("Dien thoai Samsung")).toEqual([{ word: "dien thoai", english: "smartphone" }]);
    expect(revision5.readAsAsian("Dien thoai Samsung")).toBe(true);
    expect(top(revision5, "Dien thoai Samsung")).toBe("851713");
    expect(revision5.translationsOf("nho")).toEqual([]);
    expect(indexOf(4).translationsOf("Dien thoai Samsung")).toEqual([]);
    // an ending replaced would make the Polish "piłki" (balls) the Spanish "pila" (battery)
    expect(revision5.translationsOf("piłki")).toEqual([]);
  });
  it("revision 6: reads a word its accents alone tell from a stop word, and keeps a hyphenated English as written", () => {
    const revision6 = indexOf(6);
    // "thé" folds to "the": revision 5 drops it as a stop word before looking it up
    expect(revision5.translationsOf("thé de Chine")).toEqual([]);
    expect(revision6.translationsOf("thé de Chine")).toEqual([{ word: "thé", english: "tea" }]);
    // only as written with its accents, and only through the trade glossaries: the article stays a stop word
    expect(revision6.translationsOf("the")).toEqual([]);
    expect(revision6.translationsOf("à la")).toEqual([]);
    // the search reads "t-shirt" as "shirt", as it reads the tariff's "T-shirts"; what a person (and a garment
    // reading) sees is the glossary's word
    expect(revision5.translationsOf("camiseta")).toEqual([{ word: "camiseta", english: "shirt" }]);
    expect(revision6.translationsOf("camiseta")).toEqual([{ word: "camiseta", english: "shirt", asWritten: "t-shirt" }]);
    const [a, b] = [new Float32Array(revision5.codes.length), new Float32Array(revision5.codes.length)];
    for (const text of ["camiseta", "máquina de coser", "cotton t-shirts", "couches bébé"]) {
      revision5.score(text, a);
      revision6.score(text, b);
      expect(Array.from(b), text).toEqual(Array.from(a));
    }
  });
});

describe("brand names, revision 9", () => {
  const brandDocs = withDocuments([
    ["610910", "t-shirts singlets of cotton knitted"],
    ["640411", "sports footwear tennis shoes sneakers"],
    ["851713", "samsung galaxy"],
  ]);
  // a Polish dictionary's "adidas" (sneakers) and a German one's "klein" (small): what a brand read as a word becomes
  const translations = new Map([
    ["adidas", "sneaker tennis shoe"],
    ["klein", "small"],
  ]);
  const brands = ["adidas", "calvin klein", "samsung", "levi's", "ray-ban", "h&m", "hermès", "black & decker", "小米"];
  const indexOf = (translationRevision: 8 | 9) => new RetrievalIndex(brandDocs, { ...config, translationRevision }, { translations, brands });
  const [revision8, revision9] = [indexOf(8), indexOf(9)];
  const scores = (index: RetrievalIndex, text: string) => {
    const out = new Float32Array(index.codes.length);
    index.score(text, out);
    return Array.from(out);
  };

  it("leaves a brand out of a line's reading and search: the line answers as its goods alone", () => {
    expect(revision8.translationsOf("Adidas t-shirt")).toEqual([{ word: "adidas", english: "sneaker tennis shoe" }]);
    expect(top(revision8, "Adidas t-shirt")).toBe("640411");
    expect(top(revision8, "Samsung t-shirt")).toBe("851713");
    for (const [text, goods] of [
      ["Adidas t-shirt", "t-shirt"],
      ["SAMSUNG T-SHIRT", "T-SHIRT"],
      ["t-shirt Calvin Klein, cotton", "t-shirt , cotton"],
    ]) {
      expect(revision9.translationsOf(text!), text).toEqual([]);
      expect(scores(revision9, text!), text).toEqual(scores(revision9, goods!));
    }
    expect(top(revision9, "Adidas t-shirt")).toBe("610910");
  });

  it("finds a name as lines write it: any case, with or without its space, hyphen, apostrophe or accents as listed", () => {
    expect(revision9.brandsOf("LEVI’S jeans, Levis belt, RayBan and Ray-Ban sunglasses")).toEqual(["LEVI’S", "Levis", "RayBan", "Ray-Ban"]);
    expect(revision9.brandsOf("H&M socks, Black and Decker drill, Black+Decker sander, HERMÈS scarf")).toEqual([
      "H&M",
      "Black and Decker",
      "Black+Decker",
      "HERMÈS",
    ]);
    // only whole words, only the whole name: "klein" alone is German for small, "adidasy" Polish sneakers
    expect(revision9.brandsOf("adidasy klein kinder samsungs")).toEqual([]);
    // a name in Chinese characters wherever it stands (no spaces between Chinese words), not where it is all there is
    // but one character ("小米粥", millet porridge)
    expect(revision9.brandsOf("小米充电宝")).toEqual(["小米"]);
    expect(revision9.brandsOf("小米粥")).toEqual([]);
    expect(revision8.brandsOf("Adidas t-shirt")).toEqual([]);
  });

  it("keeps a line that is nothing but a name as it stands: there is nothing else to read", () => {
    expect(revision9.brandsOf("SAMSUNG")).toEqual([]);
    expect(revision9.brandsOf("Samsung 128GB")).toEqual([]);
    expect(top(revision9, "SAMSUNG")).toBe("851713");
  });
});

describe("a brand list (fixtures/glossary/brands.csv)", () => {
  it("is read as lower case NFC spellings, each once, naming the row of one that is not", () => {
    expect(readBrands("brand\nadidas\ncalvin klein\nl'oréal\n", "brands.csv")).toEqual(["adidas", "calvin klein", "l'oréal"]);
    expect(() => readBrands("brand\nadidas\nSamsung\n", "brands.csv")).toThrow("brands.csv row 3: 'Samsung' is not a brand name in lower case NFC");
    expect(() => readBrands("brand\nl'ore\u0301al\n", "brands.csv")).toThrow("row 2");
    expect(() => readBrands("brand\nadidas\nbosch\nadidas\n", "brands.csv")).toThrow("brands.csv row 4: 'adidas' is listed already on row 2");
  });

  it("ships as such: the list versions from revision 9 read", () => {
    const brands = loadBrands();
    expect(brands.length).toBeGreaterThan(150);
    expect(brands).toContain("adidas");
  });
});

describe("typos, revision 10", () => {
  const typoDocs = withDocuments([
    ["841821", "refrigerators household type compression"],
    ["560121", "wadding of cotton"],
    ["030617", "frozen shrimps and prawns"],
  ]);
  const translations = new Map([["camaroes", "shrimp"]]);
  const indexOf = (translationRevision: 9 | 10, englishWords: string[] = []) =>
    new RetrievalIndex(typoDocs, { ...config, translationRevision }, { translations, englishWords });
  const [revision9, revision10] = [indexOf(9), indexOf(10, ["wedding"])];
  const scores = (index: RetrievalIndex, text: string) => {
    const out = new Float32Array(index.codes.length);
    index.score(text, out);
    return Array.from(out);
  };

  it("reads a word one typo from a word the documents use as that word: dropped, added, changed, swapped letters", () => {
    for (const typo of ["refrigrators", "refrigeratorrs", "refrigirators", "refrigeartors"]) {
      expect(scores(revision10, `${typo} household`), typo).toEqual(scores(revision10, "refrigerators household"));
      expect(scores(revision9, `${typo} household`), typo).not.toEqual(scores(revision9, "refrigerators household"));
    }
    expect(top(revision10, "frozen shrrimps")).toBe("030617");
  });

  it("reads a word of English as written, and never a word of a line read as foreign or shorter than five letters", () => {
    // "wedding" is one letter from the documents' "wadding", but a word
    expect(scores(revision10, "wedding dress")).toEqual(scores(revision9, "wedding dress"));
    expect(scores(indexOf(10), "wedding dress")).not.toEqual(scores(revision9, "wedding dress"));
    // a foreign line keeps its words: "camaroes congelados" is read through the glossary, "congelados" left alone
    expect(scores(revision10, "camaroes congelados")).toEqual(scores(revision9, "camaroes congelados"));
    // as the search reads it: "shrmps" is "shrmp", one letter from "shrimp"; "prwns" is "prwn", too short to tell
    expect(scores(revision10, "shrmps")).toEqual(scores(revision10, "shrimps"));
    expect(scores(revision10, "prwns")).toEqual(scores(revision9, "prwns"));
  });

  it("reads no typo in a word far longer than any the documents use", () => {
    // a word three letters longer than the documents' longest is not one typo from any of them: it is not searched,
    // which would build 54 candidates per letter, each as long as the word
    const long = "refrigerators".repeat(400);
    expect(scores(revision10, `${long} household`)).toEqual(scores(revision9, `${long} household`));
    expect(revision10.typosOf(`${long} household`)).toEqual([]);
  });

  it("keeps of an English word list only the words one typo from a word the documents use (what a retrieval.json holds)", () => {
    expect(indexOf(10).typoLikeWords(["wedding", "weddings", "household", "zebra", "refrigerators"])).toEqual(["wedding"]);
  });
});
