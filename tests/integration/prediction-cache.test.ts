// Cached predictions hold only for the code that made them: a row from another revision is recomputed, once.
import { describe, expect, it } from "vitest";
import { cachedPredictions, decodeEncoded, encodedPredictionsFor, PREDICTIONS_REVISION } from "../../workbench/evaluation/prediction-cache";
import type { Predictor } from "../../workbench/evaluation/predictor";
import { freshDatabase } from "../support/test-database";

const set = { id: "tiny", hash: "set-hash-1", lines: [{ id: "a" }, { id: "b" }] as never[] };

function countingPredictor(code: string): Predictor & { calls: number } {
  const p = {
    identity: { name: "m", version: "1.0.0", sha256: "f".repeat(64) },
    calls: 0,
    async topK(texts: readonly string[]) {
      p.calls++;
      return texts.map(() => [{ code, probability: 0.75 }]);
    },
  };
  return p;
}

describe("prediction cache", () => {
  it("reuses predictions of the current revision and recomputes those of another", async () => {
    const db = await freshDatabase();
    const first = countingPredictor("010121");
    expect(decodeEncoded(await encodedPredictionsFor(db, first, set))[0]).toEqual([{ code: "010121", probability: 0.75 }]);
    await encodedPredictionsFor(db, first, set);
    expect(first.calls).toBe(1);
    expect(await db.value("SELECT revision FROM prediction_cache")).toBe(PREDICTIONS_REVISION);

    // as if the inference code changed since: the row no longer counts, and the next run replaces it
    await db.run("UPDATE prediction_cache SET revision = 'older code'");
    expect(await cachedPredictions(db, first.identity.sha256, set)).toBeNull();
    const second = countingPredictor("020110");
    expect(decodeEncoded(await encodedPredictionsFor(db, second, set))[1]).toEqual([{ code: "020110", probability: 0.75 }]);
    expect(second.calls).toBe(1);
    expect(await db.all("SELECT revision FROM prediction_cache")).toEqual([{ revision: PREDICTIONS_REVISION }]);
    await db.close();
  });

  it("a caller arriving while a run is under way shares it, even when its own look at the cache answers late", async () => {
    const db = await freshDatabase();
    const p = countingPredictor("030211");
    const other = { ...set, hash: "set-hash-2" };
    // the second look at the cache is answered as of its call, but only after the first run has ended
    let reads = 0;
    const slowSecondRead = new Proxy(db, {
      get: (target, name) =>
        name === "get"
          ? async (...args: Parameters<typeof db.get>) => {
              const answer = await target.get(...args);
              if (++reads === 2) await new Promise((resolve) => setTimeout(resolve, 300));
              return answer;
            }
          : Reflect.get(target, name),
    });
    const answers = await Promise.all([encodedPredictionsFor(slowSecondRead, p, other), encodedPredictionsFor(slowSecondRead, p, other)]);
    expect(p.calls).toBe(1);
    expect(answers[1]).toEqual(answers[0]);
    await db.close();
  });
});
