// The shipped retrieval version on real text it never saw (the real sets are evaluation-only) and on our own lines in
// five languages. The reference figures are the plain TF-IDF nearest-neighbour search of issue 15.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadArtifact, type LoadedModel } from "../../models/hs-classifier/artifact";
import type { Kernel } from "../../models/hs-classifier/classifier";
import type { Candidate } from "../../workbench/evaluation/metrics";
import { combinedModelSchema, combinedScores } from "../../models/hs-classifier/combined-model";
import { GLOSSARY_NAMES, loadTranslations, tariffDocuments } from "../../models/hs-classifier/retrieval-documents";
import { foldText, HAND_WRITTEN_LANGUAGES, retrievalWords, TRANSLATED_LANGUAGES } from "../../models/hs-classifier/retrieval-text";
import { buildRetrievalIndex, loadedRetrievalKernel, retrievalModelSchema } from "../../models/hs-classifier/retrieval-model";
import { nodeTf } from "../../models/hs-classifier/tf";
import { parseCsvRecords } from "../../workbench/csv";
import { compareModels } from "../../workbench/evaluation/compare";
import { REAL_SET_IDS, shippedSet, type ShippedSetId } from "../../workbench/evaluation/evaluation-sets";
import { categoryAgreement, invoiceLines } from "../../workbench/evaluation/invoice-categories";
import { computeMetrics } from "../../workbench/evaluation/metrics";
import { expectedCalibrationError } from "../../workbench/evaluation/calibration";
import { calibrateTopCode, fitTopCodeCalibration } from "../../models/hs-classifier/calibration";
import { CLASSIFY_EXAMPLES, CLASSIFY_MODEL } from "../../app/presenter/story";
import { describeGarment, readGarment } from "../../models/hs-classifier/garment-reading";

// every shipped retrieval version; `retrieval` is 1.2.0 (the figures of the foreign-line tests below were measured on it)
const RETRIEVAL_VERSIONS = [
  "hs-retrieval@1.0.0",
  "hs-retrieval@1.1.0",
  "hs-retrieval@1.2.0",
  "hs-retrieval@1.3.0",
  "hs-retrieval@1.4.0",
  "hs-retrieval@1.5.0",
  "hs-retrieval@1.6.0",
  "hs-retrieval@1.7.0",
  "hs-retrieval-fast@1.0.0",
  "hs-retrieval-fast@1.1.0",
  "hs-retrieval-fast@1.2.0",
  "hs-retrieval-fast@1.3.0",
  "hs-retrieval-fast@1.4.0",
  "hs-retrieval-fast@1.5.0",
  "hs-retrieval-fast@1.6.0",
  "hs-retrieval-fast@1.7.0",
] as const;
// our own lines in five languages with their English equivalents (fixtures/README.md)
const OWN_LINES = parseCsvRecords(readFileSync("fixtures/multilingual-lines.csv", "utf8"), ["language", "text", "english", "hs6"]);
// lines we wrote after the trade glossaries (fixtures/README.md), in each language: round 1, 25 goods after their
// first version (its misses then showed which kinds of goods to add); round 2, 25 goods after that, never used to
// change them; round 3, 20 industrial goods, whose misses (44 of 100 right, English 75) led to the industrial entries;
// round 4, 20 more industrial goods written after those, never used to change anything; round 5, 20 everyday goods whose
// misses (72 of 100 right with hs-combined@1.7.0, English 85) led to hs-retrieval@1.7.0's entries; round 6, 20 other
// everyday goods written after those, never used to change anything; round 7, 20 goods none of the rounds had named,
// written after hs-combined@1.10.0, never used to change anything
const AFTER = parseCsvRecords(readFileSync("fixtures/multilingual-lines-after-trade-glossaries.csv", "utf8"), [
  "language",
  "text",
  "english",
  "hs6",
  "round",
]);
/** Both real sets, our own foreign and Asian lines, and the lines written after the trade glossaries (one round or all). */
const comparedSets = (round?: string) => [
  ...[...REAL_SET_IDS, "own-foreign-lines", "own-asian-lines"].map((id) => [id, shippedSet(id as ShippedSetId).lines] as const),
  [
    round ? `round ${round}` : "after the trade glossaries",
    AFTER.filter((r) => !round || r.round === round).map((r) => ({ text: r.text!, truth: r.hs6! })),
  ] as const,
];
const loaded = new Map<string, LoadedModel>();
let retrieval: LoadedModel;
beforeAll(async () => {
  const tf = await nodeTf();
  for (const ref of RETRIEVAL_VERSIONS) loaded.set(ref, await loadArtifact(tf, `models/artifacts/${ref.replace("@", "/")}`));
  retrieval = loaded.get("hs-retrieval@1.2.0")!;
});

/** one of our own synthetic sets of foreign lines: complete, labelled synthetic, as many lines in each language */
function expectOwnLines(id: "own-foreign-lines" | "own-asian-lines", languages: readonly string[], perLanguage: number) {
  const own = shippedSet(id);
  expect(own.origin).toBe("synthetic");
  expect(own.label).toContain("(synthetic)");
  expect(own.lines).toHaveLength(languages.length * perLanguage);
  expect(own.excluded).toEqual([]);
  for (const language of languages) expect(own.lines.filter((l) => l.ref.startsWith(`${language} `))).toHaveLength(perLanguage);
  return own;
}

describe("real evaluation sets", () => {
  it("are built in with every code an expert gave, and list what they could not map", () => {
    const rulings = shippedSet("cbp-rulings");
    expect(rulings.origin).toBe("real");
    expect(rulings.lines.length + rulings.excluded.length).toBe(200);
    expect(rulings.excluded.every((e) => e.reason.length > 0)).toBe(true);
    // several codes per ruling: a line of glass (7016) also accepts the ceramic code the ruling gives
    expect(rulings.lines.filter((l) => l.alsoAccepted?.length).length).toBeGreaterThan(10);
    const listings = shippedSet("marketplace-listings");
    expect(listings.lines.length + listings.excluded.length).toBe(319);
    expect(shippedSet("held-out").origin).toBe("synthetic");
  });

  it("include our lines in five languages as a synthetic set (the indexed texts hold only words French shares with English)", () => {
    const own = expectOwnLines("own-foreign-lines", ["spa", "por", "pol", "fra", "deu"], 108);
    // a line the tariff texts also hold is a word French shares with English ("cigarettes"): its own English equivalent
    const indexed = new Set(tariffDocuments().map((d) => d.text.toLowerCase()));
    const shared = own.lines.filter((l) => indexed.has(l.text.toLowerCase()));
    expect(shared.length).toBeLessThanOrEqual(2);
    expect(shared.map((l) => l.text)).toEqual(shared.map((l) => OWN_LINES[Number(l.ref.split("#")[1]) - 1]!.english));
  });

  it("never index a real evaluation text (every glossary included)", () => {
    const indexed = new Set(tariffDocuments(undefined, GLOSSARY_NAMES).map((d) => d.text.toLowerCase()));
    for (const id of REAL_SET_IDS) for (const line of shippedSet(id).lines) expect(indexed.has(line.text.toLowerCase())).toBe(false);
  });
});

