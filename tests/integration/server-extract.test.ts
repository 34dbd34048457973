// Server-side extracts (issue 18, point 4, the engine): a folder of CSV or Parquet files read by native DuckDB, users'
// SQL limited to one SELECT on that folder, with a time limit and a row cap.
import { DuckDBInstance } from "@duckdb/node-api";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toCsv } from "../../workbench/csv";
import { EXTRACT_COLUMNS } from "../../workbench/extract/declaration-line";
import { folderInside, openServerExtract } from "../../workbench/extract/server-extract";

const root = mkdtempSync(join(tmpdir(), "workbench-extracts-"));
const outside = mkdtempSync(join(tmpdir(), "workbench-outside-"));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const line = (i: number, code: string) =>
  EXTRACT_COLUMNS.map(
    (c) =>
      ({
        declaration_id: `D${i}`,
        line_number: "1",
        acceptance_date: "2026-01-15",
        customs_office: "PT001",
        country_of_origin: "CN",
        country_of_export: "CN",
        importer_ref: "IMP1",
        goods_description: `frozen shrimp ${i}`,
        commodity_code: code,
        statistical_value: "100.5",
        currency: "EUR",
        net_mass_kg: "10",
        supplementary_quantity: "",
        procedure: "4000",
        control_channel: "green",
      })[c],
  );

mkdirSync(join(root, "january"));
writeFileSync(join(root, "january", "part-1.csv"), toCsv(EXTRACT_COLUMNS, [line(1, "0306170000"), line(2, "0101210000")]));
writeFileSync(join(root, "january", "part-2.csv"), toCsv(EXTRACT_COLUMNS, [line(3, "6109100000")]));
writeFileSync(join(outside, "secret.csv"), "secret\nnot for users\n");
symlinkSync(outside, join(root, "sneaky"));

