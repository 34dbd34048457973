import { describe, expect, it } from "vitest";
import { batchParts, LINES_PER_WORKER, workersFor } from "../../app/classify/classify-workers.client";

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

describe("how many classification workers a batch gets", () => {
  it("one for a small batch, another per LINES_PER_WORKER descriptions, never more than the cores or four", () => {
    expect(workersFor(4, 8)).toBe(1);
    expect(workersFor(LINES_PER_WORKER, 8)).toBe(1);
    expect(workersFor(LINES_PER_WORKER + 1, 8)).toBe(2);
    expect(workersFor(100_000, 2)).toBe(2);
    expect(workersFor(100_000, 8)).toBe(4);
    expect(workersFor(100_000, 1)).toBe(1);
  });

  it("one even for an empty batch or a machine that says nothing of its cores", () => {
    expect(workersFor(0, 4)).toBe(1);
    expect(workersFor(50_000, 0)).toBe(1);
  });
});
