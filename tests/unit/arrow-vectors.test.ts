import { describe, expect, it } from "vitest";
import { Float64, Table, vectorFromArray } from "apache-arrow";
import { cellReader, utf8Vector } from "../../app/explore/arrow-vectors";

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

describe("cellReader", () => {
  it("reads a table of several record batches by row and column, nulls included, in order and again from the start", () => {
    const batch = (codes: (string | null)[], values: number[]) =>
      new Table({ code: utf8Vector(codes), value: vectorFromArray(values, new Float64()) }).batches[0]!;
    const table = new Table([batch(["0101", null], [1, 2]), batch(["8471"], [3]), batch([null, "6403", "9403"], [4, 5, 6])]);
    expect(table.batches).toHaveLength(3);
    const cell = cellReader(table);
    const read = () => Array.from({ length: table.numRows }, (_, r) => [cell(r, 0), cell(r, 1)]);
    const expected = [
      ["0101", 1],
      [null, 2],
      ["8471", 3],
      [null, 4],
      ["6403", 5],
      ["9403", 6],
    ];
    expect(read()).toEqual(expected);
    // an earlier row after a later one: read from the first batch again
    expect(read()).toEqual(expected);
    expect([cell(5, 0), cell(0, 0), cell(3, 1)]).toEqual(["9403", "0101", 4]);
  });
});
