import { describe, expect, it } from "vitest";
import { Table } from "apache-arrow";
import { columnVector, float64Vector, utf8Vector } from "../../app/explore/arrow-vectors";

describe("arrow vectors", () => {
  it("round-trips strings with nulls and multi-byte characters", () => {
    const values = ["0101210000", null, "café — 5 kg", "", "łódź"];
    expect([...utf8Vector(values)]).toEqual(values);
  });
  it("round-trips numbers with nulls", () => {
    expect([...float64Vector([1.5, null, -2])]).toEqual([1.5, null, -2]);
  });
  it("types mixed columns and builds a table", () => {
    const t = new Table({
      code: columnVector(["0101", "8471"]),
      when: columnVector([new Date("2024-02-29T00:00:00Z"), null]),
      n: columnVector([1, 2]),
      flag: columnVector([true, false]),
      big: columnVector([1n, null]),
    });
    expect(t.toArray().map((r) => r.toJSON())).toEqual([
      { code: "0101", when: "2024-02-29", n: 1, flag: true, big: 1n },
      { code: "8471", when: null, n: 2, flag: false, big: null },
    ]);
  });
});
