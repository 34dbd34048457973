import { describe, expect, it } from "vitest";
import {
  blankExpression,
  castExpression,
  detectDateFormat,
  inferType,
  mapColumns,
  notConvertedExpression,
  numbersTypedAtRead,
  tableNameFor,
  tableNameProblem,
} from "../../workbench/extract/column-mapping";
import { summariseValidation, type ValidationInput } from "../../workbench/extract/validation-summary";
import { quoteLiteral } from "../../workbench/sql-quote";
import { loadCrosswalk, loadNomenclature } from "../../workbench/hs/load-fixtures";

const nomenclature = loadNomenclature();
const crosswalk = loadCrosswalk();

describe("column mapping", () => {
  it("maps extract columns and their aliases to declared types", () => {
    const r = mapColumns(["Declaration ID", "Item No", "Date", "HS Code", "Description", "Value", "Net Weight (kg)", "Origin", "remarks"]);
    expect(r.columns.map((c) => [c.source, c.name, c.type])).toEqual([
      ["Declaration ID", "declaration_id", "VARCHAR"],
      ["Item No", "line_number", "INTEGER"],
      ["Date", "acceptance_date", "DATE"],
      ["HS Code", "commodity_code", "VARCHAR"],
      ["Description", "goods_description", "VARCHAR"],
      ["Value", "statistical_value", "DOUBLE"],
      ["Net Weight (kg)", "net_mass_kg", "DOUBLE"],
      ["Origin", "country_of_origin", "VARCHAR"],
      ["remarks", "remarks", "VARCHAR"],
    ]);
    expect(r).toMatchObject({ missingRequired: [], codeColumn: "commodity_code", descriptionColumn: "goods_description" });
  });

  it("prefers an exact extract name over an alias, and maps each extract column once", () => {
    const r = mapColumns(["description", "goods_description", "hs_code", "commodity_code"]);
    expect(r.columns.map((c) => c.name)).toEqual(["description", "goods_description", "hs_code", "commodity_code"]);
    expect(r.columns.filter((c) => c.target).map((c) => c.source)).toEqual(["goods_description", "commodity_code"]);
  });

  it("says which required columns are missing", () => {
    expect(mapColumns(["a", "b"]).missingRequired).toEqual(["commodity_code", "goods_description"]);
  });

  it("never types a code-like column as a number (0101 must not become 101)", () => {
    expect(inferType("tariff_code_2", ["0101", "8471"]).type).toBe("VARCHAR");
    expect(inferType("anything", ["0101", "8471"]).type).toBe("VARCHAR");
    expect(inferType("importer_id", ["1234", "5678"]).type).toBe("VARCHAR");
    // a second code column whose sample has no leading zero (the real rulings file's hts10 and chapter)
    for (const name of ["hts10", "chapter", "HS Chapter", "heading", "NCM8", "taric10", "Capítulo"]) {
      expect(inferType(name, ["3920620000", "90"]).type, name).toBe("VARCHAR");
    }
    expect(inferType("weight", ["12", "7"]).type).toBe("BIGINT");
    expect(inferType("weight", ["12.5", "7"]).type).toBe("DOUBLE");
    expect(inferType("when", ["2024-01-02"]).type).toBe("DATE");
    expect(inferType("wartosc", ["1.234,50", "99,90"]).type).toBe("DOUBLE");
    expect(inferType("note", ["x", "12"]).type).toBe("VARCHAR");
  });

  it("casts the text as it stands, and through trimmed text with empty as NULL what that cannot read", () => {
    expect(castExpression({ source: "Net Weight", target: "net_mass_kg", name: "net_mass_kg", type: "DOUBLE", why: "" })).toBe(
      `COALESCE(TRY_CAST("Net Weight" AS DOUBLE), TRY_CAST(NULLIF(trim(CAST("Net Weight" AS VARCHAR)), '') AS DOUBLE))`,
    );
  });

  it("reads every value as the trimmed text reads it, in DuckDB itself", async () => {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    const values = ["", " ", " 12 ", "\t7\t", "3\r\n", "12\u00a0", "\u00a012", "1e3", " -3.5 ", "+4", "12.", ".5", "1,5", "n/a", "9999999999"];
    const dates = ["2024-01-02", " 2024-01-02 ", "2024-01-02\u00a0", "\u00a02024-01-02", "2024-1-2", "2024-01-02 10:00", "02/01/2024", "2024-02-30"];
    const rows = [...values, ...dates].map((v) => `(${quoteLiteral(v)})`);
    await connection.run(`CREATE TABLE staged AS SELECT * FROM (VALUES ${rows.join(", ")}) t(x)`);
    for (const type of ["INTEGER", "BIGINT", "DOUBLE", "DATE"] as const) {
      const plan = { source: "x", target: null, name: "x", type, why: "" };
      const read = await connection.runAndReadAll(
        `SELECT CAST(${castExpression(plan)} AS VARCHAR), CAST(TRY_CAST(NULLIF(trim(x), '') AS ${type}) AS VARCHAR),
           CAST(TRY_CAST(x AS ${type}) AS VARCHAR) FROM staged`,
      );
      const [ours, trimmed, plain] = [0, 1, 2].map((i) => read.getRows().map((r) => r[i]));
      expect(ours, type).toEqual(trimmed);
      // the plain cast alone does not read a no-break space: the trimmed text is needed for those
      expect(plain, type).not.toEqual(trimmed);
    }
  });

  it("keeps types a Parquet or JSON file brings, without going through text", () => {
    const r = mapColumns(["commodity_code", "statistical_value", "acceptance_date", "weight"], [], {
      commodity_code: "VARCHAR",
      statistical_value: "DOUBLE",
      acceptance_date: "DATE",
      weight: "DOUBLE",
    });
    expect(r.columns.map((c) => castExpression(c))).toEqual([
      `NULLIF(trim(CAST("commodity_code" AS VARCHAR)), '')`,
      `"statistical_value"`,
      `"acceptance_date"`,
      `"weight"`,
    ]);
    const ints = mapColumns(["commodity_code", "line_number"], [], { commodity_code: "BIGINT", line_number: "BIGINT" });
    expect(ints.columns.map((c) => castExpression(c))).toEqual([`CAST("commodity_code" AS VARCHAR)`, `TRY_CAST("line_number" AS INTEGER)`]);
  });

  it("finds blank values and values that do not convert as the trimmed text does, in DuckDB itself", async () => {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    const values = [
      "",
      " ",
      "\t",
      "\u00a0",
      "\u00a0\u00a0",
      " a",
      "a ",
      "abc",
      "\u00a0a",
      "\n12",
      "12",
      "n/a",
      "1.234,5",
      "31/12/2024",
      "2024-12-31",
    ];
    await connection.run(`CREATE TABLE staged AS SELECT * FROM (VALUES (NULL), ${values.map((v) => `(${quoteLiteral(v)})`).join(", ")}) t(x)`);
    const text = "NULLIF(trim(x), '')";
    const column = (sql: string) => connection.runAndReadAll(`SELECT ${sql} FROM staged`).then((r) => r.getRows().map((row) => row[0]));
    const blank = await column(blankExpression("x"));
    expect(blank).toEqual(await column(`${text} IS NULL`));
    // missing, empty, a space, one and two no-break spaces (trim keeps a tab)
    expect(blank.filter(Boolean)).toHaveLength(5);
    for (const [type, options] of [
      ["DOUBLE", {}],
      ["DOUBLE", { decimalComma: true }],
      ["DATE", { dateFormat: "dmy-slash" }],
      ["DATE", {}],
    ] as const) {
      const plan = { source: "x", target: null, name: "x", type, why: "" };
      const failing = await column(notConvertedExpression(plan, options));
      expect(failing, `${type} ${JSON.stringify(options)}`).toEqual(
        await column(`${text} IS NOT NULL AND (${castExpression(plan, options)}) IS NULL`),
      );
      expect(failing.filter(Boolean).length).toBeGreaterThan(3);
    }
  });

  it("types numeric extract columns while a CSV is read only where every sampled value is a plain number", () => {
    const header = ["line_number", "statistical_value", "net_mass_kg", "supplementary_quantity", "weight", "commodity_code", "acceptance_date"];
    const rows = [
      ["1", "1234.5", "12", "", "7", "0101", "2024-01-02"],
      ["2", "-3", "1.234", "n/a", "8", "0102", "2024-01-03"],
    ];
    // not "weight" (no extract column), not the code or the date (text), not "n/a"
    expect(numbersTypedAtRead(header, rows)).toEqual({ line_number: "INTEGER", statistical_value: "DOUBLE", net_mass_kg: "DOUBLE" });
    expect(numbersTypedAtRead(header, [["1", "1,5", " 12", "", "", "", ""]])).toEqual({ line_number: "INTEGER" });
    expect(numbersTypedAtRead(["statistical_value"], [[""]])).toEqual({});
  });

  it("reads plain numbers typed by the read as the load reads them from text, and fails the read on any other value", async () => {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    const values = ["12", "-3", "0", "007", "1234.5", "0.25", "-0.5", "999999999999999.999999999999999", "", "1.234"];
    const path = join(mkdtempSync(join(tmpdir(), "typed-read-")), "values.csv");
    writeFileSync(path, ["statistical_value", ...values].join("\n") + "\n");
    const read = (type: string) => `read_csv('${path}', header = true, auto_detect = false, columns = {'statistical_value': '${type}'})`;
    const plan = mapColumns(["statistical_value"]).columns[0]!;
    const typed = await connection.runAndReadAll(`SELECT statistical_value FROM ${read("DOUBLE")}`);
    const text = await connection.runAndReadAll(`SELECT ${castExpression(plan)} FROM ${read("VARCHAR")}`);
    expect(typed.getRows()).toEqual(text.getRows());
    expect(typed.getRows().filter((r) => r[0] === null)).toHaveLength(1);
    // every one of them a value the sample may show for the column to be typed by the read
    expect(
      numbersTypedAtRead(
        ["statistical_value"],
        values.map((v) => [v]),
      ),
    ).toEqual({ statistical_value: "DOUBLE" });
    for (const other of ["n/a", "1,5", "12 kg"]) {
      writeFileSync(path, `statistical_value\n12\n${other}\n`);
      await expect(connection.run(`SELECT * FROM ${read("DOUBLE")}`), other).rejects.toThrow();
    }
  });

  it("reads numbers written with a decimal comma when told to (1.234,56 → 1234.56), in DuckDB itself", async () => {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    await connection.run("CREATE TABLE staged AS SELECT * FROM (VALUES ('1.234,56'), ('12,5'), ('7')) t(statistical_value)");
    const plan = mapColumns(["statistical_value"]).columns[0]!;
    const read = async (decimalComma: boolean) =>
      (await connection.runAndReadAll(`SELECT ${castExpression(plan, { decimalComma })} FROM staged`)).getRows().map((r) => r[0]);
    expect(await read(true)).toEqual([1234.56, 12.5, 7]);
    expect(await read(false)).toEqual([null, null, 7]);
  });

  it("gives columns the roles the user chose, taking a role away from the column that had it", () => {
    const r = mapColumns(["hs_code", "tariff", "texto", "Date"], [], {}, { tariff: "commodity_code", texto: "goods_description", Date: null });
    expect(r.columns.map((c) => [c.source, c.target, c.name])).toEqual([
      ["hs_code", null, "hs_code"],
      ["tariff", "commodity_code", "commodity_code"],
      ["texto", "goods_description", "goods_description"],
      ["Date", null, "date"],
    ]);
    expect(r.columns[1]!.why).toMatch(/your choice/);
    expect(r.missingRequired).toEqual([]);
  });

  it("detects date formats from the values, and says when day/month and month/day cannot be told apart", () => {
    expect(detectDateFormat(["2024-03-31", "2024-04-01"])).toEqual({ format: "iso", share: 1, ambiguous: false });
    expect(detectDateFormat(["31.03.2024", "01.04.2024"])).toMatchObject({ format: "dmy-dot", ambiguous: false });
    expect(detectDateFormat(["31/03/2024", "01/04/2024"])).toMatchObject({ format: "dmy-slash", ambiguous: false });
    expect(detectDateFormat(["03/31/2024", "04/01/2024"])).toMatchObject({ format: "mdy-slash", ambiguous: false });
    expect(detectDateFormat(["03/04/2024", "05/06/2024"])).toMatchObject({ format: "dmy-slash", ambiguous: true });
    expect(detectDateFormat(["31.02.2024", "x"]).share).toBe(0);
    expect(inferType("when", ["31/03/2024"]).type).toBe("DATE");
  });

  it("reads dates in the chosen format, in DuckDB itself", async () => {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    await connection.run("CREATE TABLE staged AS SELECT * FROM (VALUES ('03/04/2024'), ('2024-04-05'), ('')) t(acceptance_date)");
    const plan = mapColumns(["acceptance_date"]).columns[0]!;
    const read = async (dateFormat: "iso" | "dmy-slash" | "mdy-slash") =>
      (await connection.runAndReadAll(`SELECT strftime(${castExpression(plan, { dateFormat })}, '%Y-%m-%d') FROM staged`)).getRows().map((r) => r[0]);
    expect(await read("dmy-slash")).toEqual(["2024-04-03", null, null]);
    expect(await read("mdy-slash")).toEqual(["2024-03-04", null, null]);
    expect(await read("iso")).toEqual([null, "2024-04-05", null]);
  });

  it("makes and checks table names", () => {
    expect(tableNameFor("Imports 2024 (Q1).csv")).toBe("imports_2024_q1");
    expect(tableNameFor("2024.csv")).toBe("t_2024");
    expect(tableNameFor("demo.csv", ["demo", "demo_2"])).toBe("demo_3");
    expect(tableNameFor("Declarations March.xlsx")).toBe("declarations_march");
    expect(tableNameProblem("demo", ["DEMO"])).toMatch(/already loaded/);
    expect(tableNameProblem("1abc")).toMatch(/starts with a letter/);
    expect(tableNameProblem("__x")).toMatch(/reserved/);
    expect(tableNameProblem("imports_q1", ["demo"])).toBeNull();
  });
});

