// The Compare page aggregates matrices in DuckDB-WASM; this checks the same SQL against the TypeScript core (native
// DuckDB runs the identical statements; bench:compare repeats the check in DuckDB-WASM on 1,000,000 lines).
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { chapterConfusion, headingConfusion } from "../../workbench/evaluation/confusion-matrix";
import {
  chapterMatrixFromCells,
  chapterMatrixSql,
  chapterOfSql,
  headingMatrixFromCells,
  headingMatrixSql,
} from "../../workbench/evaluation/confusion-sql";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { createRng } from "../../workbench/random";

describe("DuckDB aggregation equals the TypeScript core", () => {
  it("for chapter and heading matrices on 20,000 random predictions", async () => {
    const nomenclature = loadNomenclature();
    const codes = nomenclature.subheadings().map((s) => s.code);
    const rng = createRng(99);
    // Predictions are often near the truth (same heading or chapter), sometimes missing or malformed.
    const pairs = Array.from({ length: 20_000 }, () => {
      const truth = rng.pick(codes);
      const r = rng.next();
      const near = codes.filter((c) => c.slice(0, 2) === truth.slice(0, 2));
      const predicted = r < 0.5 ? truth : r < 0.8 ? rng.pick(near) : r < 0.98 ? rng.pick(codes) : r < 0.99 ? "" : "x1";
      return { truth, predicted };
    });
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    await connection.run(`CREATE TABLE preds (truth VARCHAR, predicted VARCHAR)`);
    const appender = await connection.createAppender("preds");
    for (const p of pairs) {
      appender.appendVarchar(p.truth);
      appender.appendVarchar(p.predicted);
      appender.endRow();
    }
    appender.closeSync();

    // the derived chapter columns the Compare page adds when it loads a prediction table
    await connection.run(
      `CREATE TABLE chapters AS SELECT *, ${chapterOfSql("truth")} AS truth_chapter, ${chapterOfSql("predicted")} AS predicted_chapter FROM preds`,
    );
    const chapterRows = (await connection.runAndReadAll(chapterMatrixSql("chapters", "truth_chapter", "predicted_chapter"))).getRowObjectsJS() as {
      r: number;
      c: number;
      n: number;
    }[];
    expect(chapterMatrixFromCells(chapterRows)).toEqual(chapterConfusion(pairs));

    const headings = nomenclature.headings().map((h) => h.code);
    for (const chapters of [["84"], ["61", "62"], ["77"]]) {
      const rows = (await connection.runAndReadAll(headingMatrixSql("preds", "truth", "predicted", chapters))).getRowObjectsJS() as {
        r: string;
        c: string;
        n: number;
      }[];
      expect(headingMatrixFromCells(rows, chapters, headings)).toEqual(headingConfusion(pairs, chapters, headings));
    }
    expect(() => headingMatrixSql("preds", "truth", "predicted", ["8'4"])).toThrow(/two-digit/);
  });
});
