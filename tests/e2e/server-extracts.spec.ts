// An extract too large for a browser, registered on the server by an admin (on the command line), used on the Explore
// page like a browser table: views, a chapter filter, rows, SQL and predictions run on the server; the figures equal
// native DuckDB's on the same file; the extract itself never comes to the browser.
import { DuckDBInstance } from "@duckdb/node-api";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { expect, test } from "./fixtures";
import { clickBar, loadStaged, openExplore, runSql, uploadFile } from "./explore-helpers";
import { DEMO, seriousViolations, startSignedIn } from "./helpers";
import { hs2017Successors } from "../../workbench/hs/hs-version";
import { loadCrosswalk, loadNomenclature } from "../../workbench/hs/load-fixtures";

const DATA = ".cache/e2e-data";
const NAME = "demo-on-server";
const FILE = join(DATA, "extracts", NAME, "part-1.parquet");

const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ["bin/workbench.js", ...args], {
    env: { ...process.env, WORKBENCH_DATA_DIR: DATA, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });

async function native(sql: string): Promise<number> {
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  const [row] = (await connection.runAndReadAll(sql.replaceAll("FILE", `'${FILE}'`))).getRows();
  return Number(row![0]);
}

let adminToken = "";
test.beforeAll(() => {
  // the demo extract, as a folder in the server's extracts folder, registered by the admin with a token
  mkdirSync(join(DATA, "extracts", NAME), { recursive: true });
  copyFileSync("fixtures/demo-extract.parquet", FILE);
  const token = cli(["token", "create", "--user", DEMO.admin, "--json"]);
  expect(token.status, token.stderr).toBe(0);
  adminToken = (JSON.parse(token.stdout) as { token: string }).token;
  const registered = cli(["extracts", "register", "--name", NAME, "--folder", NAME], { WORKBENCH_TOKEN: adminToken });
  expect([registered.status === 0, /already exists/.test(registered.stderr)], registered.stderr).toContain(true);
});

