import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { parseCsvRecords } from "../../workbench/csv";

/** An API token for a demo user, created by the CLI on the e2e server's data directory. */
const tokenFor = (user: string) =>
  (
    JSON.parse(
      execFileSync(process.execPath, ["bin/workbench.js", "token", "create", "--user", user, "--name", `api-${user}`, "--json"], {
        env: { ...process.env, WORKBENCH_DATA_DIR: ".cache/e2e-data" },
      }).toString(),
    ) as { token: string }
  ).token;

test("the registry through the JSON API: bearer tokens, roles enforced by the server, the same checks as the pages", async ({
  playwright,
  baseURL,
}) => {
  const [viewer, analyst, admin] = ["viewer", "analyst", "admin"].map(tokenFor);
  const as = (token: string) => playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const [v, an, ad] = await Promise.all([as(viewer!), as(analyst!), as(admin!)]);

  const listed = await v.get("/api/models?set=cbp-rulings&sort=hs6top5");
  expect(listed.status()).toBe(200);
  const body = await listed.json();
  expect(body.table).toMatchObject({ set: "cbp-rulings", sort: "hs6top5" });
  expect(body.versions.find((x: { name: string }) => x.name === "hs-retrieval")).toMatchObject({ kind: "trained", registeredBy: "system" });
  // a stray parameter is an error that names what is expected, not a silent default
  const wrong = await v.get("/api/models?set=cbp-ruling&dir=up");
  expect(wrong.status()).toBe(400);
  expect((await wrong.json()).error).toBe(
    "set: expected one of cbp-rulings, marketplace-listings, held-out, demo-extract, own-foreign-lines, own-asian-lines; dir: expected asc or desc",
  );
  const stray = await v.get("/api/models?set=cbp-rulings&sortby=hs6top5");
  expect([stray.status(), (await stray.json()).error]).toEqual([400, 'unknown parameter "sortby"; the parameters are set, sort, dir']);

  const ids = parseCsvRecords(readFileSync("fixtures/real-eval/cbp-rulings-dev.csv", "utf8"), ["id"]).map((r) => r.id!);
  const file = (text: string) => ({ name: "api.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
  const good = ["line_id,code_1,probability_1", ...ids.map((id) => `${id},950300,0.3`)].join("\n");
  const form = (text: string) => ({ name: "e2e-api", version: "1.0.0", set: "cbp-rulings", file: file(text) });

  expect((await v.post("/api/models", { multipart: form(good) })).status()).toBe(403);
  const bad = await an.post("/api/models", { multipart: form(good.replace(",950300,0.3", ",95030,1.3")) });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).problems).toEqual(expect.arrayContaining([expect.stringContaining("row 2, code_1: '95030' has 5 digits")]));
  const created = await an.post("/api/models", { multipart: form(good) });
  expect(created.status()).toBe(201);
  expect((await created.json()).version).toMatchObject({ name: "e2e-api", kind: "predictions", registeredBy: "analyst" });

  // an endpoint is for admins only: the server would call the address
  const remote = await an.post("/api/models", {
    data: { name: "x", version: "1.0.0", url: "http://127.0.0.1:9/", protocol: "kserve-v2", remoteModel: "m" },
  });
  expect(remote.status()).toBe(403);
  expect((await remote.json()).error).toContain("requires the admin role");
  // a misspelt field is named, not ignored
  const misspelt = await ad.post("/api/models", {
    data: { name: "x", version: "1.0.0", url: "http://127.0.0.1:9/", protocol: "kserve-v2", remote_model: "m" },
  });
  expect([misspelt.status(), (await misspelt.json()).error]).toEqual([
    400,
    expect.stringMatching(/^body: unknown field "remote_model"; the fields are name, /),
  ]);

  const noted = await an.post("/api/models/e2e-api/1.0.0", { data: { action: "note", text: "imported through the API" } });
  expect(noted.status()).toBe(200);
  expect((await noted.json()).notes[0]).toMatchObject({ author: "analyst", body: "imported through the API" });
  expect((await an.post("/api/models/e2e-api/1.0.0", { data: { action: "archive", reason: "x" } })).status()).toBe(403);
  const unknownField = await an.post("/api/models/e2e-api/1.0.0", { data: { action: "note", body: "x" } });
  expect([unknownField.status(), (await unknownField.json()).error]).toEqual([
    400,
    'the note\'s text is required; unknown field "body"; the fields are action, text',
  ]);
  const archived = await ad.post("/api/models/e2e-api/1.0.0", { data: { action: "archive", reason: "an API test" } });
  expect((await archived.json()).version).toMatchObject({ status: "archived" });
  expect((await ad.post("/api/models/e2e-api/1.0.0", { data: { action: "restore", reason: "an API test" } })).status()).toBe(200);

  const shown = await v.get("/api/models/e2e-api/1.0.0");
  expect(await shown.json()).toMatchObject({
    version: { kind: "predictions", status: "candidate" },
    imported: [{ setId: "cbp-rulings", lines: 199 }],
  });

  let compared = await v.get("/api/compare?versions=hs-baseline@1.0.0,e2e-api@1.0.0&set=cbp-rulings");
  for (let i = 0; compared.status() === 202 && i < 20; i++)
    compared = await v.get("/api/compare?versions=hs-baseline@1.0.0,e2e-api@1.0.0&set=cbp-rulings");
  expect(compared.status()).toBe(200);
  expect((await compared.json()).comparison.pairs[0]).toMatchObject({ a: "hs-baseline@1.0.0", b: "e2e-api@1.0.0" });
  expect((await v.get("/api/compare?versions=hs-baseline@1.0.0,e2e-api@1.0.0&set=held-out")).status()).toBe(400);
  // what a client got wrong: the parameter, an unknown version (404)
  const unnamed = await v.get("/api/compare?a=hs-baseline@1.0.0&b=e2e-api@1.0.0");
  expect([unnamed.status(), (await unnamed.json()).error]).toEqual([400, 'unknown parameters "a", "b"; the parameters are versions, set']);
  const none = await v.get("/api/compare?set=cbp-rulings");
  expect([none.status(), (await none.json()).error]).toEqual([
    400,
    "versions: give the versions to compare as versions=name@version,name@version (2 to 8)",
  ]);
  // a misspelt set would have answered on the default set
  const misspeltSet = await v.get("/api/compare?versions=hs-baseline@1.0.0,e2e-api@1.0.0&sett=held-out");
  expect([misspeltSet.status(), (await misspeltSet.json()).error]).toEqual([400, 'unknown parameter "sett"; the parameters are versions, set']);
  const unknown = await v.get("/api/compare?versions=hs-baseline@1.0.0,nope@1.0.0");
  expect([unknown.status(), (await unknown.json()).error]).toEqual([404, "no model version nope@1.0.0 is registered"]);
  for (const path of ["/api/models/nope/1.0.0", "/api/models/hs-baseline/9.9.9"]) {
    const missing = await v.get(path);
    expect([missing.status(), (await missing.json()).error]).toEqual([
      404,
      expect.stringMatching(/^no model version .* is registered( \(hs-baseline has one version: 1\.0\.0\))?$/),
    ]);
  }
});

test("a browser session cannot change the registry through the JSON API (pages use forms with a CSRF token)", async ({ page }) => {
  const { signIn, DEMO } = await import("./helpers");
  await signIn(page, DEMO.admin);
  const response = await page.request.post("/api/models/hs-standard/1.0.0", { data: { action: "archive", reason: "session" } });
  expect(response.status()).toBe(403);
  expect((await response.json()).error).toContain("need 'Authorization: Bearer <token>'");
});
