import { describe, expect, it } from "vitest";
import { DEFAULT_VIEW, viewFromSearch, viewToSearch } from "../../app/explore/view-state";

describe("a view as the page's address", () => {
  it("round-trips every part of a view, defaults left out of the address", () => {
    const view = {
      table: "imports_q1",
      tab: "views" as const,
      filters: {
        chapter: "85",
        origin: "CN",
        month: "2024-03",
        section: "XVI",
        heading: "8517",
        office: "PL 1010",
        importer: "ACME sp. z o.o.",
        procedure: "4000",
      },
      measure: "converted:eur_rates:EUR",
      codes: "predicted" as const,
      minConfidence: 0.8,
      edition: "HS2017" as const,
    };
    expect(viewFromSearch(viewToSearch(view))).toEqual(view);
    expect(viewToSearch(DEFAULT_VIEW)).toBe("");
    expect(viewToSearch({ ...DEFAULT_VIEW, table: "demo", filters: { chapter: "01" } })).toBe("?table=demo&chapter=01");
    // a server extract's name (with '-') reopens from the address too
    expect(viewFromSearch("?table=jan-2026&chapter=85")).toEqual({ ...DEFAULT_VIEW, table: "jan-2026", filters: { chapter: "85" } });
  });

  it("drops what does not belong in a view instead of passing it on", () => {
    const v = viewFromSearch(
      "?table=x;DROP%20TABLE%20y&chapter=8%27%20OR%201=1&heading=abcd&month=March&section=%3Cscript%3E&measure=value:EUR%27&min=7&codes=all&tab=admin&edition=HS1992&origin=CN",
    );
    expect(v).toEqual({ ...DEFAULT_VIEW, filters: { origin: "CN" } });
  });
});
