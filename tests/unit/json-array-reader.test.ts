import { describe, expect, it } from "vitest";
import { JsonArrayReader } from "../../workbench/extract/json-array-reader";

const read = (pieces: string[]) => {
  const reader = new JsonArrayReader("lines.json");
  const records = pieces.flatMap((p) => reader.push(p));
  reader.end();
  return records;
};

describe("JSON array read in pieces", () => {
  const records = [
    { id: "A1", goods_description: 'cotton "T-shirts", {men} [size M] \\ back', commodity_code: "6109100010", value: 10.5 },
    { id: "A2", nested: { a: [1, { b: "}" }] }, value: "n/a", commodity_code: "0101210000" },
    { id: "A3", text: "ção ✓ 手机", empty: null },
  ];
  const text = `\ufeff [\n  ${records.map((r) => JSON.stringify(r)).join(" ,\n  ")}\n]\n`;

  it("gives every record, in order, wherever the text is cut (inside strings, escapes and nested values too)", () => {
    expect(read([text])).toEqual(records);
    for (let cut = 0; cut <= text.length; cut++) expect(read([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(records);
    expect(read([...text])).toEqual(records);
    expect(read(["[", "]"])).toEqual([]);
  });

  it("keeps only the open record between pieces", () => {
    const reader = new JsonArrayReader("big.json");
    expect(reader.push(`[${JSON.stringify(records[0])},{"id":"A2","goods`)).toEqual([records[0]]);
    expect(reader.push(`_description":"horses"}]`)).toEqual([{ id: "A2", goods_description: "horses" }]);
    reader.end();
  });

  it("says which record or place is wrong, naming the file", () => {
    const fails = (pieces: string[]) => {
      try {
        read(pieces);
      } catch (error) {
        return (error as Error).message;
      }
      return "no error";
    };
    expect(fails(['{"a":1}'])).toBe("lines.json: expected a JSON array ('['), found '{'");
    expect(fails(['[{"a":1}, 2]'])).toBe("lines.json: record 2 is not a JSON object (it starts with '2')");
    expect(fails(['[{"a":1} {"a":2}]'])).toBe("lines.json: no comma between records 1 and 2");
    expect(fails(['[{"a":1},]'])).toBe("lines.json: a comma after the last record (1)");
    expect(fails(['[, {"a":1}]'])).toBe("lines.json: a comma without a record before it, after record 0");
    expect(fails(['[{"a":1}] x'])).toBe("lines.json: more text after the array closes ('x')");
    expect(fails(['[{"a":1}, {"a":'])).toBe("lines.json: ends inside the array, after record 1");
    expect(fails(['[{"a":1}, {"a": tru}]'])).toMatch(/^lines\.json: record 2 is not valid JSON \(/);
    expect(fails([""])).toBe("lines.json: holds no JSON array");
  });
});
