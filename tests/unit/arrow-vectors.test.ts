import { describe, expect, it } from "vitest";
import { Table } from "apache-arrow";
import { utf8Vector } from "../../app/explore/arrow-vectors";

describe("utf8Vector", () => {
  it("round-trips strings with nulls, empties and multi-byte characters", () => {
    const values = ["0101210000", null, "café — 5 kg", "", "łódź 🚢"];
    expect([...utf8Vector(values)]).toEqual(values);
  });
  it("builds a table column", () => {
    const t = new Table({ code: utf8Vector(["0101", null]) });
    expect(t.toArray().map((r) => r.toJSON())).toEqual([{ code: "0101" }, { code: null }]);
  });
});