describe("the shipped retrieval versions on real text", () => {
  const reference = {
    "cbp-rulings": { chapter: 0.51, hs6: 0.15, top5: 0.34 },
    "marketplace-listings": { chapter: 0.38, hs6: 0.13, top5: 0.33 },
  };

  // hs-retrieval and its smaller, faster index (hs-retrieval-fast), each version
  it.each(REAL_SET_IDS.flatMap((id) => RETRIEVAL_VERSIONS.map((ref) => [id, ref] as const)))(
    "beats the nearest-neighbour reference on %s at chapter, HS6 top-1 and top-5 (%s)",
    async (id, ref) => {
      const model = loaded.get(ref)!;
      const lines = shippedSet(id).lines;
      const candidates = await model.classifier.topK(
        lines.map((l) => l.text),
        5,
      );
      const m = computeMetrics(lines.map((l, i) => ({ truth: l.truth, candidates: candidates[i]!, alsoAccepted: l.alsoAccepted })));
      expect(m.accuracy.hs2.top1).toBeGreaterThan(reference[id].chapter + 0.05);
      expect(m.accuracy.hs6.top1).toBeGreaterThan(reference[id].hs6 + 0.02);
      expect(m.accuracy.hs6.top5).toBeGreaterThan(reference[id].top5 + 0.05);
      // the card reports what the model gives now
      expect(model.card.evaluation[id]!.metrics.accuracy.hs6!.top1).toBeCloseTo(m.accuracy.hs6.top1, 6);
    },
  );

  it("classifies the everyday lines a workshop tries, and shows the tariff lines behind a prediction", async () => {
    const lines = {
      "Samsung Galaxy smartphone 128GB": "851713",
      "iphone 15 pro 256gb": "851713",
      "dog food dry 15kg bag": "230910",
      "stainless steel kitchen sink": "732410",
    };
    const top = await retrieval.classifier.topK(Object.keys(lines), 1);
    expect(top.map((c) => c[0]!.code)).toEqual(Object.values(lines));
    const [evidence] = (await retrieval.classifier.explain(["stainless steel kitchen sink"], 5)).evidence!;
    expect(evidence!.length).toBe(3);
    expect(evidence![0]!.code).toBe("732410");
    expect(evidence![0]!.source).toMatch(/HTS|Schedule B|HS 2022|glossary/);
  });

  it("gets the presenter story's examples right with the version it shows, and the one it shows going wrong wrong", async () => {
    const shown = await loadArtifact(await nodeTf(), `models/artifacts/${CLASSIFY_MODEL.replace("@", "/")}`);
    const top = await shown.classifier.topK(
      CLASSIFY_EXAMPLES.map((e) => e.text),
      1,
    );
    CLASSIFY_EXAMPLES.forEach((e, i) => {
      if ("wrong" in e) {
        expect(top[i]![0]!.code, e.text).not.toBe(e.code);
        // and unsure: below the Classify page's default threshold, so it is sent to a person
        expect(top[i]![0]!.probability, e.text).toBeLessThan(0.8);
      } else expect(top[i]![0]!.code, e.text).toBe(e.code);
    });
  });

  it("classifies our own lines in Spanish, Portuguese, Polish, French and German, mostly as their English equivalents", async () => {
    const foreign = await retrieval.classifier.topK(
      OWN_LINES.map((r) => r.text!),
      5,
    );
    const english = await retrieval.classifier.topK(
      OWN_LINES.map((r) => r.english!),
      5,
    );
    const score = (c: typeof foreign) => computeMetrics(OWN_LINES.map((r, i) => ({ truth: r.hs6!, candidates: c[i]! }))).accuracy;
    const [f, e] = [score(foreign), score(english)];
    // measured 2026-11-30 on all 540 lines (hs-retrieval@1.2.0): HS6 320/540 (English equivalents 422/540), chapter
    // 412/540 (497/540); per language chapter 84 / 74 / 83 / 75 / 96 of 108. On the 450 written after 1.2.0's changes
    // and never used to make them: 243/450 (1.1.0: 219/450; English 332/450)
    expect(f.hs2.top1).toBeGreaterThanOrEqual(0.75);
    expect(f.hs6.top1).toBeGreaterThanOrEqual(0.58);
    expect(e.hs6.top1).toBeGreaterThanOrEqual(0.77);
    for (const language of ["spa", "por", "pol", "fra", "deu"]) {
      const mine = OWN_LINES.map((r, i) => [r, foreign[i]!] as const).filter(([r]) => r.language === language);
      expect(mine.length, language).toBe(108);
      expect(mine.filter(([r, c]) => c[0]!.code.slice(0, 2) === r.hs6!.slice(0, 2)).length, language).toBeGreaterThanOrEqual(70);
    }
  });

  it("hs-retrieval-fast@1.2.0 reads foreign lines as hs-retrieval@1.2.0 does, better than its 1.1.0", async () => {
    // the lines as the evaluation set gives them, each version's top 5 once (Compare's report and the counts alike)
    const set = shippedSet("own-foreign-lines");
    const [a, b] = await Promise.all(
      ["hs-retrieval-fast@1.1.0", "hs-retrieval-fast@1.2.0"].map((ref) =>
        loaded.get(ref)!.classifier.topK(
          set.lines.map((l) => l.text),
          5,
        ),
      ),
    );
    const hs6 = (candidates: typeof a) => set.lines.filter((l, i) => candidates![i]![0]!.code === l.truth).length;
    // measured 2026-11-30 on all 540 lines: 1.1.0 233, 1.2.0 286 (English equivalents 394); on the 450 written after
    // revision 2 and never used to make it 183 → 220 (English 313)
    const [before, after] = [hs6(a), hs6(b)];
    expect(after).toBeGreaterThanOrEqual(280);
    expect(after - before).toBeGreaterThanOrEqual(40);
    // and so Compare says: B better, McNemar well below 5%
    const report = compareModels(
      set.lines.map((l) => l.truth),
      a!,
      b!,
      { resamples: 200 },
    );
    expect(report.b.metrics.accuracy.hs6.top1).toBeCloseTo(after / 540, 6);
    expect(report.mcnemar.bOnly).toBeGreaterThan(report.mcnemar.aOnly);
    expect(report.mcnemar.pValue).toBeLessThan(0.01);
  });

  it("scores each model against the accepted code it named, so matrix and accuracy agree", () => {
    const truth = ["701610", "611300"];
    const a = [[{ code: "690890", probability: 0.9 }], [{ code: "611300", probability: 0.9 }]];
    const b = [[{ code: "701610", probability: 0.9 }], [{ code: "620520", probability: 0.9 }]];
    const report = compareModels(truth, a, b, { alsoAccepted: [["690890"], undefined], resamples: 200 });
    expect(report.a.metrics.accuracy.hs6.top1).toBe(1);
    expect(report.b.metrics.accuracy.hs6.top1).toBe(0.5);
    const diagonal = (m: typeof report.a.chapterMatrix) => m.labels.reduce((s, _, i) => s + m.counts[i * m.labels.length + i]!, 0);
    expect(diagonal(report.a.chapterMatrix)).toBe(2);
    expect(report.mcnemar).toMatchObject({ aOnly: 1, bOnly: 0 });
  });
});

