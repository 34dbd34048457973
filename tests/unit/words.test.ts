import { describe, expect, it } from "vitest";
import { columnsOfWords, readsAsWords, wordShare, WORDS_SQL_PATTERN } from "../../workbench/text/words";
import { quoteLiteral } from "../../workbench/sql-quote";

// goods descriptions, then codes and identifiers, then the edges (one word, a word and a number, scripts without spaces)
const VALUES = [
  "frozen shrimp peeled 10 kg",
  "CAMISA ALGODAO MASC M/L AZUL TAM M",
  "ração cão adulto",
  "kalosze gumowe",
  "giày da nam",
  "锆石戒指",
  "ฟิล์มกันรอย",
  "シャツ",
  "EDP SILVER RAIN VAPO 50 ML",
  "cotton;shirts",
  "ZZR1LT6",
  "0101210000",
  "FT2026/0001",
  "PT001",
  "2020-01-01",
  "cosmetics",
  "MINOTAURE M75",
  "A B",
  "x",
  "",
];

describe("a column of words or of codes", () => {
  it("reads descriptions as words and codes, ids and one-word categories as not", () => {
    expect(VALUES.filter(readsAsWords)).toEqual(VALUES.slice(0, 10));
  });

  it("is the same test in DuckDB's SQL (Explore, server extracts) as in JavaScript (the CLI)", async () => {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    const list = VALUES.map(quoteLiteral).join(", ");
    const read = await connection.runAndReadAll(`SELECT v, regexp_matches(v, ${quoteLiteral(WORDS_SQL_PATTERN)}) FROM unnest([${list}]) AS t(v)`);
    expect(read.getRows().map((r) => [r[0], r[1]])).toEqual(VALUES.map((v) => [v, readsAsWords(v)]));
    connection.closeSync();
  });

  it("counts a column's non-empty values, and offers the columns of words most first", () => {
    expect(wordShare(["frozen shrimp", null, "", "ZZR1LT6", "cotton shirts"])).toBeCloseTo(2 / 3);
    expect(wordShare([null, ""])).toBe(0);
    expect(
      columnsOfWords(
        new Map([
          ["fatura", 0],
          ["categoria", 0.1],
          ["nota", 0.4],
          ["descricao", 0.9],
        ]),
      ),
    ).toEqual(["descricao", "nota"]);
  });
});
