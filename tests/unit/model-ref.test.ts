// References read by people: many versions being measured at a fresh start were one unordered line ("1.10.0" before
// "1.2.0", 31 names in a row).
import { describe, expect, it } from "vitest";
import { compareVersions, splitNewest, summariseRefs } from "../../workbench/registry/model-ref";

describe("model references for people", () => {
  it("orders versions as numbers", () => {
    expect(["1.10.0", "1.2.0", "1.9.1", "2.0.0", "1.9.0"].sort(compareVersions)).toEqual(["1.2.0", "1.9.0", "1.9.1", "1.10.0", "2.0.0"]);
  });

  it("groups by model, each model's versions in order, a long run shortened with its count", () => {
    const retrieval = Array.from({ length: 16 }, (_, i) => `hs-retrieval@1.${i}.0`).reverse();
    expect(summariseRefs([...retrieval, "hs-standard@1.0.0", "hs-combined@1.10.0", "hs-combined@1.9.0"])).toBe(
      "hs-combined 1.9.0, 1.10.0 (2 versions); hs-retrieval 1.0.0, 1.1.0 … 1.15.0 (16 versions); hs-standard@1.0.0",
    );
    expect(summariseRefs(["hs-a@1.0.0", "hs-a@1.1.0", "hs-a@1.2.0", "hs-a@1.3.0"])).toBe("hs-a 1.0.0, 1.1.0, 1.2.0, 1.3.0 (4 versions)");
  });

  it("keeps what is not a reference as written, after the models", () => {
    expect(summariseRefs(["production", "hs-a@1.0.0", "hs-a@1.0.0"])).toBe("hs-a@1.0.0; production");
  });
});

describe("splitNewest", () => {
  it("puts each model's newest version and production first, the rest after, each in the order given, with counts", () => {
    const v = (ref: string, status = "candidate") => ({ name: ref.split("@")[0]!, version: ref.split("@")[1]!, status });
    // listModelVersions' order: by model, newest registered first
    const listed = [v("a@2.0.0"), v("a@1.1.0", "production"), v("a@1.0.0"), v("b@1.0.0"), v("c@3.0.0"), v("c@2.0.0", "archived")];
    const { newest, earlier, counts } = splitNewest(listed);
    expect(newest.map((x) => `${x.name}@${x.version}`)).toEqual(["a@2.0.0", "a@1.1.0", "b@1.0.0", "c@3.0.0"]);
    expect(earlier.map((x) => `${x.name}@${x.version}`)).toEqual(["a@1.0.0", "c@2.0.0"]);
    expect(counts).toEqual({ a: 3, b: 1, c: 2 });
    expect(splitNewest([])).toEqual({ newest: [], earlier: [], counts: {} });
  });
});