describe("hs-hierarchical-glossary@1.0.0: the network trained with the glossary, calibrated on real text", () => {
  it("beats the reference on the rulings, and its loaded probabilities carry the card's calibration", async () => {
    const network = await loadArtifact(await nodeTf(), "models/artifacts/hs-hierarchical-glossary/1.0.0");
    expect(network.card.calibration).toMatchObject({ method: "temperature", fittedOn: ["cbp-rulings", "marketplace-listings"] });
    const lines = shippedSet("cbp-rulings").lines;
    const candidates = await network.classifier.topK(
      lines.map((l) => l.text),
      5,
    );
    const m = computeMetrics(lines.map((l, i) => ({ truth: l.truth, candidates: candidates[i]!, alsoAccepted: l.alsoAccepted })));
    expect(m.accuracy.hs2.top1).toBeGreaterThan(0.56);
    expect(m.accuracy.hs6.top1).toBeGreaterThan(0.17);
    // the card's figures are what loading gives (calibration applied the same way in training and at load)
    expect(network.card.evaluation["cbp-rulings"]!.metrics.coverage).toEqual(m.coverage);
    expect(network.card.evaluation["cbp-rulings"]!.ece).toBeLessThan(0.15);
  });
});

/** How many of our lines (a CSV's records: text, english, hs6) a version's top code gets right, read in `column`. */
const hs6Right = async (model: LoadedModel, rows: readonly Record<string, string>[], column: "text" | "english") =>
  hs6RightOf(
    rows.map((r) => ({ truth: r.hs6! })),
    await model.classifier.topK(
      rows.map((r) => r[column]!),
      1,
    ),
  );
/** Whether a code is one an expert accepted for the line. */
const isRight = (line: { truth: string; alsoAccepted?: readonly string[] }, code: string) =>
  [line.truth, ...(line.alsoAccepted ?? [])].includes(code);
/** How many lines a version's top code gets right (any code an expert accepted). */
const hs6RightOf = (lines: readonly { truth: string; alsoAccepted?: readonly string[] }[], top: readonly Candidate[][]) =>
  lines.filter((l, i) => isRight(l, top[i]![0]!.code)).length;

/** A shipped combined version's recipe (its combined.json), `dir` as hs-combined/1.9.0. */
const recipeOf = (dir: string) => combinedModelSchema.parse(JSON.parse(readFileSync(`models/artifacts/${dir}/combined.json`, "utf8")));

/**
 * A shipped combined version: the members combined.json names are the shipped ones byte for byte, it answers as
 * combinedScores says with its recipe, it beats `baseline` on both real sets at chapter, HS 6 and top-5, and its card
 * says what it gives.
 */
async function expectCombinedVersion(dir: string, baseline: LoadedModel) {
  const tf = await nodeTf();
  const recipe = recipeOf(dir);
  const [combined, network] = await Promise.all(
    [dir, `${recipe.network.name}/${recipe.network.version}`].map((d) => loadArtifact(tf, `models/artifacts/${d}`)),
  );
  const retrieval = loaded.get(`${recipe.retrieval.name}@${recipe.retrieval.version}` as (typeof RETRIEVAL_VERSIONS)[number])!;
  expect([recipe.retrieval.sha256, recipe.network.sha256]).toEqual([retrieval.manifest.sha256, network!.manifest.sha256]);
  expect(combined!.card.architecture.kind).toBe("combined");
  for (const id of REAL_SET_IDS) {
    const lines = shippedSet(id).lines;
    const texts = lines.map((l) => l.text);
    const [top, scored, before] = await Promise.all([
      combined!.classifier.topK(texts, 5),
      combinedScores(retrieval.classifier as unknown as Kernel, network!.classifier as unknown as Kernel, recipe.config, texts, recipe.garments),
      baseline.classifier.topK(texts, 5),
    ]);
    expect(top.map((c) => c.map((x) => x.code))).toEqual(scored.map((s) => s.codes.slice(0, 5)));
    const metrics = (candidates: typeof top) =>
      computeMetrics(lines.map((l, i) => ({ truth: l.truth, candidates: candidates[i]!, alsoAccepted: l.alsoAccepted }))).accuracy;
    const [m, b] = [metrics(top), metrics(before)];
    expect(m.hs2.top1, id).toBeGreaterThan(b.hs2.top1);
    expect(m.hs6.top1, id).toBeGreaterThan(b.hs6.top1);
    expect(m.hs6.top5, id).toBeGreaterThan(b.hs6.top5);
    expect(combined!.card.evaluation[id]!.metrics.accuracy.hs6!.top1).toBeCloseTo(m.hs6.top1, 6);
  }
  return { combined: combined!, recipe };
}

describe("combined versions (ADR 0013)", () => {
  it("hs-combined@1.0.0 (hs-retrieval@1.2.0 with hs-hierarchical-glossary@1.0.0) beats its retrieval member, explains with its evidence", async () => {
    // measured 2026-12-01: rulings 67.3 / 24.1 / 47.7% against 65.3 / 20.1 / 43.7%, listings 63.9 / 27.9 / 53.9% against 59.6 / 26.0 / 51.7%
    const { combined } = await expectCombinedVersion("hs-combined/1.0.0", retrieval);
    const { evidence, translated } = await combined.classifier.explain(["neumáticos usados", "stainless steel kitchen sink"], 5);
    expect(evidence![1]!.length).toBeGreaterThan(0);
    expect(translated![0]!.map((t) => t.word)).toContain("neumáticos");
  });

  it("hs-combined@1.1.0 (the goods named before their use searched too) beats 1.0.0, reads foreign lines as 1.0.0 does", async () => {
    const older = await loadArtifact(await nodeTf(), "models/artifacts/hs-combined/1.0.0");
    // measured 2026-12-01: rulings 71.4 / 25.1 / 51.8% against 67.3 / 24.1 / 47.7%, listings 64.9 / 28.5 / 54.9% against 63.9 / 27.9 / 53.9%
    const { combined: newer, recipe } = await expectCombinedVersion("hs-combined/1.1.0", older);
    expect(recipe.config.goodsWeight).toBe(0.4);
    // no English use phrase in our foreign lines: the same codes as 1.0.0, line for line
    const foreign = shippedSet("own-foreign-lines").lines.map((l) => l.text);
    const codes = async (model: LoadedModel) => (await model.classifier.topK(foreign, 5)).map((c) => c.map((x) => x.code));
    expect(await codes(newer)).toEqual(await codes(older));
  });

  it("hs-combined@1.2.0 (its retrieval member indexes two more glossaries) beats 1.1.0", async () => {
    const older = await loadArtifact(await nodeTf(), "models/artifacts/hs-combined/1.1.0");
    // measured 2026-12-01: rulings 73.4 / 30.2 / 53.8% against 71.4 / 25.1 / 51.8%, listings 66.1 / 31.7 / 57.4% against 64.9 / 28.5 / 54.9%
    const { recipe } = await expectCombinedVersion("hs-combined/1.2.0", older);
    expect(`${recipe.retrieval.name}@${recipe.retrieval.version}`).toBe("hs-retrieval@1.3.0");
    expect(recipe.config).toEqual(
      combinedModelSchema.parse(JSON.parse(readFileSync("models/artifacts/hs-combined/1.1.0/combined.json", "utf8"))).config,
    );
  });
});

