import { describe, expect, it } from "vitest";
import { formatLineProblem, validateDeclarationLine } from "../../workbench/extract/declaration-line";

const good = {
  declaration_id: "24XA0000000001",
  line_number: "1",
  acceptance_date: "2024-02-29",
  customs_office: "XA000101",
  country_of_origin: "cn",
  country_of_export: "",
  importer_ref: "XA100000110866",
  goods_description: "ladies blouses ctn knitted 20 doz",
  commodity_code: "0101210000",
  statistical_value: "1313.84",
  currency: "eur",
  net_mass_kg: "620.38",
  supplementary_quantity: "",
  procedure: "4000",
  control_channel: "green",
};

describe("declaration line schema", () => {
  it("accepts a CSV record, normalising case and treating blank optional cells as absent", () => {
    const r = validateDeclarationLine(good, 2);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.line).toMatchObject({
      line_number: 1,
      country_of_origin: "CN",
      currency: "EUR",
      statistical_value: 1313.84,
      commodity_code: "0101210000",
    });
    expect(r.line.country_of_export).toBeUndefined();
    expect(r.line.supplementary_quantity).toBeUndefined();
  });

  it("keeps commodity codes as text and refuses numbers that lost their zeros", () => {
    const r = validateDeclarationLine({ ...good, commodity_code: 101210000 }, 7);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatLineProblem(r.problems[0]!, "upload.csv")).toBe(
      "upload.csv, row 7, column commodity_code: commodity_code must be text (a number loses its leading zeros) (got 101210000)",
    );
    const short = validateDeclarationLine({ ...good, commodity_code: "10121" }, 3);
    expect(!short.ok && short.problems[0]!.message).toMatch(/6, 8 or 10 digits with leading zeros kept/);
  });

  it("names every problem: row, column, what was wrong and what was expected", () => {
    const r = validateDeclarationLine(
      {
        ...good,
        acceptance_date: "2023-02-30",
        country_of_origin: "China",
        statistical_value: "12,5",
        goods_description: "  ",
        control_channel: "purple",
        line_number: "0",
      },
      12,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const messages = Object.fromEntries(r.problems.map((p) => [p.column, p.message]));
    expect(messages).toEqual({
      line_number: "line_number must be a whole number from 1",
      acceptance_date: "acceptance_date is not a real calendar date",
      country_of_origin: "country_of_origin must be an ISO 3166-1 alpha-2 code such as CN or DE",
      goods_description: "goods_description is empty",
      statistical_value: "statistical_value must be a number",
      control_channel: "control_channel must be one of green, yellow, red, blue",
    });
    expect(r.problems.every((p) => p.row === 12)).toBe(true);
  });

  it("reports missing required columns", () => {
    const { goods_description: _d, commodity_code: _c, ...rest } = good;
    const r = validateDeclarationLine(rest, 2);
    expect(!r.ok && r.problems.map((p) => `${p.column}: ${p.message}`)).toEqual([
      "goods_description: goods_description is missing",
      "commodity_code: commodity_code is missing",
    ]);
  });
});
