// Cached predictions hold only for the code that made them: a row from another revision is recomputed, once.
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getEnv } from "../../workbench/config/env";
import { cachedPredictions, decodeEncoded, encodedPredictionsFor, PREDICTIONS_REVISION } from "../../workbench/evaluation/prediction-cache";
import type { Predictor } from "../../workbench/evaluation/predictor";
import { ArtifactError } from "../../workbench/registry/artifact-files";
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

  it("predictions of a version its files decide are kept on disk: another registry reads them once its files check", async () => {
    const dir = getEnv().WORKBENCH_PREDICTION_CACHE_DIR!;
    expect(dir, "the test runs keep predictions (vitest.config.ts)").toBeTruthy();
    // a sha256 of this run only: the folder is shared by every test process
    const sha256 = randomBytes(32).toString("hex");
    const identity = { name: "m", version: "1.0.0", sha256 };
    const fromFiles = (code: string, verify: () => Promise<void> = async () => undefined) => {
      const p = Object.assign(countingPredictor(code), { identity, checks: 0 });
      return Object.assign(p, { verifyFiles: () => (p.checks++, verify()) });
    };
    const kept = join(dir, `${sha256}-${set.hash}.predictions.json`);
    try {
      const first = fromFiles("010121");
      expect(decodeEncoded(await encodedPredictionsFor(await freshDatabase(), first, set))[0]).toEqual([{ code: "010121", probability: 0.75 }]);
      // nothing kept yet: predicted (a version's own load checks its files), then kept
      expect([first.calls, first.checks]).toEqual([1, 0]);
      expect(JSON.parse(readFileSync(kept, "utf8"))).toMatchObject({ revision: PREDICTIONS_REVISION, lines: 2, k: 5 });

      // another registry: its files are checked, the kept predictions answer (and enter its own cache)
      const db = await freshDatabase();
      const second = fromFiles("999999");
      expect(decodeEncoded(await encodedPredictionsFor(db, second, set))[1]).toEqual([{ code: "010121", probability: 0.75 }]);
      expect([second.calls, second.checks]).toEqual([0, 1]);
      expect(await cachedPredictions(db, sha256, set)).toHaveLength(2);

      // files that no longer match the registry fail as loading them would: nothing is answered from the disk
      const spoilt = fromFiles("999999", async () => {
        throw new ArtifactError("m/1.0.0: labels.json does not match its sha256 in manifest.json");
      });
      await expect(encodedPredictionsFor(await freshDatabase(), spoilt, set)).rejects.toThrow(/labels.json does not match/);
      expect(spoilt.calls).toBe(0);

      // a stand-in without files (an endpoint, imported predictions) under the same sha256 never reads them
      const endpoint = Object.assign(countingPredictor("020110"), { identity });
      expect(decodeEncoded(await encodedPredictionsFor(await freshDatabase(), endpoint, set))[0]).toEqual([{ code: "020110", probability: 0.75 }]);
      expect(endpoint.calls).toBe(1);

      // a file of another revision of the code, or one cut short, is measured again and written anew
      for (const spoil of [(text: string) => text.replace(PREDICTIONS_REVISION, "older code"), (text: string) => text.slice(0, text.length / 2)]) {
        writeFileSync(kept, spoil(readFileSync(kept, "utf8")));
        const again = fromFiles("030211");
        expect(decodeEncoded(await encodedPredictionsFor(await freshDatabase(), again, set))[0]).toEqual([{ code: "030211", probability: 0.75 }]);
        expect(again.calls).toBe(1);
        expect(JSON.parse(readFileSync(kept, "utf8"))).toMatchObject({ revision: PREDICTIONS_REVISION });
      }
      expect(readdirSync(dir).filter((name) => name.startsWith(sha256))).toEqual([`${sha256}-${set.hash}.predictions.json`]);
    } finally {
      rmSync(kept, { force: true });
    }
    expect(existsSync(kept)).toBe(false);
  });
});