describe("the marketplace-goods and industrial-goods glossaries (hs-retrieval@1.3.0, hs-hierarchical-glossary@1.1.0)", () => {
  type Accuracy = ReturnType<typeof computeMetrics>["accuracy"];
  const onRealSets = async (model: LoadedModel) => {
    const out: Record<string, Accuracy> = {};
    for (const id of REAL_SET_IDS) {
      const lines = shippedSet(id).lines;
      const candidates = await model.classifier.topK(
        lines.map((l) => l.text),
        5,
      );
      out[id] = computeMetrics(lines.map((l, i) => ({ truth: l.truth, candidates: candidates[i]!, alsoAccepted: l.alsoAccepted }))).accuracy;
    }
    return out;
  };
  // no worse than `before` on both real sets at chapter, HS 6 top-1 and top-5, and better at the figures named
  const expectGains = (after: Record<string, Accuracy>, before: Record<string, Accuracy>, better: ("chapter" | "hs6" | "top5")[]) => {
    for (const id of REAL_SET_IDS) {
      const pick = (a: Accuracy) => ({ chapter: a.hs2.top1, hs6: a.hs6.top1, top5: a.hs6.top5 });
      const [x, y] = [pick(after[id]!), pick(before[id]!)];
      for (const figure of ["chapter", "hs6", "top5"] as const) {
        if (better.includes(figure)) expect(x[figure], `${id} ${figure}`).toBeGreaterThan(y[figure]);
        else expect(x[figure], `${id} ${figure}`).toBeGreaterThanOrEqual(y[figure]);
      }
    }
  };
  const NEW_SOURCES = ["fixtures/glossary/marketplace-goods.csv", "fixtures/glossary/industrial-goods.csv"];

  it("are indexed from hs-retrieval@1.3.0 only (earlier versions answer as before), which gains on both real sets and our foreign lines", async () => {
    const [older, newer] = [loaded.get("hs-retrieval@1.2.0")!, loaded.get("hs-retrieval@1.3.0")!];
    expect(older.card.training.sources.some((s) => NEW_SOURCES.some((n) => s.includes(n)))).toBe(false);
    for (const source of NEW_SOURCES) expect(newer.card.training.sources).toContain(source);
    // measured 2026-12-01: rulings 65.3 / 22.1 / 46.2% against 65.3 / 20.1 / 43.7%, listings 64.6 / 30.7 / 53.6% against 59.6 / 26.0 / 51.7%
    expectGains(await onRealSets(newer), await onRealSets(older), ["hs6", "top5"]);
    const foreign = shippedSet("own-foreign-lines").lines;
    const hs6 = async (model: LoadedModel) =>
      (
        await model.classifier.topK(
          foreign.map((l) => l.text),
          1,
        )
      ).filter((c, i) => c[0]!.code === foreign[i]!.truth).length;
    // 335 against 320 of 540
    expect(await hs6(newer)).toBeGreaterThan(await hs6(older));
  });

  it("lift the network trained with them, hs-hierarchical-glossary@1.1.0, on both real sets", async () => {
    const tf = await nodeTf();
    const [older, newer] = await Promise.all(["1.0.0", "1.1.0"].map((v) => loadArtifact(tf, `models/artifacts/hs-hierarchical-glossary/${v}`)));
    for (const source of NEW_SOURCES) expect(newer!.card.training.sources).toContain(`${source} (each term 5 times)`);
    // measured 2026-12-01: rulings 68.3 / 20.1 / 40.2% against 64.8 / 20.1 / 33.2%, listings 51.7 / 20.7 / 36.7% against 44.8 / 15.0 / 32.9%
    expectGains(await onRealSets(newer!), await onRealSets(older!), ["chapter", "top5"]);
  });
});

