import { describe, expect, it } from "vitest";
import { numberedPlaceholders } from "../../workbench/store/postgres";

describe("PostgreSQL placeholders", () => {
  it("numbers each ? in order, leaving question marks inside quoted strings and identifiers alone", () => {
    expect(numberedPlaceholders("SELECT * FROM t WHERE a = ? AND b IN (?, ?)")).toBe("SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)");
    expect(numberedPlaceholders(`SELECT 'why?' AS "what?", ? AS x WHERE y = '?''s'`)).toBe(`SELECT 'why?' AS "what?", $1 AS x WHERE y = '?''s'`);
    expect(numberedPlaceholders("SELECT 1")).toBe("SELECT 1");
  });
});
