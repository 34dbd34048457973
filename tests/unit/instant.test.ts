import { describe, expect, it } from "vitest";
import { parseInstant } from "../../workbench/text/instant";

describe("parseInstant", () => {
  it("reads ISO 8601 dates and date-times, UTC unless a zone is given", () => {
    expect(parseInstant("2026-11-25T14:00:00Z")).toBe("2026-11-25T14:00:00.000Z");
    expect(parseInstant("2026-11-25T14:00")).toBe("2026-11-25T14:00:00.000Z");
    expect(parseInstant("2026-11-25 14:00:30")).toBe("2026-11-25T14:00:30.000Z");
    expect(parseInstant("2026-11-25T15:00:00+01:00")).toBe("2026-11-25T14:00:00.000Z");
    // a date alone means the end of that day: what was in production "on" that day, at its close
    expect(parseInstant("2026-11-25")).toBe("2026-11-25T23:59:59.999Z");
  });
  it("refuses anything else", () => {
    for (const bad of ["", "yesterday", "25/11/2026", "2026-13-01", "2026-11-25T25:00", "1732543200"]) expect(parseInstant(bad)).toBeNull();
  });
  it("refuses dates that do not exist instead of rolling them over (2026-02-30 is not March 2)", () => {
    for (const bad of ["2026-02-30", "2026-02-29T10:00", "2025-04-31", "2026-11-25T23:60", "2026-11-25T12:00:61"])
      expect(parseInstant(bad)).toBeNull();
    expect(parseInstant("2028-02-29")).toBe("2028-02-29T23:59:59.999Z");
  });
});