describe("lines in Chinese, Vietnamese and Thai (hs-retrieval@1.4.0, hs-combined@1.3.0)", () => {
  const ASIAN_LINES = parseCsvRecords(readFileSync("fixtures/asian-language-lines.csv", "utf8"), ["language", "text", "english", "hs6"]);
  const LANGUAGES = ["zho", "vie", "tha"];
  const codes = async (model: LoadedModel, texts: readonly string[], k = 5) =>
    (await model.classifier.topK(texts, k)).map((c) => c.map((x) => x.code));
  // the same top-5 as `older` on every line of both real sets and our five-language lines
  const expectSameAnswersElsewhere = async (newer: LoadedModel, older: LoadedModel) => {
    for (const id of [...REAL_SET_IDS, "own-foreign-lines"] as const) {
      const texts = shippedSet(id).lines.map((l) => l.text);
      expect(await codes(newer, texts), id).toEqual(await codes(older, texts));
    }
  };

  it("are a built-in synthetic set of 80 lines per language", () => {
    expectOwnLines("own-asian-lines", LANGUAGES, 80);
  });

  it("are translated only into words the indexed texts use", () => {
    const { handWritten, dictionaries } = loadTranslations(HAND_WRITTEN_LANGUAGES);
    expect(dictionaries.size).toBe(0);
    expect(handWritten.size).toBeGreaterThan(2000);
    const keep = new Set(["used"]);
    const indexed = new Set(tariffDocuments(undefined, GLOSSARY_NAMES).flatMap((d) => retrievalWords(d.text, undefined, keep)));
    const unknown = [...handWritten].flatMap(([word, english]) =>
      retrievalWords(english, undefined, keep)
        .filter((w) => !indexed.has(w))
        .map((w) => `${word}: ${w}`),
    );
    expect(unknown).toEqual([]);
  });

  it("are read by hs-retrieval@1.4.0, close to their English equivalents, which reads every other line as 1.3.0 does", async () => {
    const [older, newer] = [loaded.get("hs-retrieval@1.3.0")!, loaded.get("hs-retrieval@1.4.0")!];
    await expectSameAnswersElsewhere(newer, older);
    // measured 2026-12-01: 178 of 240 at HS 6 (English equivalents 196), 1.3.0 13
    expect(await hs6Right(newer, ASIAN_LINES, "text")).toBeGreaterThanOrEqual(170);
    expect(await hs6Right(older, ASIAN_LINES, "text")).toBeLessThan(20);
    // the last 40 of each language, written after every change to the glossaries: 85 of 120 (English 93)
    const fresh = LANGUAGES.flatMap((language) => ASIAN_LINES.filter((r) => r.language === language).slice(40));
    const [foreign, english] = [await hs6Right(newer, fresh, "text"), await hs6Right(newer, fresh, "english")];
    expect(foreign).toBeGreaterThanOrEqual(80);
    expect(foreign).toBeGreaterThanOrEqual(0.85 * english);
    expect(newer.card.training.sources).toContain("fixtures/glossary/translations-zho.tsv (written by hand)");
    expect(newer.card.limitations.join(" ")).toContain("Chinese, Vietnamese, Thai are read through glossaries we wrote by hand");
  });

  it("are read by hs-retrieval-fast@1.4.0 too, which reads every other line as its 1.3.0 does", async () => {
    const [older, newer] = [loaded.get("hs-retrieval-fast@1.3.0")!, loaded.get("hs-retrieval-fast@1.4.0")!];
    await expectSameAnswersElsewhere(newer, older);
    // measured 2026-12-01: 166 of 240 at HS 6 (hs-retrieval@1.4.0: 178)
    expect(await hs6Right(newer, ASIAN_LINES, "text")).toBeGreaterThanOrEqual(155);
  });

  it("are scored by hs-combined@1.3.0's retrieval member alone (the network learned English), every other line as by 1.2.0", async () => {
    const tf = await nodeTf();
    const [older, newer] = await Promise.all(["1.2.0", "1.3.0"].map((v) => loadArtifact(tf, `models/artifacts/hs-combined/${v}`)));
    const recipe = combinedModelSchema.parse(JSON.parse(readFileSync("models/artifacts/hs-combined/1.3.0/combined.json", "utf8")));
    expect(`${recipe.retrieval.name}@${recipe.retrieval.version}`).toBe("hs-retrieval@1.4.0");
    expect(recipe.config.retrievalAloneOnAsianLines).toBe(true);
    await expectSameAnswersElsewhere(newer!, older!);
    // a line written without Vietnamese letters ("Bia lon 330ml") is not told from other Latin text: both members read it
    const index = buildRetrievalIndex(
      retrievalModelSchema.parse(JSON.parse(readFileSync("models/artifacts/hs-retrieval/1.4.0/retrieval.json", "utf8"))),
    );
    const texts = ASIAN_LINES.map((r) => r.text!).filter((t) => index.readAsAsian(t));
    expect(texts.length).toBeGreaterThanOrEqual(230);
    expect(await codes(newer!, texts)).toEqual(await codes(loaded.get("hs-retrieval@1.4.0")!, texts));
  });
});

describe("trade glossaries for Spanish, Portuguese, Polish, French and German; Vietnamese without accents (hs-retrieval@1.5.0, hs-combined@1.4.0)", () => {
  const ROUND_2 = AFTER.filter((r) => r.round === "2");
  const ROUND_4 = AFTER.filter((r) => r.round === "4");
  // the same top-5 as `older` on both real sets and on our Chinese, Thai and accented Vietnamese lines; our Vietnamese
  // lines typed without accents (the 80 of ASIAN_VIETNAMESE with their accents taken off) mostly right, before mostly not
  const ASIAN_VIETNAMESE = parseCsvRecords(readFileSync("fixtures/asian-language-lines.csv", "utf8"), ["language", "text", "hs6"]).filter(
    (r) => r.language === "vie",
  );
  const expectSameAnswersElsewhere = async (newer: LoadedModel, older: LoadedModel) => {
    const codes = async (m: LoadedModel, texts: readonly string[]) => (await m.classifier.topK(texts, 5)).map((c) => c.map((x) => x.code));
    for (const id of [...REAL_SET_IDS, "own-asian-lines"] as const) {
      const texts = shippedSet(id)
        .lines.map((l) => l.text)
        .filter((t) => id !== "own-asian-lines" || foldText(t) !== t.toLowerCase());
      expect(await codes(newer, texts), id).toEqual(await codes(older, texts));
    }
    const unaccented = ASIAN_VIETNAMESE.map((r) => ({ text: foldText(r.text!), hs6: r.hs6! }));
    const right = async (m: LoadedModel) =>
      (
        await codes(
          m,
          unaccented.map((r) => r.text),
        )
      ).filter((c, i) => c[0] === unaccented[i]!.hs6).length;
    return { unaccentedRight: await right(newer), unaccentedBefore: await right(older) };
  };

  it("are translated only into words the indexed texts use, and were followed by our lines in seven rounds", () => {
    const { trade, dictionaries, handWritten } = loadTranslations(TRANSLATED_LANGUAGES, { trade: true });
    expect(trade.size).toBeGreaterThan(2500);
    expect([dictionaries.size > 0, handWritten.size]).toEqual([true, 0]);
    const keep = new Set(["used"]);
    const indexed = new Set(tariffDocuments(undefined, GLOSSARY_NAMES).flatMap((d) => retrievalWords(d.text, undefined, keep)));
    const unknown = [...trade].flatMap(([word, english]) => {
      const words = retrievalWords(english, undefined, keep);
      return words.length === 0 ? [`${word}: nothing`] : words.filter((w) => !indexed.has(w)).map((w) => `${word}: ${w}`);
    });
    expect(unknown).toEqual([]);
    for (const language of TRANSLATED_LANGUAGES) {
      const goods = (round: string) => AFTER.filter((r) => r.language === language && r.round === round).length;
      expect([goods("1"), goods("2"), goods("3"), goods("4"), goods("5"), goods("6"), goods("7")], language).toEqual([25, 25, 20, 20, 20, 20, 20]);
    }
  });

  it("are read by hs-retrieval@1.5.0, which reads English, Chinese, Thai and accented Vietnamese lines as 1.4.0 does", async () => {
    const [older, newer] = [loaded.get("hs-retrieval@1.4.0")!, loaded.get("hs-retrieval@1.5.0")!];
    // measured 2026-12-01: Vietnamese without accents 7 → 51 of 80 (with accents 59 → 63, English 63)
    const { unaccentedRight, unaccentedBefore } = await expectSameAnswersElsewhere(newer, older);
    expect([unaccentedRight >= 48, unaccentedBefore < 12]).toEqual([true, true]);
    // measured 2026-12-01, HS 6 top-1 (English equivalents): our 540 lines, written before the trade glossaries, 335 →
    // 452 (474); round 1, 63 → 87 (100; 67 before the glossaries grew from their misses); round 2, 83 → 97 (100)
    expect(await hs6Right(newer, OWN_LINES, "text")).toBeGreaterThanOrEqual(445);
    expect(await hs6Right(older, OWN_LINES, "text")).toBeLessThan(345);
    const [foreign, english] = [await hs6Right(newer, ROUND_2, "text"), await hs6Right(newer, ROUND_2, "english")];
    expect(foreign).toBeGreaterThanOrEqual(92);
    expect(foreign).toBeGreaterThanOrEqual(0.9 * english);
    expect(foreign).toBeGreaterThan(await hs6Right(older, ROUND_2, "text"));
    // industrial goods, round 4: 37 → 49 (English 70) — further from their English than everyday goods
    expect(await hs6Right(newer, ROUND_4, "text")).toBeGreaterThanOrEqual(45);
    expect(await hs6Right(older, ROUND_4, "text")).toBeLessThan(42);
    expect(newer.card.training.sources).toContain("fixtures/glossary/trade-spa.tsv (written by hand)");
    expect(newer.card.limitations.join(" ")).toContain("are read through trade glossaries we wrote by hand");
    // what a person sees: the phrase read as one, with its English
    const { translated } = await newer.classifier.explain(["máquina de coser industrial", "lave-vaisselle encastrable"], 1);
    expect(translated![0]).toContainEqual({ word: "máquina de coser", english: "sewing machine" });
    expect(translated![1]).toContainEqual({ word: "lave-vaisselle", english: "dishwasher" });
  });

  it("are read by hs-retrieval-fast@1.5.0 too, which reads those other lines as its 1.4.0 does", async () => {
    const [older, newer] = [loaded.get("hs-retrieval-fast@1.4.0")!, loaded.get("hs-retrieval-fast@1.5.0")!];
    // Vietnamese without accents 7 → 47 of 80
    expect((await expectSameAnswersElsewhere(newer, older)).unaccentedRight).toBeGreaterThanOrEqual(44);
    // measured 2026-12-01: 309 → 432 of 540 (English 455); round 2, 72 → 83 of 125 (English 85)
    expect(await hs6Right(newer, OWN_LINES, "text")).toBeGreaterThanOrEqual(425);
    expect(await hs6Right(newer, ROUND_2, "text")).toBeGreaterThan(await hs6Right(older, ROUND_2, "text"));
  });

  it("lift hs-combined@1.4.0 (retrieval member hs-retrieval@1.5.0) on our foreign lines; English lines as by 1.3.0", async () => {
    const { combined, recipe } = await expectCombinedVersion("hs-combined/1.4.0", retrieval);
    expect(`${recipe.retrieval.name}@${recipe.retrieval.version}`).toBe("hs-retrieval@1.5.0");
    const older = await loadArtifact(await nodeTf(), "models/artifacts/hs-combined/1.3.0");
    // Vietnamese without accents 8 → 51 of 80
    expect((await expectSameAnswersElsewhere(combined, older)).unaccentedRight).toBeGreaterThanOrEqual(48);
    // measured 2026-12-01: 343 → 450 of 540 (English 474); round 2, 82 → 98 of 125 (English 105); round 4, 41 → 51 of
    // 100 (English 70)
    expect(await hs6Right(combined, OWN_LINES, "text")).toBeGreaterThanOrEqual(445);
    expect(await hs6Right(combined, ROUND_2, "text")).toBeGreaterThan(await hs6Right(older, ROUND_2, "text"));
    expect(await hs6Right(combined, ROUND_4, "text")).toBeGreaterThan(await hs6Right(older, ROUND_4, "text"));
  });
});

