import { describe, expect, it } from "vitest";
import { featuriseBatch, murmur3, normaliseText, normaliseUnicode, tokens, type FeaturiserConfig } from "../../workbench/features/hashed-features";
import { createRng } from "../../workbench/random";

const config: FeaturiserConfig = { version: 1, dim: 1024, charNgrams: [3, 4], wordNgrams: [1, 2] };

describe("text features", () => {
  it("normalises case, accents, punctuation, numbers and units", () => {
    expect(normaliseText("Café CRÈME, 12x500G  Pcs.")).toBe("cafe creme 0 x 0 g pc");
    expect(normaliseText("Łódź—Kraków 2KGS")).toBe("lodz krakow 0 kg");
  });
  it("makes word uni/bigrams and character n-grams", () => {
    const t = tokens("Frozen fish", { ...config, charNgrams: [3] });
    expect(t).toEqual([
      "w:frozen",
      "w:fish",
      "w:frozen fish",
      "c:<fr",
      "c:fro",
      "c:roz",
      "c:oze",
      "c:zen",
      "c:en>",
      "c:<fi",
      "c:fis",
      "c:ish",
      "c:sh>",
    ]);
  });
  it("never changes its hashes (trained models depend on them)", () => {
    expect([murmur3(""), murmur3("hello"), murmur3("w:horses")]).toEqual([3954623016, 1894370753, 1325152004]);
  });
  it("gives unit-length vectors, the same for the same text", () => {
    const batch = featuriseBatch(["live horses", "LIVE HORSES!", "laptop computers"], config);
    const row = (i: number) => batch.subarray(i * 1024, (i + 1) * 1024);
    const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    expect(norm(row(0))).toBeCloseTo(1, 5);
    expect([...row(0)]).toEqual([...row(1)]);
    expect([...row(0)]).not.toEqual([...row(2)]);
  });
});

describe("the fast featuriser", () => {
  it("normalises ASCII in one pass exactly as the general Unicode path does", () => {
    const rng = createRng(7);
    const random = () => rng.next();
    const pieces = [
      "KGS",
      "kgs",
      "Pcs",
      "12",
      "x",
      "500G",
      "ltr",
      "-",
      ", ",
      "  ",
      "\t",
      "\n",
      "&",
      "a1b2",
      "0",
      "007",
      "Mt",
      "doz",
      "Units",
      "~",
      "_",
      "Z",
    ];
    const texts = Array.from({ length: 5000 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
        random() < 0.5 ? pieces[Math.floor(random() * pieces.length)]! : String.fromCharCode(0x20 + Math.floor(random() * 0x5f)),
      ).join(random() < 0.5 ? " " : ""),
    );
    expect(texts.filter((t) => normaliseText(t) !== normaliseUnicode(t))).toEqual([]);
  });

  it("gives exactly the vectors of hashing tokens() one by one (shipped models depend on it)", async () => {
    const { readFileSync } = await import("node:fs");
    const { featuriseInto, featuriseSparse, tokens, murmur3 } = await import("../../workbench/features/hashed-features");
    const texts = readFileSync("fixtures/demo-extract.csv", "utf8")
      .split("\n")
      .slice(1, 1001)
      .map((l) => l.split(",").slice(7, 9).join(" "));
    texts.push("", "   ", "12 x 500", "Łódź café 2KGS", "a", "ab cd");
    const mismatches: string[] = [];
    for (const cfg of [
      config,
      { version: 1 as const, dim: 4096, charNgrams: [2, 3, 4, 5], wordNgrams: [1, 2] },
      { version: 1 as const, dim: 4096, charNgrams: [5, 3], wordNgrams: [2, 1] },
    ]) {
      for (const text of texts) {
        const reference = new Float32Array(cfg.dim);
        const counts = new Map<number, number>();
        for (const t of tokens(text, cfg)) counts.set(murmur3(t) % cfg.dim, (counts.get(murmur3(t) % cfg.dim) ?? 0) + 1);
        const norm = Math.sqrt([...counts.values()].reduce((s, c) => s + (1 + Math.log(c)) ** 2, 0)) || 1;
        for (const [i, c] of counts) reference[i] = (1 + Math.log(c)) / norm;
        const fast = new Float32Array(cfg.dim);
        featuriseInto(text, cfg, fast);
        if (fast.some((v, i) => v !== reference[i])) mismatches.push(text);
        // in the order the tokens first occur: the sparse first layers sum the kernel rows in this order
        if (featuriseSparse(text, cfg).indices.join() !== [...counts.keys()].join()) mismatches.push(`order: ${text}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
