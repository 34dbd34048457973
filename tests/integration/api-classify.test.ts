import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dataDir = mkdtempSync(join(tmpdir(), "workbench-api-"));
process.env.WORKBENCH_DATA_DIR = dataDir;
process.env.WORKBENCH_SEED_DEMO = "false";
// this file tests answers, not the budgets (api-rate-limit.test.ts)
Object.assign(process.env, { WORKBENCH_API_REQUESTS_PER_MINUTE: "0", WORKBENCH_API_DESCRIPTIONS_PER_MINUTE: "0" });
const { getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { createUser } = await import("../../workbench/store/users");
const { createToken } = await import("../../workbench/store/tokens");
const { SYSTEM_ACTOR } = await import("../../workbench/store/audit");
const { seedModelVersions } = await import("../../workbench/registry/seed-models");
const { repoRoot } = await import("../../workbench/hs/load-fixtures");
const route = await import("../../app/routes/api.classify");
const production = await import("../../app/routes/api.production");
const { NOTHING_READ } = await import("../../app/classify/evidence");
const { resolveClassifier } = await import("../../models/hs-classifier/registered-classifier");

let token = "";
beforeAll(async () => {
  await seedModelVersions(getDb(), repoRoot());
  const user = await createUser(getDb(), { username: "api", role: "viewer", password: "correct-horse-battery" }, SYSTEM_ACTOR);
  token = (await createToken(getDb(), user.id, "test", SYSTEM_ACTOR)).token;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function post(body: string, headers: Record<string, string> = { Authorization: `Bearer ${token}` }) {
  try {
    const r = await route.action({
      request: new Request("http://localhost/api/classify", { method: "POST", body, headers: { "Content-Type": "application/json", ...headers } }),
      params: {},
      context: {},
    });
    return r as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("POST /api/classify", () => {
  it("says when a person must look, which words matched the nomenclature and which tariff lines support the code", async () => {
    const r = await post(
      JSON.stringify({
        descriptions: ["stainless steel kitchen sink 80x50cm", "opony używane"],
        topK: 3,
        model: "hs-retrieval@1.0.0",
        threshold: 0.8,
      }),
    );
    expect(r.status).toBe(200);
    const [sink, polish] = (await r.json()).results;
    expect(sink.candidates[0].code).toBe("732410");
    expect(sink.needsPerson).toBe(false);
    // words as written, numbers and units kept together
    expect(sink.explanation.map((e: { token: string }) => e.token)).toEqual(["stainless", "steel", "kitchen", "sink", "80x50cm"]);
    expect(sink.matchedWords).toEqual(expect.arrayContaining(["stainless", "steel", "sink"]));
    expect(sink.evidence.length).toBe(3);
    expect(sink.evidence[0]).toMatchObject({ code: "732410", source: expect.any(String), text: expect.any(String) });
    expect(polish.needsPerson).toBe(true);
    // an English line is read as English; a foreign one says what its words were read as
    expect(sink.translated).toEqual([]);
    expect(polish.translated).toEqual(expect.arrayContaining([expect.objectContaining({ word: "opony", english: expect.stringContaining("tyre") })]));

    // 1.2.0 reads accented words as written: "Spüle" is a sink (not "Spule", a coil), and the words that matched the
    // nomenclature include it through its English
    const [sink2] = (await (await post(JSON.stringify({ descriptions: ["Spüle aus Edelstahl"], model: "hs-retrieval@1.2.0" }))).json()).results;
    expect(sink2.candidates[0].code).toBe("732410");
    expect(sink2.translated).toContainEqual({ word: "spüle", english: expect.stringContaining("sink") });
    expect(sink2.matchedWords).toContainEqual(expect.stringMatching(/^Spüle \(.*sink.*\)$/));

    // a neural version has no tariff lines to show: said so (null), never invented
    const neural = await (await post(JSON.stringify({ descriptions: ["frozen shrimp"], model: "hs-baseline@1.0.0" }))).json();
    expect(neural.results[0].evidence).toBeNull();
    expect(neural.results[0].translated).toEqual([]);
    expect(neural.results[0]).not.toHaveProperty("needsPerson");
    expect(neural.results[0].goods).toBeNull();

    // a combined version from 1.1.0 says which goods it also searched, apart from what they are for
    const combined = await post(
      JSON.stringify({ descriptions: ["phone case for iphone 14", "stainless steel kitchen sink"], model: "hs-combined@1.1.0" }),
    );
    const [useNamed, plain] = (await combined.json()).results;
    expect(useNamed.goods).toBe("phone case");
    expect(useNamed.candidates[0].code).toBe("392690");
    expect(plain.goods).toBeNull();
    expect(plain.candidates[0].code).toBe("732410");
    expect(plain.brands).toEqual([]);

    // from hs-combined@1.15.0 a brand name is left out of the search and listed, not read as a word
    const [branded] = (await (await post(JSON.stringify({ descriptions: ["Camiseta Adidas algodón"], model: "hs-combined@1.15.0" }))).json()).results;
    expect(branded.brands).toEqual(["Adidas"]);
    expect(branded.candidates[0].code).toBe("610910");
    expect(branded.translated.map((t: { word: string }) => t.word)).toEqual(["camiseta", "algodón"]);

    // from hs-combined@1.16.0 a misspelt word is read as the tariff word one typo away, and listed
    const [misspelt] = (await (await post(JSON.stringify({ descriptions: ["frozen shrrimps peeled"], model: "hs-combined@1.16.0" }))).json()).results;
    expect(misspelt.typos).toEqual([{ word: "shrrimp", read: "shrimp" }]);
    expect(misspelt.candidates[0].code).toBe("030617");
    expect(branded.typos).toEqual([]);

    // from hs-combined@1.17.0 a product name is read as the kind of device in a line about an accessory of it, and listed
    const [accessory, device] = (
      await (await post(JSON.stringify({ descriptions: ["iPhone 15 case", "iPhone 15 Pro 256GB"], model: "hs-combined@1.17.0" }))).json()
    ).results;
    expect(accessory.devices).toEqual([{ name: "iPhone 15", device: "phone" }]);
    expect(accessory.candidates[0].code).toBe("392690");
    expect(device.devices).toEqual([]);
    expect(device.candidates[0].code).toBe("851713");
    expect(misspelt.devices).toEqual([]);

    // from hs-combined@1.18.0 a Chinese word the glossary lacks is read through the dictionary from CC-CEDICT, and marked
    const [lifeJacket] = (await (await post(JSON.stringify({ descriptions: ["救生衣 成人 船用"], model: "hs-combined@1.18.0" }))).json()).results;
    expect(lifeJacket.translated).toEqual([
      { word: "救生衣", english: "life jacket life vest", dictionary: true },
      { word: "船", english: "boat" },
    ]);
    expect(lifeJacket.candidates[0].code).toBe("630720");
    expect(lifeJacket.material).toBeNull();

    // from hs-combined@1.19.0 the material of jewellery and wigs gives their subheading, and the answer says which
    const [earrings, clock] = (
      await (
        await post(
          JSON.stringify({ descriptions: ["Brass earrings with zircon stones", "Quartz Wall Clock Silent 30cm"], model: "hs-combined@1.19.0" }),
        )
      ).json()
    ).results;
    expect(earrings.candidates[0].code).toBe("711620");
    expect(earrings.material).toBe("jewellery of precious or semi-precious stones (“zircon”) → 7116.20");
    expect(clock.material).toBeNull();

    // from hs-combined@1.32.0 a trade abbreviation is read as the words it stands for and listed; its words that matched shown
    const [pipe, sleeves] = (
      await (await post(JSON.stringify({ descriptions: ["GI PIPE 2 INCH", "MENS SS POLO SHIRT COTTON KNIT"], model: "hs-combined@1.32.0" }))).json()
    ).results;
    expect(pipe.abbreviations).toEqual([{ abbreviation: "GI", english: "galvanized iron" }]);
    expect(pipe.candidates[0].code).toBe("730630");
    expect(pipe.matchedWords).toEqual(["GI (iron)", "PIPE"]);
    expect(sleeves.abbreviations).toEqual([]);
    expect(clock.abbreviations).toEqual([]);

    // from hs-combined@1.33.0 a fastener's metal gives its subheading: brass nuts are copper's, 74.15
    const [nuts] = (await (await post(JSON.stringify({ descriptions: ["Brass hex nuts M5"], model: "hs-combined@1.33.0" }))).json()).results;
    expect(nuts.candidates[0].code).toBe("741533");
    expect(nuts.material).toBe("fasteners of copper alloys (“Brass … nuts”) → 7415.33");
  });

  it("classifies with the production model, with nomenclature texts and an explanation", async () => {
    const r = await post(JSON.stringify({ descriptions: ["frozen shrimp and prawns", "ladies cotton blouses knitted"], topK: 3 }));
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.model).toMatchObject({ name: "hs-baseline", version: "1.0.0" });
    expect(body.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(body.results).toHaveLength(2);
    const first = body.results[0];
    expect(first.description).toBe("frozen shrimp and prawns");
    expect(first.candidates).toHaveLength(3);
    expect(first.candidates[0]).toMatchObject({
      code: expect.stringMatching(/^\d{6}$/),
      probability: expect.any(Number),
      description: expect.any(String),
    });
    expect(first.candidates[0].chapter).toMatch(/^\d{2} /);
    expect(first.explanation.map((e: { token: string }) => e.token)).toEqual(["frozen", "shrimp", "and", "prawns"]);
  });

  it("weighs a description of the most characters by its first 64 words, the later ones listed with no weight", async () => {
    const long = "frozen shrimp ".repeat(72).slice(0, 1000);
    const r = await post(JSON.stringify({ descriptions: [long] }));
    expect(r.status).toBe(200);
    const weights: { token: string; weight: number | null }[] = (await r.json()).results[0].explanation;
    expect(weights).toHaveLength(long.trim().split(" ").length);
    expect(weights.slice(0, 64).every((w) => typeof w.weight === "number")).toBe(true);
    expect(weights.slice(64).map((w) => w.weight)).toEqual(Array(weights.length - 64).fill(null));
  });

  it("gives a description with no letter or digit no codes and says why, from every kind of version", async () => {
    for (const model of ["hs-baseline@1.0.0", "hs-hierarchical@1.0.0", "hs-retrieval@1.6.0", "hs-combined@1.7.0"]) {
      const r = await post(JSON.stringify({ descriptions: ["", "frozen shrimp", " - / -", "  "], topK: 3, model, threshold: 0.5 }));
      expect(r.status, model).toBe(200);
      const [empty, shrimp, dashes, blank] = (await r.json()).results;
      for (const none of [empty, dashes, blank]) {
        expect(none, model).toMatchObject({ candidates: [], explanation: [], matchedWords: [], needsPerson: true });
        expect(none.note).toBe("Nothing to classify: the description has no letter or digit");
      }
      // the line beside them is answered as when it is sent alone
      const alone = (await (await post(JSON.stringify({ descriptions: ["frozen shrimp"], topK: 3, model, threshold: 0.5 }))).json()).results[0];
      expect(shrimp, model).toEqual(alone);
      expect(shrimp.candidates).toHaveLength(3);
      expect(shrimp).not.toHaveProperty("note");
    }
  });

  it("calls a guess a guess: a version that searches tariff lines and found none sharing a word with a line says so", async () => {
    const unread = ["замороженные креветки", "مواد غذائية مجمدة", "κατεψυγμένες γαρίδες"];
    for (const model of ["hs-retrieval@1.6.0", "hs-combined@1.7.0"]) {
      // threshold 0: no probability is below it, yet a guess goes to a person
      const r = await post(JSON.stringify({ descriptions: [...unread, "frozen shrimp"], topK: 3, model, threshold: 0 }));
      expect(r.status, model).toBe(200);
      const results = (await r.json()).results;
      for (const line of results.slice(0, 3)) {
        expect(line, `${model}: ${line.description}`).toMatchObject({ evidence: [], matchedWords: [], needsPerson: true });
        expect(line.candidates.length, model).toBeGreaterThan(0);
        expect(line.note).toBe(NOTHING_READ);
      }
      expect(results[3].evidence.length, model).toBeGreaterThan(0);
      expect(results[3], model).toMatchObject({ needsPerson: false });
      expect(results[3], model).not.toHaveProperty("note");
      // the CLI's decision column reads the same without a search for evidence (Classifier.unread)
      const classifier = await resolveClassifier(getDb(), model);
      expect(classifier.unread?.([...unread, "frozen shrimp", "---"]), model).toEqual([true, true, true, false, false]);
    }
    // a network alone searches no tariff lines: it has no evidence to be empty, and says nothing
    const network = (await (await post(JSON.stringify({ descriptions: unread, topK: 3, model: "hs-baseline@1.0.0" }))).json()).results;
    for (const line of network) expect(line).toMatchObject({ evidence: null });
    for (const line of network) expect(line).not.toHaveProperty("note");
    expect(await resolveClassifier(getDb(), "hs-baseline@1.0.0")).not.toHaveProperty("unread");
  });

  it("answers 401 without credentials and 404 for an unknown model", async () => {
    expect((await post(JSON.stringify({ descriptions: ["x"] }), {})).status).toBe(401);
    const unknown = await post(JSON.stringify({ descriptions: ["x"], model: "hs-nope@1.0.0" }));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toBe("no model version hs-nope@1.0.0 is registered");
    // what is registered instead: the model's versions, the model name a typo meant, the newest of a model named alone
    const errorFor = async (model: string) => (await (await post(JSON.stringify({ descriptions: ["x"], model }))).json()).error;
    expect(await errorFor("hs-baseline@9.9.9")).toBe("no model version hs-baseline@9.9.9 is registered (hs-baseline has one version: 1.0.0)");
    expect(await errorFor("hs-basline@1.0.0")).toBe(
      "no model version hs-basline@1.0.0 is registered (no model is named hs-basline: did you mean hs-baseline?)",
    );
    expect(await errorFor("hs-combined@1.99.0")).toMatch(
      /^no model version hs-combined@1\.99\.0 is registered \(hs-combined has \d+ versions, the newest 1\.\d+\.0\)$/,
    );
  });

  it("explains bad input with 400 and oversize input with 413", async () => {
    const bad = async (body: string, status: number, message: RegExp) => {
      const r = await post(body);
      expect(r.status).toBe(status);
      expect((await r.json()).error).toMatch(message);
    };
    await bad("{not json", 400, /not valid JSON/);
    await bad(JSON.stringify({ descriptions: "horses" }), 400, /descriptions: descriptions must be an array of strings/);
    await bad(JSON.stringify({ descriptions: [42] }), 400, /^descriptions\[0\] \(description 1\): each description must be text$/);
    await bad(JSON.stringify({ descriptions: [] }), 400, /at least one description/);
    await bad(JSON.stringify({ descriptions: ["x"], topK: 0 }), 400, /topK: topK must be at least 1/);
    await bad(JSON.stringify({ descriptions: ["x"], model: "latest" }), 400, /model: expected a model version \(name@version/);
    // a misspelt option is named, not ignored (its default would answer silently)
    await bad(
      JSON.stringify({ descriptions: ["x"], top_k: 3, treshold: 0.8 }),
      400,
      /^body: unknown fields "top_k", "treshold"; the fields are descriptions, topK, model, threshold$/,
    );
    await bad("[]", 400, /^body: expected an object with the fields descriptions, topK, model, threshold$/);
    await bad(JSON.stringify({ descriptions: Array(101).fill("x") }), 413, /at most 100 descriptions/);
    await bad(JSON.stringify({ descriptions: ["x".repeat(300_000)] }), 413, /larger than 262144 bytes/);
    await bad(
      JSON.stringify({ descriptions: ["x", "y", "z", "x".repeat(1001)] }),
      400,
      /^descriptions\[3\] \(description 4\): a description may have at most 1000 characters$/,
    );
  });

  it("answers any malformed body with 400/413 and a message, never a server error (fuzzed)", async () => {
    const { createRng } = await import("../../workbench/random");
    const rng = createRng(7);
    const values = [null, true, 0, -1, 1e308, "x", [], {}, [null], [{}], { a: 1 }, "\u0000", Array(5).fill(["nested"])];
    const bodies = [
      "",
      "null",
      "[]",
      '"descriptions"',
      '{"descriptions": ["a"], "topK": "5"}',
      ...Array.from({ length: 40 }, () => String.fromCharCode(...Array.from({ length: rng.int(64) }, () => rng.int(0x3000)))),
      ...Array.from({ length: 40 }, () =>
        JSON.stringify({
          descriptions: rng.pick(values),
          topK: rng.pick(values),
          model: rng.pick(values),
          [rng.pick(["x", "__proto__", "constructor"])]: rng.pick(values),
        }),
      ),
    ];
    for (const body of bodies) {
      const r = await post(body);
      expect([400, 413], body).toContain(r.status);
      expect((await r.json()).error).toEqual(expect.any(String));
    }
  });
});

describe("GET /api/production", () => {
  const get = async (query: string, headers: Record<string, string> = { Authorization: `Bearer ${token}` }) => {
    try {
      return (await production.loader({
        request: new Request(`http://localhost/api/production${query}`, { headers }),
        params: {},
        context: {},
      })) as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  };

  it("answers what is (and was) in production, and refuses malformed dates and missing credentials", async () => {
    const now = await get("");
    expect(now.status).toBe(200);
    expect((await now.json()).production).toMatchObject([{ name: "hs-baseline", version: "1.0.0", reason: "seed", until: null }]);
    expect((await (await get("?at=2000-01-01")).json()).production).toEqual([]);
    const bad = await get("?at=last%20tuesday");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/at must be an ISO 8601 date or date-time, .* \(got 'last tuesday'\)/);
    const stray = await get("?date=2000-01-01");
    expect([stray.status, (await stray.json()).error]).toEqual([400, 'unknown parameter "date"; the only parameter is at']);
    expect((await get("", { Accept: "application/json" })).status).toBe(401);
  });
});
