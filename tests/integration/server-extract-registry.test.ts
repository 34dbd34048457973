// Server-side extracts in the registry and the API (issue 18, point 4): an admin registers a folder of the extracts
// folder (API with a bearer token, or the CLI); any signed-in user queries it read-only; refusals name the reason, and
// no response names the server's paths.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dataDir = mkdtempSync(join(tmpdir(), "workbench-server-extracts-"));
const extractsDir = join(dataDir, "extracts");
mkdirSync(join(extractsDir, "january"), { recursive: true });
writeFileSync(
  join(extractsDir, "january", "lines.csv"),
  "declaration_id,line_number,acceptance_date,customs_office,country_of_origin,country_of_export,importer_ref,goods_description,commodity_code,statistical_value,currency,net_mass_kg,supplementary_quantity,procedure,control_channel\n" +
    "D1,1,2026-01-15,PT001,CN,CN,IMP1,frozen shrimp,0306170000,100.5,EUR,10,,4000,green\n" +
    "D2,1,2026-01-16,PT001,VN,VN,IMP2,cotton t-shirts,6109100000,20,EUR,2,,4000,green\n",
);
// a national system's own export: other columns, read by position they would land in the wrong ones
mkdirSync(join(extractsDir, "national"), { recursive: true });
writeFileSync(
  join(extractsDir, "national", "kcs-2020.csv"),
  "Declaration ID,Date,Office ID,HS6 Code,Country of Origin,Item Price\n97061800,2020-01-01,30,440890,BE,372254.4\n",
);
Object.assign(process.env, { WORKBENCH_DATA_DIR: dataDir, WORKBENCH_EXTRACTS_DIR: extractsDir, WORKBENCH_SEED_DEMO: "false" });
const { getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { createUser, findUserByUsername } = await import("../../workbench/store/users");
const { registerServerExtract } = await import("../../workbench/registry/server-extracts");
const { createToken } = await import("../../workbench/store/tokens");
const { SYSTEM_ACTOR, listAudit } = await import("../../workbench/store/audit");
const extracts = await import("../../app/routes/api.extracts");
const query = await import("../../app/routes/api.extracts.$name.query");
const predictions = await import("../../app/routes/api.extracts.$name.predictions");
const compare = await import("../../app/routes/api.compare");
const extractRoute = await import("../../app/routes/api.extracts.$name");
const { seedModelVersions } = await import("../../workbench/registry/seed-models");
const { repoRoot } = await import("../../workbench/hs/load-fixtures");
const { runCli } = await import("./cli-harness");
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const tokens: Record<string, string> = {};
beforeAll(async () => {
  for (const [username, role] of [
    ["ada", "admin"],
    ["ana", "analyst"],
    ["vic", "viewer"],
  ] as const) {
    const user = await createUser(getDb(), { username, role, password: "correct-horse-battery" }, SYSTEM_ACTOR, { breakGlass: true });
    tokens[username] = (await createToken(getDb(), user.id, "test", SYSTEM_ACTOR)).token;
  }
  // the query test's own extract (tests run in any order)
  const ada = (await findUserByUsername(getDb(), "ada"))!;
  await registerServerExtract(getDb(), { name: "queried", folder: "january" }, ada, SYSTEM_ACTOR, extractsDir);
});

async function call(handler: (args: never) => Promise<Response>, url: string, who: string, body?: string, type = "application/json") {
  const request = new Request(`http://localhost${url}`, {
    method: body === undefined ? "GET" : "POST",
    ...(body === undefined ? {} : { body }),
    headers: { Authorization: `Bearer ${tokens[who]}`, "Content-Type": type },
  });
  try {
    return await handler({ request, params: { name: url.split("/")[3] }, context: {} } as never);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
const register = (who: string, body: object) => call(extracts.action, "/api/extracts", who, JSON.stringify(body));
const ask = (who: string, name: string, sql: string, type?: string) =>
  call(query.action, `/api/extracts/${name}/query`, who, JSON.stringify({ sql }), type);

describe("server extracts in the registry", () => {
  it("an admin registers a folder; others are refused, as are folders outside, duplicates and bad names", async () => {
    expect((await register("ana", { name: "jan", folder: "january" })).status).toBe(403);
    const outside = await register("ada", { name: "etc", folder: "../../../../etc" });
    expect(outside.status).toBe(403);
    expect(JSON.stringify(await outside.json())).not.toContain(dataDir);
    expect((await register("ada", { name: "Bad Name", folder: "january" })).status).toBe(400);
    // a misspelt field is named, not ignored
    const misspelt = await register("ada", { name: "jan", folder: "january", fodler: "february" });
    expect([misspelt.status, (await misspelt.json()).error]).toEqual([400, 'unknown field "fodler"; the fields are name, folder']);
    const national = await register("ada", { name: "kcs", folder: "national" });
    expect([national.status, (await national.json()).error]).toEqual([
      400,
      "kcs-2020.csv: column 1 of its header is 'Declaration ID', expected 'declaration_id' — a CSV extract needs the extract format's columns in its order (docs/extract-format.md); a file of other columns loads on the Explore page, which maps them",
    ]);
    const created = await register("ada", { name: "jan", folder: "january" });
    expect(created.status).toBe(201);
    expect((await created.json()).extract).toMatchObject({ name: "jan", folder: "january", format: "csv", files: 1, registeredBy: "ada" });
    expect((await register("ada", { name: "jan", folder: "january" })).status).toBe(409);
    expect((await listAudit(getDb(), { action: "extract.register" }))[0]).toMatchObject({
      actor: "ada",
      after: { name: "jan", format: "csv", files: 1 },
    });
    const listed = await call(extracts.loader, "/api/extracts", "vic");
    // other tests register extracts of their own (tests run in any order)
    expect((await listed.json()).extracts.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(["jan", "queried"]));
    const cli = await runCli("extracts", "list", "--json");
    expect(JSON.parse(cli.out).map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(["jan", "queried"]));
    // one extract by its address, as the list has it; none by a name nothing has
    const one = await call(extractRoute.loader, "/api/extracts/jan", "vic");
    expect((await one.json()).extract).toMatchObject({ name: "jan", format: "csv", files: 1, info: { rows: 2 } });
    const none = await call(extractRoute.loader, "/api/extracts/feb", "vic");
    expect([none.status, (await none.json()).error]).toEqual([404, "no server extract named 'feb'"]);
  });

  it("any signed-in user queries it read-only; refusals say why and never name the server's paths", async () => {
    const answered = await ask("vic", "queried", "SELECT commodity_code, count(*) AS n FROM extract GROUP BY ALL ORDER BY 1");
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({
      rows: [
        ["0306170000", 1],
        ["6109100000", 1],
      ],
      truncated: false,
    });
    const write = await ask("ada", "queried", "COPY (SELECT * FROM extract) TO 'x.csv'");
    expect(write.status).toBe(403);
    expect((await write.json()).error).toMatch(/read-only/);
    const file = await ask("ana", "queried", "SELECT * FROM read_csv('/etc/passwd')");
    expect(file.status).toBe(400);
    const wrongColumn = await ask("ana", "queried", "SELECT no_such_column FROM extract");
    expect(wrongColumn.status).toBe(400);
    expect(JSON.stringify(await wrongColumn.json())).not.toContain(dataDir);
    expect((await ask("ana", "nope", "SELECT 1")).status).toBe(404);
    expect((await ask("ana", "queried", "SELECT 1", "text/plain")).status).toBe(415);
  });

  it("analysts and admins predict an extract on the server; every query then sees the predictions beside the lines", async () => {
    await seedModelVersions(getDb(), repoRoot());
    const local = await getDb().get<{ name: string; version: string }>(
      "SELECT name, version FROM model_versions WHERE kind = 'trained' ORDER BY name LIMIT 1",
    );
    const model = `${local!.name}@${local!.version}`;
    const start = (who: string, body: object) => call(predictions.action, "/api/extracts/predicted/predictions", who, JSON.stringify(body));
    const ada = (await findUserByUsername(getDb(), "ada"))!;
    await registerServerExtract(getDb(), { name: "predicted", folder: "january" }, ada, SYSTEM_ACTOR, extractsDir);

    const viewer = await start("vic", { model });
    expect(viewer.status).toBe(403);
    expect((await viewer.json()).error).toMatch(/analyst or admin role/);
    expect((await start("ana", { model: "hs-nope@1.0.0" })).status).toBe(404);
    const notText = await start("ana", { model, column: "statistical_value" });
    expect(notText.status).toBe(400);
    expect((await notText.json()).error).toMatch(/statistical_value is not a text column of predicted \(choose one of .*goods_description/);
    // ignored, a misspelt column would quietly have predicted goods_description
    const misspelt = await start("ana", { model, colum: "importer" });
    expect([misspelt.status, (await misspelt.json()).error]).toEqual([400, 'unknown field "colum"; the fields are model, slot, column']);

    const waitDone = async () => {
      for (let i = 0; i < 600; i++) {
        const state = await (await call(predictions.loader, "/api/extracts/predicted/predictions", "vic")).json();
        if (state.job?.state !== "running") return state;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("the predictions did not finish");
    };
    const started = await start("ana", { model });
    expect(started.status).toBe(202);
    expect((await started.json()).job).toMatchObject({ slot: "a", model, column: "goods_description", state: "running" });
    const done = await waitDone();
    expect(done.job).toMatchObject({ state: "done", done: 2, total: 2 });
    expect(done.predictions).toMatchObject([{ slot: "a", model, textColumn: "goods_description", texts: 2, madeBy: "ana" }]);
    expect(JSON.stringify(done)).not.toContain(dataDir);

    // the registered name is a view too, so the Explore page's SQL runs unchanged on browser tables and here
    const seen = await (
      await ask("vic", "predicted", 'SELECT goods_description, predicted_code, predicted_confidence, predicted_by FROM "predicted" ORDER BY 1')
    ).json();
    expect(seen.rows).toHaveLength(2);
    for (const [, code, confidence, by] of seen.rows) {
      expect(code).toMatch(/^\d{6}$/);
      expect(confidence).toBeGreaterThan(0);
      expect(by).toBe(model);
    }
    // a second version beside the first (slot b), a new file for slot a replaces the old one
    expect((await start("ada", { model, slot: "b" })).status).toBe(202);
    expect((await waitDone()).predictions.map((p: { slot: string }) => p.slot)).toEqual(["a", "b"]);
    const both = await (
      await ask("vic", "predicted", "SELECT count(*) FILTER (WHERE predicted_code = predicted_code_b) AS same FROM extract")
    ).json();
    expect(both.rows).toEqual([[2]]);
    // this extract's entries (other tests predict for extracts of their own)
    const audited = (await listAudit(getDb(), { action: "extract.predict" })).filter(
      (a) => (a.after as { extract?: string }).extract === "predicted",
    );
    expect(audited.map((a) => [a.actor, a.after])).toEqual([
      ["ada", { extract: "predicted", slot: "b", model, column: "goods_description", texts: 2 }],
      ["ana", { extract: "predicted", slot: "a", model, column: "goods_description", texts: 2 }],
    ]);
    // the extracts list the page reads carries the columns, lines and predictions
    const listed = (await (await call(extracts.loader, "/api/extracts", "vic")).json()).extracts.find(
      (e: { name: string }) => e.name === "predicted",
    );
    expect(listed.info.rows).toBe(2);
    expect(listed.info.columns.map((c: { name: string }) => c.name)).toContain("predicted_code_b");
  });

  it("compares two versions on a server extract: its declared codes as truth, the models run on the server", async () => {
    await seedModelVersions(getDb(), repoRoot());
    const trained = await getDb().all<{ name: string; version: string }>(
      "SELECT name, version FROM model_versions WHERE kind = 'trained' ORDER BY name LIMIT 2",
    );
    const refs = trained.map((v) => `${v.name}@${v.version}`).join(",");
    const answer = await call(compare.loader, `/api/compare?versions=${refs}&set=extract:queried`, "vic");
    expect(answer.status).toBe(200);
    const state = await answer.json();
    expect(state).toMatchObject({ status: "ready", set: { id: "extract:queried", label: "Server extract queried (declared codes)" } });
    expect(state.comparison.n).toBe(2);
    expect(state.comparison.versions).toHaveLength(2);
    const unknown = await call(compare.loader, `/api/compare?versions=${refs}&set=extract:nope`, "vic");
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toBe("no server extract named 'nope'");
  });

  it("an admin removes an extract with its predictions (API or CLI); its folder stays, the name is free again, the audit says what went", async () => {
    await seedModelVersions(getDb(), repoRoot());
    const local = await getDb().get<{ name: string; version: string }>(
      "SELECT name, version FROM model_versions WHERE kind = 'trained' ORDER BY name LIMIT 1",
    );
    const ada = (await findUserByUsername(getDb(), "ada"))!;
    await registerServerExtract(getDb(), { name: "removed", folder: "january" }, ada, SYSTEM_ACTOR, extractsDir);
    const started = await call(
      predictions.action,
      "/api/extracts/removed/predictions",
      "ana",
      JSON.stringify({ model: `${local!.name}@${local!.version}` }),
    );
    expect(started.status).toBe(202);
    for (
      let i = 0;
      i < 600 && (await (await call(predictions.loader, "/api/extracts/removed/predictions", "vic")).json()).job?.state === "running";
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    const predictionsDir = join(dataDir, "extract-predictions");
    const file = (await getDb().get<{ file: string }>(
      "SELECT file FROM server_extract_predictions p JOIN server_extracts e ON e.id = p.extract_id WHERE e.name = 'removed'",
    ))!.file;
    expect(existsSync(join(predictionsDir, file))).toBe(true);

    const remove = async (who: string, name = "removed") => {
      const request = new Request(`http://localhost/api/extracts/${name}`, { method: "DELETE", headers: { Authorization: `Bearer ${tokens[who]}` } });
      try {
        return await extractRoute.action({ request, params: { name }, context: {} } as never);
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      }
    };
    expect((await remove("ana")).status).toBe(403);
    expect((await remove("ada")).status).toBe(204);
    expect((await remove("ada")).status).toBe(404);
    expect(existsSync(join(predictionsDir, file))).toBe(false);
    expect(existsSync(join(extractsDir, "january", "lines.csv"))).toBe(true);
    expect((await ask("vic", "removed", "SELECT 1")).status).toBe(404);
    expect((await listAudit(getDb(), { action: "extract.remove" }))[0]).toMatchObject({
      actor: "ada",
      before: { name: "removed", folder: "january", format: "csv", predictions: [`${local!.name}@${local!.version}`] },
    });
    // the name is free again; the CLI removes it too
    await registerServerExtract(getDb(), { name: "removed", folder: "january" }, ada, SYSTEM_ACTOR, extractsDir);
    process.env.WORKBENCH_TOKEN = tokens.ada;
    try {
      const cli = await runCli("extracts", "remove", "--name", "removed");
      expect(cli.code).toBe(0);
      expect(cli.out).toContain("Removed removed from the registry (0 predictions file(s) deleted)");
    } finally {
      delete process.env.WORKBENCH_TOKEN;
    }
    expect((await ask("vic", "removed", "SELECT 1")).status).toBe(404);
  });
});
