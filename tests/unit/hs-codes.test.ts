import { describe, expect, it } from "vitest";
import { normaliseCode, validateCode } from "../../workbench/hs/codes";
import { loadCrosswalk, loadNomenclature } from "../../workbench/hs/load-fixtures";

const nomenclature = loadNomenclature();
const crosswalk = loadCrosswalk();

const ok = (input: unknown, options = {}) => {
  const r = normaliseCode(input, { nomenclature, ...options });
  if (!r.ok) throw new Error(`expected ${String(input)} to be valid: ${r.reason}`);
  return r.code;
};
const problem = (input: unknown, options = {}) => {
  const r = normaliseCode(input, { nomenclature, crosswalk, ...options });
  if (r.ok) throw new Error(`expected ${String(input)} to be rejected, got ${r.code}`);
  return r;
};

describe("normaliseCode", () => {
  it("strips the usual separators", () => {
    expect(ok("0101.21")).toBe("010121");
    expect(ok("0101 21")).toBe("010121");
    expect(ok(" 0101-21-00-00 ")).toBe("0101210000");
    expect(ok("8471.30.0100")).toBe("8471300100");
  });

  it("repairs a dropped leading zero only when the expected length says so", () => {
    const r = normaliseCode("10121", { expectedLength: 6, nomenclature });
    expect(r).toMatchObject({ ok: true, code: "010121" });
    expect(r.ok && r.fixed).toMatch(/leading zero/);
    expect(ok(10121, { expectedLength: 6 })).toBe("010121");
    expect(ok("101210000", { expectedLength: 10 })).toBe("0101210000");
    expect(problem("10121").reason).toMatch(/5 digits.*say which length/);
  });

  it("refuses repairs that would need more than one digit", () => {
    const r = problem("1012", { expectedLength: 6 });
    expect(r.problem).toBe("ambiguous");
    expect(r.reason).toMatch(/4 digits, expected 6/);
  });

  it("refuses a repair whose result does not exist", () => {
    // 9999 → 09999 padded is heading 0999, which does not exist
    const r = problem("99999", { expectedLength: 6 });
    expect(r.problem).toBe("unknown-heading");
    expect(r.reason).toMatch(/after repairing/);
  });

  it("reads a spreadsheet decimal back into a code", () => {
    expect(ok("101.21", { expectedLength: 6 })).toBe("010121");
    expect(ok("101.3", { expectedLength: 6 })).toBe("010130");
    expect(problem("101.3").problem).toBe("ambiguous");
  });

  it("rejects scientific notation, letters and empties with a reason", () => {
    expect(problem("1.01E+05").reason).toMatch(/scientific notation/);
    expect(problem("0101.2A").reason).toMatch(/contains 'A'/);
    expect(problem("").problem).toBe("empty");
    expect(problem("  ").problem).toBe("empty");
    expect(problem(null).problem).toBe("empty");
    expect(problem("...").problem).toBe("empty");
  });

  it("rejects wrong lengths", () => {
    expect(problem("010121000000").reason).toMatch(/12 digits/);
    expect(problem("0101210", { expectedLength: 10 }).problem).toBe("ambiguous");
  });
});

describe("validateCode", () => {
  it("accepts every level and national lines", () => {
    for (const code of ["01", "0101", "010121", "01012100", "0101210000", "9706"]) {
      expect(validateCode(code, nomenclature)).toEqual({ ok: true, code });
    }
  });

  it("says why a code is invalid", () => {
    expect(validateCode("77", nomenclature)).toMatchObject({ ok: false, problem: "reserved-chapter" });
    expect(validateCode("7701", nomenclature)).toMatchObject({ ok: false, problem: "reserved-chapter" });
    expect(validateCode("00", nomenclature)).toMatchObject({ ok: false, problem: "unknown-chapter" });
    expect(validateCode("9801", nomenclature)).toMatchObject({ ok: false, problem: "unknown-chapter" });
    expect(validateCode("0110", nomenclature)).toMatchObject({ ok: false, problem: "unknown-heading" });
    expect(validateCode("010110", nomenclature)).toMatchObject({ ok: false, problem: "unknown-subheading" });
    expect(validateCode("01012", nomenclature)).toMatchObject({ ok: false, problem: "length" });
  });

  it("names HS2022 successors of an HS2017 code", () => {
    const r = validateCode("284440", nomenclature, crosswalk);
    expect(r).toMatchObject({ ok: false, problem: "unknown-subheading" });
    expect(!r.ok && r.reason).toMatch(/HS2017 code, replaced by 284441, 284442/);
  });
});
