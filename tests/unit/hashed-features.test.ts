import { describe, expect, it } from "vitest";
import { featuriseBatch, murmur3, normaliseText, tokens, type FeaturiserConfig } from "../../workbench/features/hashed-features";

const config: FeaturiserConfig = { version: 1, dim: 1024, charNgrams: [3, 4], wordNgrams: [1, 2] };

describe("text features", () => {
  it("normalises case, accents, punctuation, numbers and units", () => {
    expect(normaliseText("Café CRÈME, 12x500G  Pcs.")).toBe("cafe creme 0 x 0 g pc");
    expect(normaliseText("Łódź—Kraków 2KGS")).toBe("lodz krakow 0 kg");
  });
  it("makes word uni/bigrams and character n-grams", () => {
    const t = tokens("Frozen fish", { ...config, charNgrams: [3] });
    expect(t).toEqual(["w:frozen", "w:fish", "w:frozen fish", "c:<fr", "c:fro", "c:roz", "c:oze", "c:zen", "c:en>", "c:<fi", "c:fis", "c:ish", "c:sh>"]);
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
