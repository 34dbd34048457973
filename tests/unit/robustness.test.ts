// Property and fuzz tests with a seeded generator (reproducible): whatever arrives, the HS and extract core answers
// with a result or a specific message — it never throws, and what it accepts is well-formed.
import { describe, expect, it } from "vitest";
import { csvField, parseCsv, toCsv } from "../../workbench/csv";
import { formatLineProblem, validateDeclarationLine } from "../../workbench/extract/declaration-line";
import { sniffCsv } from "../../workbench/extract/sniff";
import { normaliseCode, validateCode } from "../../workbench/hs/codes";
import { loadNomenclature } from "../../workbench/hs/load-fixtures";
import { createRng } from "../../workbench/random";

const rng = createRng(20261125);
const ALPHABET = "0123456789 .-,/'\"=+@\t\r\nxXéü中\u0000\u200b";
const randomString = (max: number) =>
  Array.from({ length: rng.int(max) }, () => (rng.chance(0.1) ? String.fromCharCode(rng.int(0xffff)) : ALPHABET[rng.int(ALPHABET.length)])).join("");
const randomBytes = (n: number) => Uint8Array.from({ length: n }, () => rng.int(256));
const nomenclature = loadNomenclature();

describe("code normalisation under fuzzing", () => {
  it("never throws; what it accepts is 2–10 digits, idempotent, and has a reason when refused", () => {
    const inputs: unknown[] = [
      ...Array.from({ length: 3000 }, () => randomString(14)),
      ...Array.from({ length: 500 }, () => String(rng.int(10 ** 10)).padStart(rng.int(11), "0")),
      ...Array.from({ length: 200 }, () => rng.next() * 10 ** rng.int(12)),
      "9".repeat(100_000),
      NaN,
      -1,
      Infinity,
      1e21,
      null,
      undefined,
      {},
      [],
      true,
    ];
    let accepted = 0;
    for (const input of inputs) {
      for (const options of [{}, { nomenclature }]) {
        const result = normaliseCode(input, options);
        if (result.ok) {
          accepted++;
          expect(result.code).toMatch(/^(\d{2}|\d{4}|\d{6}|\d{8}|\d{10})$/);
          const again = normaliseCode(result.code, options);
          expect(again).toMatchObject({ ok: true, code: result.code });
          if (options === undefined || "nomenclature" in options)
            expect(nomenclature.has(result.code.slice(0, Math.min(6, result.code.length)))).toBe(true);
        } else {
          expect(result.reason.length).toBeGreaterThan(5);
          expect(result.reason.length).toBeLessThan(400); // a huge input is not echoed back whole
        }
      }
      const checked = validateCode(String(input), nomenclature);
      if (!checked.ok) expect(checked.reason.length).toBeLessThan(400);
    }
    expect(accepted).toBeGreaterThan(100);
  });
});

describe("extract validation under fuzzing", () => {
  it("refuses random records with messages naming row and column, and never throws", () => {
    const columns = [
      "declaration_id",
      "line_number",
      "acceptance_date",
      "goods_description",
      "commodity_code",
      "statistical_value",
      "net_mass_kg",
      "currency",
    ];
    for (let row = 2; row < 1500; row++) {
      const record = Object.fromEntries(
        columns.filter(() => rng.chance(0.8)).map((c) => [c, rng.chance(0.05) ? "x".repeat(200_000) : randomString(20)]),
      );
      const result = validateDeclarationLine(record, row);
      if (!result.ok) {
        for (const p of result.problems) {
          expect(p.row).toBe(row);
          expect(formatLineProblem(p, "upload.csv")).toMatch(new RegExp(`^upload\\.csv, row ${row}, column \\w+`));
        }
      }
    }
  });

  it("sniffs random bytes, wrong encodings and huge fields without throwing", () => {
    const samples = [
      ...Array.from({ length: 200 }, () => randomBytes(rng.int(4096))),
      new TextEncoder().encode(`a,b\n"${"z".repeat(1_000_000)}",1\n`),
      Uint8Array.from([0xff, 0xfe, ...new TextEncoder().encode("a,b\n1,2\n")]), // UTF-16 BOM before UTF-8 text
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...randomBytes(100)]), // a ZIP (xlsx) renamed .csv
      Uint8Array.from(new TextEncoder().encode("goods;code\nk\xe4se;0406\n"), (b) => b), // Latin-1 looking text
    ];
    for (const sample of samples) {
      const result = sniffCsv(sample, true, "upload.csv");
      if ("error" in result) expect(result.error).toMatch(/upload\.csv/);
    }
  });
});

describe("CSV export", () => {
  it("neutralises every formula-looking cell, keeps numbers, and round-trips the rest", () => {
    const attacks = ["=cmd|' /C calc'!A0", '+HYPERLINK("http://x")', "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1", "=1+1"];
    const fuzz = Array.from({ length: 2000 }, () => randomString(30));
    const cells = [...attacks, ...fuzz, "-12.5", "42", "0101210000"];
    const text = toCsv(
      ["cell"],
      cells.map((c) => [c]),
    );
    const parsed = parseCsv(text)
      .slice(1)
      .map((r) => r[0] ?? "");
    parsed.forEach((out, i) => {
      const original = cells[i]!;
      if (/^[=+\-@\t\r]/.test(original) && !/^-?\d+(\.\d+)?$/.test(original)) expect(out).toBe(`'${original}`);
      else expect(out).toBe(original);
    });
    expect(csvField("-12.5")).toBe("-12.5");
  });
});