test("a server extract on Explore: marked as on the server, views and filters with native DuckDB's figures, SQL there, only answers sent", async ({
  page,
}) => {
  const requested: string[] = [];
  page.on("request", (r) => requested.push(`${r.method()} ${new URL(r.url()).pathname}`));
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  const server = page.getByRole("list", { name: "Extracts on the server" });
  await expect(server.getByRole("listitem").filter({ hasText: NAME })).toContainText("server");
  await expect(server.getByRole("listitem").filter({ hasText: NAME })).toContainText("100,000 lines");
  await server.getByRole("button", { name: NAME }).click();
  await expect(page.getByRole("tab", { name: `Views: ${NAME} (on the server)` })).toBeVisible();
  await expect(page.getByRole("img", { name: "Lines by HS chapter" })).toBeVisible();
  await expect(page.getByTestId("grid-count")).toContainText("100,000 rows");
  // the list of server extracts and their views are as accessible as the rest of the page
  await page.waitForLoadState("networkidle");
  expect(await seriousViolations(page)).toEqual([]);

  // a chapter filter: the rows are those native DuckDB counts in the same file
  await clickBar(page, "Lines by HS chapter", "85");
  await expect(page.getByTestId("chapter-filter")).toContainText("chapter 85");
  const chapter85 = await native("SELECT count(*) FROM FILE WHERE substr(commodity_code, 1, 2) = '85'");
  await expect(page.getByTestId("grid-count")).toContainText(`${chapter85.toLocaleString("en")} rows`);

  await page.getByRole("button", { name: "Remove the chapter filter" }).click();

  // values converted with a rate entered in this browser: the rates go to the server inside the query
  await page.getByText("Exchange rates", { exact: true }).click();
  await page.getByRole("textbox", { name: "Currency", exact: true }).fill("USD");
  await page.getByRole("textbox", { name: "Rate", exact: true }).fill("0.92");
  await page.getByRole("textbox", { name: "Target currency" }).fill("EUR");
  await page.getByLabel("Valid from").fill("2020-01-01");
  await page.getByLabel("Valid to").fill("2030-12-31");
  await page.getByRole("button", { name: "Add rate" }).click();
  await page.getByLabel("Measure").selectOption("converted:exchange_rates:EUR");
  const converted = await native("SELECT count(*) FROM FILE WHERE statistical_value IS NOT NULL AND currency IN ('EUR', 'USD')");
  const valued = await native("SELECT count(*) FROM FILE WHERE statistical_value IS NOT NULL");
  await expect(page.getByTestId("conversion-note")).toContainText(
    `${converted.toLocaleString("en")} of ${valued.toLocaleString("en")} lines converted; ${(valued - converted).toLocaleString("en")} have no rate`,
  );
  await page.getByLabel("Measure").selectOption("lines");

  // the codes read as HS 2017 go through the server's own table of single successors: the lines that have one
  await page.getByLabel("HS edition of the declared codes").selectOption("HS2017");
  const successors = [...hs2017Successors(loadNomenclature(), loadCrosswalk()).keys()].map((c) => `('${c}')`).join(", ");
  const mapped = await native(`SELECT count(*) FROM FILE WHERE substr(commodity_code, 1, 6) IN (SELECT * FROM (VALUES ${successors}))`);
  await expect(page.getByTestId("grid-count")).toContainText(`${mapped.toLocaleString("en")} rows`);
  await page.getByLabel("HS edition of the declared codes").selectOption("HS2022");

  // SQL runs on the server for a server extract; a large answer says it was cut at the server's limit
  await runSql(page, "SELECT count(*) AS n, count(DISTINCT importer_ref) AS importers FROM extract");
  await expect(page.getByLabel("Where the query runs")).toHaveValue(NAME);
  const importers = await native("SELECT count(DISTINCT importer_ref) FROM FILE");
  await expect(page.getByRole("region", { name: "Rows (scrolls)" })).toContainText(`${importers}`);
  await expect(page.getByTestId("grid-count")).toContainText(`Result from the server extract ${NAME} · 1 rows`);
  await runSql(page, `SELECT declaration_id, commodity_code FROM "${NAME}"`);
  await expect(page.getByTestId("grid-count")).toContainText("the first 10,000 rows only");
  // codes stay text: leading zeros kept in the answer
  await runSql(page, `SELECT commodity_code FROM extract WHERE commodity_code LIKE '0%' LIMIT 1`);
  await expect(page.getByRole("region", { name: "Rows (scrolls)" }).locator("td").first()).toHaveText(/^0\d+$/);
  // exported for a spreadsheet: the code a text cell with its zero, the date a date, the value a number
  await runSql(page, `SELECT commodity_code, acceptance_date, statistical_value FROM extract WHERE commodity_code LIKE '0%' LIMIT 1`);
  // the grid shows this answer (not the last one) before it is exported
  await expect(page.locator(".data-grid thead th")).toHaveCount(3);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export Excel" }).click();
  const xlsx = new Uint8Array(await (await (await download).createReadStream()).toArray().then((chunks) => Buffer.concat(chunks)));
  const sheet = strFromU8(unzipSync(xlsx)["xl/worksheets/sheet1.xml"]!);
  expect(sheet).toMatch(
    /<c r="A2" s="3" t="inlineStr"><is><t xml:space="preserve">0\d+<\/t><\/is><\/c><c r="B2" s="1"><v>\d{5}<\/v><\/c><c r="C2"><v>[\d.]+<\/v><\/c>/,
  );
  // the server refuses what is not one read-only SELECT, in its own words
  await runSql(page, "CREATE TABLE x AS SELECT 1");
  await expect(page.getByTestId("sql-error")).toContainText("read-only");

  // the extract itself never came: only queries were sent, and no file of it
  expect(requested.filter((r) => r.startsWith(`POST /api/extracts/${NAME}/query`)).length).toBeGreaterThan(5);
  expect(requested.filter((r) => /demo-extract|\.parquet/.test(r))).toEqual([]);
});

test("predictions on the server: a viewer is refused by the server; an analyst's run adds predicted codes every view can use", async ({ page }) => {
  test.setTimeout(180_000);
  await startSignedIn(page, DEMO.viewer);
  await openExplore(page);
  await page.getByRole("list", { name: "Extracts on the server" }).getByRole("button", { name: NAME }).click();
  await page.getByRole("button", { name: "Predict HS codes on the server" }).click();
  await expect(page.getByTestId("batch-predict-status")).toContainText("needs the analyst or admin role (you are viewer)");

  await page.getByRole("button", { name: "Sign out" }).click();
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  await page.getByRole("list", { name: "Extracts on the server" }).getByRole("button", { name: NAME }).click();
  await page.getByLabel("Model for batch prediction").selectOption({ label: "hs-baseline@1.0.0 (production)" });
  await page.getByRole("button", { name: "Predict HS codes on the server" }).click();
  const distinct = await native("SELECT count(DISTINCT goods_description) FROM FILE");
  await expect(page.getByTestId("batch-predict-status")).toContainText(
    `Predicted ${distinct.toLocaleString("en")} distinct texts of goods_description with hs-baseline@1.0.0 on the server`,
    { timeout: 150_000 },
  );
  // the predicted codes are a view's codes now, with the confidence threshold
  await page.getByLabel("Codes shown").selectOption("predicted");
  await expect(page.getByLabel("Minimum confidence")).toBeVisible();
  await expect(page.getByRole("img", { name: "Lines by HS chapter" })).toBeVisible();
  // accuracy by slice runs on the server too: declared vs predicted on every line that has both
  await page.getByLabel("Codes shown").selectOption("declared");
  const both = await native("SELECT count(*) FROM FILE WHERE commodity_code IS NOT NULL AND goods_description IS NOT NULL");
  await expect(page.getByRole("region", { name: "Where the predictions" })).toContainText(`on ${both.toLocaleString("en")} lines with both codes`);
  await expect(page.getByTestId("slice-accuracy")).toContainText("Country of origin");

  // drift between a table in this browser and the extract on the server
  const header = "declaration_id,line_number,acceptance_date,goods_description,commodity_code";
  await uploadFile(
    page,
    "january.csv",
    [header, ...Array.from({ length: 20 }, (_, i) => `J${i},1,2024-01-10,laptop computer portable,8471300000`)].join("\n"),
  );
  await loadStaged(page, "january");
  await page.getByRole("tab", { name: "Drift" }).click();
  await page.getByLabel("Drift: extract A").selectOption("january");
  await page.getByLabel("Drift: extract B").selectOption(NAME);
  await expect(page.getByTestId("drift-summary")).toContainText(`The chapter mix is strongly shifted from january to ${NAME}`);

  await page.getByRole("tab", { name: "SQL" }).click();
  await page.getByLabel("Where the query runs").selectOption(NAME);
  await runSql(page, "SELECT count(*) FILTER (WHERE predicted_code IS NULL) AS missing, min(predicted_by) AS by FROM extract");
  await expect(page.getByRole("region", { name: "Rows (scrolls)" })).toContainText("hs-baseline@1.0.0");
  await expect(page.getByRole("region", { name: "Rows (scrolls)" }).locator("td").first()).toHaveText("0");
});