describe("validation summary", () => {
  const base = (over: Partial<ValidationInput>): ValidationInput => ({
    rows: 10,
    columns: mapColumns(["commodity_code", "goods_description"]).columns,
    missingRequired: [],
    codeCounts: null,
    emptyDescriptions: null,
    failures: [],
    ...over,
  });

  it("counts valid and invalid codes with reasons and first rows", () => {
    const s = summariseValidation(
      base({
        codeCounts: [
          { code: "0101210000", count: 5, firstRow: 2 },
          { code: "7701000000", count: 2, firstRow: 9 },
          { code: "2844400000", count: 1, firstRow: 4 },
          { code: null, count: 1, firstRow: 3 },
          { code: "ABC", count: 1, firstRow: 11 },
        ],
        emptyDescriptions: { count: 2, firstRows: [5, 6] },
      }),
      nomenclature,
      crosswalk,
    );
    expect(s.codes).toMatchObject({ distinct: 5, validLines: 5, invalidLines: 4, emptyLines: 1 });
    expect(s.codes!.byProblem).toEqual({ "reserved-chapter": 2, "unknown-subheading": 1, format: 1 });
    expect(s.codes!.examples.map((e) => [e.row, e.value])).toEqual([
      [4, "2844400000"],
      [9, "7701000000"],
      [11, "ABC"],
    ]);
    expect(s.codes!.examples[0]!.reason).toMatch(/HS2017 code, replaced by 284441/);
    expect(s.codes!.repair).toBeNull();
    expect(s.headlines).toContain("4 line(s) have an invalid or unknown HS code.");
    expect(s.headlines).toContain("2 line(s) have an empty goods description.");
  });

  it("says a file of HS 2017 codes is of that edition, and what loading does with it; a file of HS 2022 codes (some new in 2022) with a stray old code is not", () => {
    // 284440 (HS 2017) became 284441–284444; 852580 split too; 0101 21 is the same in both editions
    const old = summariseValidation(
      base({
        codeCounts: [
          { code: "2844400000", count: 3, firstRow: 2 },
          { code: "852580", count: 2, firstRow: 3 },
          { code: "010121", count: 1, firstRow: 4 },
        ],
      }),
      nomenclature,
      crosswalk,
    );
    expect(old.headlines).toContain(
      "The codes read as HS 2017 (100.0% of lines valid in HS 2017, 16.7% in HS 2022): after loading, Explore reads them in HS 2022 through the correlation (the choice is above the views), and keeps apart 5 line(s) whose HS 2017 code split into several HS 2022 codes.",
    );
    const current = summariseValidation(
      base({
        codeCounts: [
          { code: "0101210000", count: 5, firstRow: 2 },
          { code: "2844410000", count: 3, firstRow: 3 },
          { code: "2844400000", count: 1, firstRow: 4 },
        ],
      }),
      nomenclature,
      crosswalk,
    );
    expect(current.headlines.some((h) => h.includes("HS 2017"))).toBe(false);
  });

  it("proposes repairing codes that lost their leading zero, only where the result is valid", () => {
    const s = summariseValidation(
      base({
        codeCounts: [
          { code: "8471300000", count: 10, firstRow: 2 },
          { code: "101210000", count: 3, firstRow: 5 },
          { code: "999999999", count: 1, firstRow: 7 },
        ],
      }),
      nomenclature,
    );
    expect(s.codes!.repair).toMatchObject({ expectedLength: 10, lines: 3, mapping: [{ from: "101210000", to: "0101210000" }] });
    expect(s.headlines.some((h) => h.includes("row 5: 101210000 → 0101210000"))).toBe(true);
  });

  it("infers the length from odd codes when no code is valid yet", () => {
    const s = summariseValidation(base({ codeCounts: [{ code: "10121", count: 2, firstRow: 2 }] }), nomenclature);
    expect(s.codes!.repair).toMatchObject({ expectedLength: 6, mapping: [{ from: "10121", to: "010121" }] });
  });

  it("reports missing columns and values that did not convert", () => {
    const s = summariseValidation(
      base({
        missingRequired: ["commodity_code"],
        failures: [{ column: "acceptance_date", type: "DATE", count: 3, examples: [{ row: 8, value: "31/02/2024" }] }],
      }),
      nomenclature,
    );
    expect(s.headlines[0]).toMatch(/No commodity code column was found/);
    expect(s.headlines).toContain('3 date(s) did not parse in acceptance_date (e.g. row 8: "31/02/2024"); they will be empty.');
  });
});

describe("how a file's text is read", () => {
  it("reads numbers with a decimal comma when more values read that way, and dates in the format most values fit", async () => {
    const { detectReadingOptions } = await import("../../workbench/extract/column-mapping");
    const plans = mapColumns(["statistical_value", "acceptance_date", "remarks"]).columns;
    const values: Record<string, string[]> = {
      statistical_value: ["1.234,56", "12,5", "7", "3.5"],
      acceptance_date: ["31.03.2024", "01.04.2024", ""],
      remarks: ["1,5", "2,5", "3,5"],
    };
    expect(detectReadingOptions(plans, (p) => values[p.source] ?? [])).toEqual({ decimalComma: true, dateFormat: "dmy-dot", dateAmbiguous: false });
    // text columns do not vote, and a point wins a tie
    expect(detectReadingOptions(plans, (p) => (p.source === "statistical_value" ? ["1,5", "2.5"] : (values[p.source] ?? [])))).toMatchObject({
      decimalComma: false,
    });
  });
});
