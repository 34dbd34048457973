import { describe, expect, it } from "vitest";
import { nearest } from "../../workbench/text/nearest";

describe("what a mistyped name meant", () => {
  const options = ["model", "input", "text-column", "id-column", "top", "threshold", "out", "help"];

  it("a letter or two away, when one name is", () => {
    expect(nearest("treshold", options)).toBe("threshold");
    expect(nearest("mdel", options)).toBe("model");
    // two names as near: neither is guessed
    expect(nearest("tp", ["top", "tip"])).toBeUndefined();
  });

  it("else the one name it is the start of, or starts with", () => {
    expect(nearest("output", options)).toBe("out");
    expect(nearest("text", options)).toBe("text-column");
    expect(nearest("thresholds", options)).toBe("threshold");
    // too short to say, or the start of several
    expect(nearest("in", ["input", "inference"])).toBeUndefined();
    expect(nearest("hs", ["hs-baseline", "hs-combined"])).toBeUndefined();
  });

  it("nothing for a name far from every other", () => {
    expect(nearest("days", ["user", "name", "expires-days", "json", "help"])).toBeUndefined();
  });
});