test("Compare on a server extract: a fixed sample of its lines with the declared codes as truth, both models run on the server", async ({ page }) => {
  test.setTimeout(180_000);
  await startSignedIn(page, DEMO.analyst);
  await page.goto("/compare");
  await page.getByLabel("Evaluation set").selectOption({ label: `Server extract ${NAME} (declared codes)` });
  await page.getByLabel("A (reference)").selectOption({ label: "hs-baseline@1.0.0 (production)" });
  await page.getByLabel("B (challenger)").selectOption({ label: "hs-standard@1.0.0 (candidate)" });
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`set=extract%3A${NAME}`));
  // 100,000 lines on the server: the comparison says it is on a fixed sample of them, and what its truth is
  await expect(page.getByText(`Server extract ${NAME}: a fixed sample of 50,000 of 100,000 lines (declared codes)`).first()).toBeVisible({
    timeout: 150_000,
  });
  await expect(page.getByTestId("verdict")).toBeVisible();
  await expect(page.getByTestId("set-description")).toContainText("declared codes as truth (a trader's code, not an expert's check)");
  await expect(page.getByTestId("heatmap-a")).toBeVisible();
  // the lines with a valid declared code among the sample's 50,000
  const summary = await page.locator("p", { hasText: "Δ = B − A in HS6 top-1 accuracy" }).innerText();
  const lines = Number(summary.match(/\(([\d,]+) lines/)?.[1]?.replace(/,/g, "") ?? "0");
  expect(lines).toBeGreaterThan(49_000);
  expect(lines).toBeLessThanOrEqual(50_000);
});

test("a prediction run on the server goes on through a reload, and the page picks it up to its end", async ({ page }) => {
  test.setTimeout(180_000);
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  await page.getByRole("list", { name: "Extracts on the server" }).getByRole("button", { name: NAME }).click();
  await page.getByLabel("Model for batch prediction").selectOption({ label: "hs-baseline@1.0.0 (production)" });
  await page.getByRole("button", { name: "Predict HS codes on the server" }).click();
  await expect(page.getByLabel("Prediction progress")).toBeVisible();
  // the address holds the table: the reloaded page opens the same extract and follows the run the server is making
  await page.reload();
  await expect(page.getByTestId("engine-state")).toContainText("ready", { timeout: 60_000 });
  const ended = "distinct texts of goods_description with hs-baseline@1.0.0 on the server";
  await expect(page.getByTestId("batch-predict-status")).toContainText(ended, { timeout: 150_000 });
  // a run that has ended is told too, with when (it may end while the page reloads, or long before)
  await page.reload();
  await expect(page.getByTestId("engine-state")).toContainText("ready", { timeout: 60_000 });
  await expect(page.getByTestId("batch-predict-status")).toContainText(ended);
  await expect(page.getByTestId("batch-predict-status")).toContainText(/finished \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
});

test("an admin removes the extract through the API: the page no longer lists it, its folder stays", async ({ page, request }) => {
  const removed = await request.delete(`/api/extracts/${NAME}`, { headers: { Authorization: `Bearer ${adminToken}` } });
  expect(removed.status()).toBe(204);
  expect(existsSync(FILE)).toBe(true);
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  await expect(page.getByRole("list", { name: "Extracts on the server" })).toHaveCount(0);
});