describe("garments of chapters 61 and 62 read from what a description says (hs-combined@1.5.0)", () => {
  it("lift the real sets' garments to the subheadings that fit them; every line not read as a garment answers as hs-combined@1.4.0", async () => {
    const { combined, recipe } = await expectCombinedVersion("hs-combined/1.5.0", retrieval);
    expect(recipe.config.garmentBonus).toBeGreaterThan(0);
    const older = await loadArtifact(await nodeTf(), "models/artifacts/hs-combined/1.4.0");
    const garments = recipe.garments!;
    let read = 0;
    for (const id of [...REAL_SET_IDS, "own-foreign-lines", "own-asian-lines"] as const) {
      const texts = shippedSet(id).lines.map((l) => l.text);
      const [now, before] = await Promise.all([combined.classifier.topK(texts, 5), older.classifier.topK(texts, 5)]);
      texts.forEach((text, i) => {
        if (readGarment(text, garments)) read++;
        else
          expect(
            now[i]!.map((c) => c.code),
            text,
          ).toEqual(before[i]!.map((c) => c.code));
      });
    }
    // measured 2026-12-01: rulings HS 6 60 → 74 of 199 (+15 / −1), heading 85 → 99, chapter unchanged (146); listings
    // HS 6 101 → 102 of 319, top-5 183 → 188, chapter 211 → 210
    expect(read).toBeGreaterThan(40);
    const hs6 = async (model: LoadedModel, id: (typeof REAL_SET_IDS)[number]) => {
      const lines = shippedSet(id).lines;
      return hs6RightOf(
        lines,
        await model.classifier.topK(
          lines.map((l) => l.text),
          1,
        ),
      );
    };
    expect(await hs6(combined, "cbp-rulings")).toBeGreaterThanOrEqual((await hs6(older, "cbp-rulings")) + 10);
    expect(await hs6(combined, "marketplace-listings")).toBeGreaterThanOrEqual(await hs6(older, "marketplace-listings"));
    // what a person sees: what the line was read as
    const { candidates, garments: readings } = await combined.classifier.explain(["women's knit cardigan 100% cotton", "dog food dry 15kg bag"], 1);
    expect(candidates[0]![0]!.code).toBe("611020");
    expect(describeGarment(readings![0]!)).toBe("knitted · women's or girls' · cardigan · cotton → 6110.20");
    expect(readings![1]).toBeNull();
    expect(combined.card.limitations.join(" ")).toContain("Garments of chapters 61 and 62 are read from English words only");
  });
});

