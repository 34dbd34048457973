import { describe, expect, it } from "vitest";
import { gridNumber } from "../../workbench/text/format";

describe("numbers in the rows grid", () => {
  it("shows a sum to the 15 digits a spreadsheet keeps, not the arithmetic's last places; integers and ids as they are", () => {
    expect(gridNumber(1552061111.1900032)).toBe("1552061111.19");
    expect(gridNumber(56490383343.22)).toBe("56490383343.22");
    expect(gridNumber(6523136456.979991)).toBe("6523136456.97999");
    expect(gridNumber(0.1 + 0.2)).toBe("0.3");
    expect(gridNumber(372254.4)).toBe("372254.4");
    expect(gridNumber(97061800)).toBe("97061800");
    expect(gridNumber(0.000012345678901234)).toBe("0.000012345678901234");
    expect(gridNumber(Number.NaN)).toBe("NaN");
  });
});