describe("server extracts", () => {
  it("registers folders inside the extracts folder only", () => {
    expect(folderInside(root, "january")).toMatch(/january$/);
    expect(() => folderInside(root, "../")).toThrow(/inside .* only/);
    expect(() => folderInside(root, "sneaky")).toThrow(/inside .* only/);
    expect(() => folderInside(root, "nowhere")).toThrow(/no folder nowhere in the extracts folder/);
  });

  it("reads every CSV file of the folder in the extract format, codes as text", async () => {
    const extract = await openServerExtract(folderInside(root, "january"));
    try {
      const result = await extract.query("SELECT commodity_code, statistical_value FROM extract ORDER BY declaration_id", {
        timeoutMs: 5000,
        rowCap: 100,
      });
      expect(result.rows).toEqual([
        ["0306170000", 100.5],
        ["0101210000", 100.5],
        ["6109100000", 100.5],
      ]);
      expect(result.columns.map((c) => c.type)).toEqual(["VARCHAR", "DOUBLE"]);
      const capped = await extract.query("SELECT * FROM extract", { timeoutMs: 5000, rowCap: 2 });
      expect(capped).toMatchObject({ truncated: true });
      expect(capped.rows).toHaveLength(2);
    } finally {
      extract.close();
    }
  });

  it("runs one SELECT and nothing else: no other file, no writing, no settings, no second statement", async () => {
    const extract = await openServerExtract(folderInside(root, "january"));
    const limits = { timeoutMs: 5000, rowCap: 10 };
    try {
      await expect(extract.query(`SELECT * FROM read_csv('${join(outside, "secret.csv")}')`, limits)).rejects.toThrow(/disabled by configuration/);
      await expect(extract.query(`COPY (SELECT * FROM extract) TO '${join(root, "january", "copy.csv")}'`, limits)).rejects.toThrow(/read-only/);
      await expect(extract.query("CREATE TABLE t AS SELECT 1", limits)).rejects.toThrow(/read-only/);
      await expect(extract.query("SET enable_external_access = true", limits)).rejects.toThrow(/read-only/);
      await expect(extract.query("SELECT 1; SELECT 2", limits)).rejects.toThrow(/one statement at a time \(got 2\)/);
      await expect(extract.query("SELEKT 1", limits)).rejects.toThrow(/syntax error/i);
      expect((await extract.query("WITH x AS (SELECT count(*) AS n FROM extract) SELECT n FROM x", limits)).rows).toEqual([[3]]);
    } finally {
      extract.close();
    }
  });

  it("stops a query at its time limit", async () => {
    const extract = await openServerExtract(folderInside(root, "january"));
    try {
      const slow = extract.query("SELECT count(*) FROM range(100000000000) a, extract", { timeoutMs: 300, rowCap: 10 });
      await expect(slow).rejects.toThrow(/longer than 0.3 s and was stopped/);
      // and the connection answers the next query
      expect((await extract.query("SELECT count(*) FROM extract", { timeoutMs: 5000, rowCap: 10 })).rows).toEqual([[3]]);
    } finally {
      extract.close();
    }
  });

  it("reads a folder of Parquet files, and refuses a folder mixing formats or holding neither", async () => {
    mkdirSync(join(root, "parquet"));
    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    await duck.run(
      `COPY (SELECT '0101210000' AS commodity_code, 2 AS n UNION ALL SELECT '0306170000', 3) TO '${join(root, "parquet", "a.parquet")}' (FORMAT parquet)`,
    );
    const extract = await openServerExtract(folderInside(root, "parquet"));
    try {
      expect((await extract.query("SELECT commodity_code FROM extract ORDER BY n", { timeoutMs: 5000, rowCap: 10 })).rows).toEqual([
        ["0101210000"],
        ["0306170000"],
      ]);
    } finally {
      extract.close();
    }
    writeFileSync(join(root, "parquet", "b.csv"), "x\n1\n");
    await expect(openServerExtract(folderInside(root, "parquet"))).rejects.toThrow(/both Parquet and CSV/);
    mkdirSync(join(root, "empty"));
    await expect(openServerExtract(folderInside(root, "empty"))).rejects.toThrow(/no .parquet or .csv file/);
  });

  it("gives a comparison its lines: all, or the same fixed sample every time; and the HS 2017 successors as a table", async () => {
    const extract = await openServerExtract(folderInside(root, "january"), { hs2017Successors: new Map([["030510", "030910"]]) });
    try {
      const all = await extract.sampleLines(10);
      expect(all.total).toBe(3);
      expect(all.lines.map((l) => l.ref).sort()).toEqual(["D1/1", "D2/1", "D3/1"]);
      expect(all.lines.find((l) => l.ref === "D1/1")).toEqual({ ref: "D1/1", text: "frozen shrimp 1", code: "0306170000" });
      const sample = await extract.sampleLines(2);
      expect(sample.total).toBe(3);
      expect(sample.lines).toHaveLength(2);
      expect((await extract.sampleLines(2)).lines).toEqual(sample.lines);
      // the sample is the first lines of the full order: a larger sample contains a smaller one
      expect(all.lines.slice(0, 2)).toEqual(sample.lines);
      expect((await extract.query("SELECT mapped FROM hs2017_successors WHERE code6 = '030510'", { timeoutMs: 5000, rowCap: 10 })).rows).toEqual([
        ["030910"],
      ]);
    } finally {
      extract.close();
    }
  });

  it("says which extract cannot be opened or read, as a refusal: a missing predictions file, a broken CSV", async () => {
    const missing = openServerExtract(folderInside(root, "january"), {
      predictions: [{ slot: "a", file: join(root, "gone.parquet"), textColumn: "goods_description" }],
    });
    await expect(missing).rejects.toMatchObject({ name: "ServerExtractError", status: 409 });
    await expect(missing).rejects.toThrow(/^the extract cannot be opened: /);
    mkdirSync(join(root, "broken"));
    writeFileSync(join(root, "broken", "a.csv"), `${EXTRACT_COLUMNS.join(",")}\nD1,not-a-number\n`);
    const broken = await openServerExtract(folderInside(root, "broken"));
    try {
      await expect(broken.info()).rejects.toMatchObject({ name: "ServerExtractError", status: 409 });
      await expect(broken.info()).rejects.toThrow(/^the extract cannot be read: /);
    } finally {
      broken.close();
    }
  });
});