describe("garments read through a foreign line's translations (hs-combined@1.6.0)", () => {
  it("read a foreign garment line through the English its words were read as; every other line as hs-combined@1.5.0", async () => {
    const { combined, recipe } = await expectCombinedVersion("hs-combined/1.6.0", retrieval);
    expect(recipe.config.garmentsThroughTranslations).toBe(true);
    const older = await loadArtifact(await nodeTf(), "models/artifacts/hs-combined/1.5.0");
    // the English its retrieval member read each line's words as, from the index the version loaded (no occlusion)
    const member = loadedRetrievalKernel(
      {
        sha256: combined.manifest.files["retrieval.json"]!,
        json: () => JSON.parse(readFileSync("models/artifacts/hs-combined/1.6.0/retrieval.json", "utf8")),
      },
      combined.labels,
    );
    const right: Record<string, [number, number]> = {};
    for (const [id, lines] of comparedSets("2")) {
      const texts = lines.map((l) => l.text);
      const [now, before] = await Promise.all([combined.classifier.topK(texts, 5), older.classifier.topK(texts, 5)]);
      const translated = member.translations!(texts);
      texts.forEach((text, i) => {
        // only a line its own words do not read as a garment, read through its translations, can answer otherwise
        if (readGarment(text, recipe.garments!) || !translated[i]!.length)
          expect(
            now[i]!.map((c) => c.code),
            text,
          ).toEqual(before[i]!.map((c) => c.code));
      });
      right[id] = [hs6RightOf(lines, before), hs6RightOf(lines, now)];
    }
    // measured 2026-12-01: our Chinese, Vietnamese and Thai lines 182 → 187 of 240, round 2 98 → 100 of 125, our 540
    // foreign lines 450 → 450, the real sets unchanged
    expect(right["own-asian-lines"]![1]).toBeGreaterThanOrEqual(right["own-asian-lines"]![0] + 4);
    expect(right["round 2"]![1]).toBeGreaterThan(right["round 2"]![0]);
    for (const id of [...REAL_SET_IDS, "own-foreign-lines"]) expect(right[id]![1], id).toBe(right[id]![0]);
    const { garments: readings } = await combined.classifier.explain(["camisas de algodón para hombre"], 1);
    expect(describeGarment(readings![0]!)).toBe("men's or boys' · shirt · cotton → 6105.10, 6205.20");
  });
});

// every line of our own sets and the real sets, in every language: what English, Chinese, Thai and Vietnamese lines
// are read as does not change, and no set of our foreign lines loses
const expectNoLossElsewhere = async (newer: LoadedModel, older: LoadedModel) => {
  for (const [id, lines] of comparedSets()) {
    const texts = lines.map((l) => l.text);
    const [now, before] = await Promise.all([newer.classifier.topK(texts, 5), older.classifier.topK(texts, 5)]);
    if (id === "cbp-rulings" || id === "marketplace-listings" || id === "own-asian-lines")
      expect(
        now.map((c) => c.map((x) => x.code)),
        id,
      ).toEqual(before.map((c) => c.map((x) => x.code)));
    else expect(hs6RightOf(lines, now), id).toBeGreaterThanOrEqual(hs6RightOf(lines, before));
  }
};

describe("Portuguese as Brazilian invoices write it (hs-retrieval@1.6.0, hs-retrieval-fast@1.6.0, hs-combined@1.7.0)", () => {
  // real invoice lines with a category and no code, the half never read while writing the glossary entries: how often
  // the first code fits the line's category (an upper bound of accuracy)
  const invoices = invoiceLines("test");
  const fit = async (model: LoadedModel) =>
    categoryAgreement(
      invoices,
      await model.classifier.topK(
        invoices.map((l) => l.text),
        1,
      ),
    ).top1;

  it("hs-retrieval@1.6.0 and hs-retrieval-fast@1.6.0 read invoice abbreviations and the words the dictionaries read wrongly", async () => {
    const [older, newer] = [loaded.get("hs-retrieval@1.5.0")!, loaded.get("hs-retrieval@1.6.0")!];
    // measured 2026-12-02 on the 7,500 lines never read: 41.6% → 62.3% (fast: 39.6% → 57.6%)
    const [before, now] = [await fit(older), await fit(newer)];
    expect([before < 0.45, now > 0.58]).toEqual([true, true]);
    const [fastBefore, fastNow] = [await fit(loaded.get("hs-retrieval-fast@1.5.0")!), await fit(loaded.get("hs-retrieval-fast@1.6.0")!)];
    expect([fastBefore < 0.43, fastNow > 0.54]).toEqual([true, true]);
    await expectNoLossElsewhere(newer, older);
    // what a person sees: the abbreviations read, with their English
    const { translated } = await newer.classifier.explain(["DESOD AERO ROLL ON 50ML", "AMAC CONC BRISA 2L", "PINCA DE SOBRANCELHA"], 1);
    expect(translated![0]).toContainEqual({ word: "desod", english: "deodorant" });
    expect(translated![1]).toContainEqual({ word: "amac", english: "textile finishing agent" });
    expect(translated![2]).toContainEqual({ word: "pinca", english: "tweezer" });
  });

  it("hs-combined@1.7.0 (retrieval member hs-retrieval@1.6.0) fits them as its member does; the real sets as 1.6.0", async () => {
    const { combined, recipe } = await expectCombinedVersion("hs-combined/1.7.0", retrieval);
    expect(`${recipe.retrieval.name}@${recipe.retrieval.version}`).toBe("hs-retrieval@1.6.0");
    const older = await loadArtifact(await nodeTf(), "models/artifacts/hs-combined/1.6.0");
    // measured 2026-12-02: 41.6% → 61.1%
    const [before, now] = [await fit(older), await fit(combined)];
    expect([before < 0.45, now > 0.58]).toEqual([true, true]);
    await expectNoLossElsewhere(combined, older);
  });
});

