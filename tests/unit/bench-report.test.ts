import { latestVersionsOnly } from "../../bench/report";

describe("the benchmark summary", () => {
  it("keeps each model's latest version (by number, 1.10.0 after 1.9.0) and the figures about no version", () => {
    const rows = [
      { figure: "hs-retrieval@1.9.0: inference", value: 1 },
      { figure: "hs-retrieval@1.10.0: inference", value: 2 },
      { figure: "hs-retrieval@1.10.0: US customs rulings", value: 3 },
      { figure: "hs-retrieval-fast@1.2.0: inference", value: 4 },
      { figure: "hs-retrieval-fast@1.11.0: inference", value: 5 },
      { figure: "hs-combined@2.0.0: inference", value: 6 },
      { figure: "hs-combined@1.19.0: inference", value: 7 },
      { figure: "machine: cores", value: 8 },
    ];
    expect(latestVersionsOnly(rows).map((r) => r.value)).toEqual([2, 3, 5, 6, 8]);
  });
});
