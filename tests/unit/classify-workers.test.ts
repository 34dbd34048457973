import { describe, expect, it } from "vitest";
import { batchParts } from "../../app/classify/classify-workers.client";

describe("a batch cut for the classification workers", () => {
  it("gives each worker a contiguous part, in order, sizes within one of each other", () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const parts = batchParts(items, 4);
    expect(parts.map((p) => p.length)).toEqual([3, 3, 2, 2]);
    expect(parts.flat()).toEqual(items);
  });

  it("leaves a worker idle rather than give it nothing, and one worker the whole batch", () => {
    expect(batchParts(["a", "b"], 4)).toEqual([["a"], ["b"]]);
    expect(batchParts([], 2)).toEqual([]);
    expect(batchParts(["a", "b", "c"], 1)).toEqual([["a", "b", "c"]]);
  });
});
