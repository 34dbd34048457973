// The model card's figure on the real invoice lines: measured once in the background, then read from the cache; never
// for a version that cannot be run on them.
import { describe, expect, it } from "vitest";
import { categoryAgreement, invoiceSet } from "../../workbench/evaluation/invoice-categories";
import { decodeEncoded, encodedPredictionsFor } from "../../workbench/evaluation/prediction-cache";
import type { Predictor } from "../../workbench/evaluation/predictor";
import { invoiceLineFit } from "../../workbench/evaluation/real-text";
import type { RegisteredVersion } from "../../workbench/registry/model-version";
import { freshDatabase } from "../support/test-database";

const version = (kind: RegisteredVersion["kind"]) =>
  ({ id: 1, name: "m", version: "1.0.0", status: "candidate", kind, sha256: "c".repeat(64), artifactDir: "" }) as RegisteredVersion;

describe("a version on the real invoice lines (model card)", () => {
  it("is measured in the background once, then read from the cache", async () => {
    const db = await freshDatabase();
    let loads = 0;
    // a skin cream for every line: only the cosmetics lines fit
    const predictor: Predictor = {
      identity: { name: "m", version: "1.0.0", sha256: "c".repeat(64) },
      topK: async (texts) => texts.map(() => [{ code: "330499", probability: 0.95 }]),
    };
    const predictorOf = async () => (loads++, predictor);
    // two views at once: both told it is under way, one run
    const first = await Promise.all([invoiceLineFit(db, version("trained"), predictorOf), invoiceLineFit(db, version("trained"), predictorOf)]);
    expect(first).toEqual([
      { state: "measuring", done: 0, total: 7500 },
      { state: "measuring", done: 0, total: 7500 },
    ]);
    // a second look meanwhile does not start it again
    expect((await invoiceLineFit(db, version("trained"), predictorOf)).state).toMatch(/measuring|measured/);
    expect(loads).toBe(1);
    // a card that looks again until the run the first look started has ended
    let measured = await invoiceLineFit(db, version("trained"), predictorOf);
    for (let i = 0; measured.state === "measuring" && i < 600; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      measured = await invoiceLineFit(db, version("trained"), predictorOf);
    }
    expect(loads).toBe(1);
    const set = invoiceSet("test");
    expect(measured).toEqual({
      state: "measured",
      agreement: categoryAgreement(set.lines, decodeEncoded(await encodedPredictionsFor(db, predictor, set))),
    });
    if (measured.state !== "measured") throw new Error("unreachable");
    const cosmetics = set.lines.filter((l) => l.category === "cosmetics").length;
    expect(measured.agreement.top1).toBeCloseTo(cosmetics / 7500, 10);
    expect(measured.agreement.byCategory).toMatchObject({ cosmetics: { top1: 1 }, cleaning: { top1: 0 }, food: { top1: 0 } });
    expect(measured.agreement.byConfidence[0]).toMatchObject({ atLeast: 0.9, lines: 7500 });
    await db.close();
  });

  it("is not measured for imported predictions or an endpoint, and says why", async () => {
    const db = await freshDatabase();
    const never = async (): Promise<Predictor> => {
      throw new Error("must not load a predictor");
    };
    expect(await invoiceLineFit(db, version("predictions"), never)).toEqual({
      state: "not measured",
      reason: "its imported predictions do not cover these lines",
    });
    expect((await invoiceLineFit(db, version("remote"), never)).state).toBe("not measured");
    await db.close();
  });
});