describe("words told from stop words by their accents, trade English as written, round 5's goods, the Polish 'do' (hs-retrieval@1.7.0, hs-retrieval-fast@1.7.0, hs-combined@1.8.0 and 1.9.0)", () => {
  const ROUND_5 = AFTER.filter((r) => r.round === "5");
  const ROUND_6 = AFTER.filter((r) => r.round === "6");

  it("hs-retrieval@1.7.0 and hs-retrieval-fast@1.7.0 read 'thé' and 'lã' and round 5's goods; English lines as 1.6.0", async () => {
    for (const name of ["hs-retrieval", "hs-retrieval-fast"]) {
      const [older, newer] = [loaded.get(`${name}@1.6.0`)!, loaded.get(`${name}@1.7.0`)!];
      await expectNoLossElsewhere(newer, older);
      // measured 2026-12-04: round 5 65 → 76 of 100 (hs-retrieval), round 6 (written after the entries) 74 → 74
      expect(await hs6Right(newer, ROUND_5, "text"), name).toBeGreaterThanOrEqual((await hs6Right(older, ROUND_5, "text")) + 8);
      expect(await hs6Right(newer, ROUND_6, "text"), name).toBeGreaterThanOrEqual(await hs6Right(older, ROUND_6, "text"));
    }
    const newer = loaded.get("hs-retrieval@1.7.0")!;
    const { translated } = await newer.classifier.explain(["thé à la menthe", "cobertor de lã", "camisetas de algodón"], 1);
    expect(translated![0]).toContainEqual({ word: "thé", english: "tea" });
    expect(translated![1]).toContainEqual({ word: "lã", english: "wool" });
    expect(translated![2]).toContainEqual({ word: "camisetas", english: "shirt", asWritten: "t-shirts" });
    const { translated: before } = await loaded.get("hs-retrieval@1.6.0")!.classifier.explain(["thé à la menthe", "camisetas de algodón"], 1);
    expect(before![0]!.map((t) => t.word)).not.toContain("thé");
    expect(before![1]).toContainEqual({ word: "camisetas", english: "shirt" });
  });

  it("hs-combined@1.8.0 reads a foreign T-shirt as one; English lines, the real sets and Asian lines as 1.7.0", async () => {
    const { combined, recipe } = await expectCombinedVersion("hs-combined/1.8.0", retrieval);
    expect(`${recipe.retrieval.name}@${recipe.retrieval.version}`).toBe("hs-retrieval@1.7.0");
    const older = await loadArtifact(await nodeTf(), "models/artifacts/hs-combined/1.7.0");
    await expectNoLossElsewhere(combined, older);
    // measured 2026-12-04: round 5 72 → 86 of 100 (English 85), round 6 78 → 78 (English 85)
    expect(await hs6Right(combined, ROUND_5, "text")).toBeGreaterThanOrEqual((await hs6Right(older, ROUND_5, "text")) + 10);
    expect(await hs6Right(combined, ROUND_6, "text")).toBeGreaterThanOrEqual(await hs6Right(older, ROUND_6, "text"));
    const texts = ["camiseta de algodón", "koszulki bawełniane męskie"];
    const [now, before] = [await combined.classifier.topK(texts, 1), await older.classifier.topK(texts, 1)];
    expect(now.map((c) => c[0]!.code)).toEqual(["610910", "610910"]);
    expect(before.map((c) => c[0]!.code)).toEqual(["620520", "620520"]);
    const { garments } = await combined.classifier.explain(["camiseta de algodón"], 1);
    expect(describeGarment(garments![0]!)).toMatch(/^t-shirt · cotton → /);
  });

  it("hs-combined@1.9.0 searches a foreign line's goods before the Polish 'do' too; every line read as English as 1.8.0", async () => {
    const { combined, recipe } = await expectCombinedVersion("hs-combined/1.9.0", retrieval);
    expect([`${recipe.retrieval.name}@${recipe.retrieval.version}`, recipe.config.goodsBeforePolishDo]).toEqual(["hs-retrieval@1.7.0", true]);
    const older = await loadArtifact(await nodeTf(), "models/artifacts/hs-combined/1.8.0");
    await expectNoLossElsewhere(combined, older);
    // measured 2026-12-04: our 540 lines +2 / −0, round 5 +1, round 6 (clean) +1, nothing lost anywhere
    const texts = ["filtry powietrza do silników", "klocki hamulcowe do samochodów osobowych", "pasta do zębów", "suszarki do włosów"];
    const [now, before] = [await combined.classifier.topK(texts, 1), await older.classifier.topK(texts, 1)];
    expect(before.map((c) => c[0]!.code)).toEqual(["841280", "870323", "330610", "851631"]);
    // the goods searched before their use too; a glossary phrase is never cut ("pasta do zębów": pasta alone is food),
    // and where the whole line says more, the whole line still weighs more ("suszarki do włosów": dryers, for hair)
    expect(now.map((c) => c[0]!.code)).toEqual(["842131", "870830", "330610", "851631"]);
    expect(await hs6Right(combined, ROUND_6, "text")).toBe((await hs6Right(older, ROUND_6, "text")) + 1);
    // what the page shows as the goods searched
    expect((await combined.classifier.explain(["filtry powietrza do silników"], 1)).goods).toEqual(["filtry powietrza"]);
  });
});

describe("the top code's confidence calibrated on real text (hs-combined@1.10.0)", () => {
  it("answers every line as 1.9.0, with a top-code confidence that holds on the real set it was not fitted on", async () => {
    const { combined, recipe } = await expectCombinedVersion("hs-combined/1.10.0", retrieval);
    expect([recipe.config.calibrateTopCode, recipe.temperature]).toEqual([true, recipeOf("hs-combined/1.9.0").temperature]);
    const older = await loadArtifact(await nodeTf(), "models/artifacts/hs-combined/1.9.0");
    const topOf = async (model: LoadedModel, lines: readonly { text: string }[]) =>
      model.classifier.topK(
        lines.map((l) => l.text),
        5,
      );
    for (const [id, lines] of comparedSets()) {
      const [now, before] = await Promise.all([topOf(combined, lines), topOf(older, lines)]);
      expect(
        now.map((c) => c.map((x) => x.code)),
        id,
      ).toEqual(before.map((c) => c.map((x) => x.code)));
      for (const c of now) {
        expect(c.every((x, i) => i === 0 || x.probability <= c[i - 1]!.probability)).toBe(true);
        expect(c.reduce((sum, x) => sum + x.probability, 0)).toBeLessThanOrEqual(1 + 1e-9);
      }
    }
    // fitted on one real set and measured on the other, the top code's rescaling beats the temperature alone (1.9.0)
    // measured 2026-12-04: listings 0.096 → 0.044 (fitted on the rulings), rulings 0.146 → 0.041 (fitted on the listings)
    const real = await Promise.all(
      REAL_SET_IDS.map(async (id) => {
        const lines = shippedSet(id).lines;
        const top = await topOf(older, lines);
        return top.map((c, i) => ({ confidence: c[0]!.probability, right: isRight(lines[i]!, c[0]!.code) }));
      }),
    );
    const ece = (l: { confidence: number; right: boolean }[]) =>
      expectedCalibrationError(
        l.map((x) => x.confidence),
        l.map((x) => x.right),
      ).ece;
    for (const [fittedOn, measuredOn] of [
      [0, 1],
      [1, 0],
    ] as const) {
      const fitted = fitTopCodeCalibration(real[fittedOn]!);
      const rescaled = real[measuredOn]!.map((x) => ({ ...x, confidence: calibrateTopCode([x.confidence, 1 - x.confidence], fitted)[0]! }));
      expect(ece(rescaled), REAL_SET_IDS[measuredOn]).toBeLessThan(0.06);
      expect(ece(real[measuredOn]!), REAL_SET_IDS[measuredOn]).toBeGreaterThan(0.09);
    }
    // and on the version's own card (fitted on both: in-sample)
    for (const id of REAL_SET_IDS) expect(combined.card.evaluation[id]!.ece!, id).toBeLessThan(older.card.evaluation[id]!.ece! - 0.04);
  });

  it("is further from its English on goods no glossary entry was written after (round 7)", async () => {
    // round 7: 20 goods a language none of our lines had named (pianos, wheelbarrows, snow chains, pencil sharpeners, …),
    // written after 1.10.0 and never used to change anything: what parity with English lines is worth on goods nobody
    // wrote glossary entries for. Measured 2026-12-04: 62 of 100 (Spanish 12, Portuguese 12, Polish 12, French 10,
    // German 16 of 20) against 75 for their English equivalents (15 goods of 20); the same goods' top-5, 77 against 85
    const combined = await loadArtifact(await nodeTf(), "models/artifacts/hs-combined/1.10.0");
    const round7 = AFTER.filter((r) => r.round === "7");
    expect([await hs6Right(combined, round7, "text"), await hs6Right(combined, round7, "english")]).toEqual([62, 75]);
  });
});
