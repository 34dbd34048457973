import { describe, expect, it } from "vitest";
import { duckErrorText } from "../../app/explore/duck-error";

describe("DuckDB's error text", () => {
  it("shows the LINE/caret block of a parser error once, as DuckDB-WASM repeats it", () => {
    const raw = 'Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC nonsense\n        ^\n\nLINE 1: SELEC nonsense\n        ^';
    expect(duckErrorText(new Error(raw))).toBe('Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC nonsense\n        ^');
    expect(duckErrorText(new Error(`Error: ${raw}`)).startsWith("Parser Error")).toBe(true);
    const catalog = 'Catalog Error: Table with name nope does not exist!\nDid you mean "x"?\n\nLINE 1: SELECT * FROM nope\n                      ^';
    expect(duckErrorText(catalog)).toBe(catalog);
  });

  it("never leaves a message empty (a file name followed by nothing tells the analyst nothing)", () => {
    for (const empty of [new Error(""), new Error("Error: "), "", "  "]) expect(duckErrorText(empty)).toMatch(/without saying why/);
  });
});
