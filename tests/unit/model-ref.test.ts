// References read by people: many versions being measured at a fresh start were one unordered line ("1.10.0" before
// "1.2.0", 31 names in a row).
import { describe, expect, it } from "vitest";
import { compareVersions, summariseRefs } from "../../workbench/registry/model-ref";

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
