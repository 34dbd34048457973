import { describe, expect, it } from "vitest";
import { pickRequest } from "../../models/hs-classifier/inference-pool";
import { useRecent } from "../../workbench/recently-used";

describe("which waiting request a free inference worker takes", () => {
  it("the oldest for a model it holds, passing older requests for models it would have to load", () => {
    expect(pickRequest(["b", "c", "a", "a"], new Set(["a"]), new Set(["b"]))).toBe(2);
  });

  it("else the oldest for a model no other worker holds, leaving another worker's model to that worker", () => {
    expect(pickRequest(["b", "b", "c", "d"], new Set(["a"]), new Set(["b"]))).toBe(2);
  });

  it("else the oldest: a second copy of a busy model rather than an idle worker", () => {
    expect(pickRequest(["b", "c"], new Set(["a"]), new Set(["b", "c"]))).toBe(0);
    expect(pickRequest(["x"], new Set(), new Set())).toBe(0);
  });

  it("after a fresh start, nine versions measured on two sets each are loaded once each", () => {
    // a simulation of the warm-up: each version's second set is asked for when its first is done
    const held = [new Set<string>(), new Set<string>()];
    const loads = new Map<string, number>();
    const queue = Array.from({ length: 9 }, (_, i) => `v${i}:1`);
    const busy: (string | null)[] = [null, null];
    const take = (w: number) => {
      if (!queue.length) return;
      const at = pickRequest(
        queue.map((r) => r.split(":")[0]!),
        held[w]!,
        held[1 - w]!,
      );
      const [request] = queue.splice(at, 1);
      const model = request!.split(":")[0]!;
      if (!held[w]!.has(model)) loads.set(model, (loads.get(model) ?? 0) + 1);
      held[w]!.add(model);
      busy[w] = request!;
    };
    take(0);
    take(1);
    // the workers finish in turn; a finished first set asks for the second after the worker has taken its next request
    for (let step = 0; busy.some(Boolean) && step < 100; step++) {
      const w = step % 2;
      const done = busy[w];
      busy[w] = null;
      take(w);
      if (done?.endsWith(":1")) queue.push(done.replace(":1", ":2"));
      if (!busy[w]) take(w);
    }
    expect(queue).toEqual([]);
    expect([...loads.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(1);
  });
});

describe("the versions a worker keeps (the pool and the worker apply the same rule)", () => {
  it("keeps the most recently used up to the limit and says which it let go", () => {
    const kept = new Map<string, string>();
    const use = (key: string) => useRecent(kept, key, () => `loaded ${key}`, 2);
    expect(use("a")).toEqual({ value: "loaded a", dropped: [] });
    expect(use("b").dropped).toEqual([]);
    // a used again is the most recent: c lets b go, not a
    expect(use("a")).toEqual({ value: "loaded a", dropped: [] });
    expect(use("c")).toEqual({ value: "loaded c", dropped: ["loaded b"] });
    expect([...kept.keys()]).toEqual(["a", "c"]);
    expect(useRecent(kept, "d", () => "loaded d", Infinity).dropped).toEqual([]);
    expect(kept.size).toBe(3);
  });
});
