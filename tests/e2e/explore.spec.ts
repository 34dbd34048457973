import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { barsWithValues, clickBar, loadStaged, openExplore, runSql, uploadFile } from "./explore-helpers";
import { DEMO, keepScreenshot, startSignedIn } from "./helpers";
import { workbook } from "../support/workbook";
import { strFromU8, unzipSync } from "fflate";
import { readWorkbook } from "../../workbench/extract/xlsx";

test.describe.configure({ timeout: 180_000 });

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

test("load the demo extract, see the views, filter by a chapter, query it", async ({ page }, testInfo) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  await page.getByRole("button", { name: "Load demo extract" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("validation-rows")).toHaveText("100,000 rows", { timeout: 90_000 });
  await expect(dialog).toContainText("15 mapped to the extract format");
  await expect(dialog.getByTestId("invalid-code-examples")).toContainText("chapter 77 is reserved");
  // the check is several screens long: its name field and buttons stay in reach at the bottom of the window
  const load = dialog.getByRole("button", { name: "Load anyway" });
  await expect(load).toBeInViewport({ ratio: 1 });
  await expect(dialog.getByLabel("Table name")).toBeInViewport({ ratio: 1 });
  // and never hide what has the keyboard's focus: a column's role further down comes into view above them
  await page.evaluate(() => window.scrollTo(0, 0));
  await dialog.getByLabel("Role of column declaration_id").focus();
  const hidden: string[] = [];
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press("Tab");
    const { label, bottom, actions } = await page.evaluate(() => ({
      label: document.activeElement!.getAttribute("aria-label"),
      bottom: document.activeElement!.getBoundingClientRect().bottom,
      actions: document.querySelector(".validation > .dialog-actions")!.getBoundingClientRect().top,
    }));
    if (bottom > actions) hidden.push(`${label}: ${bottom} > ${actions}`);
  }
  expect(hidden, "focused fields under the check's actions").toEqual([]);
  await loadStaged(page);
  await expect(page.getByRole("list", { name: "Tables" })).toContainText("demo_extract");
  // the first views of 100,000 lines: their queries and the charts' code, longer than 10 s on a loaded machine
  await expect(page.getByRole("img", { name: "Lines by HS chapter" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("grid-count")).toContainText("100,000 rows");

  await clickBar(page, "Lines by HS chapter", "85");
  await expect(page.getByTestId("chapter-filter")).toContainText("chapter 85");
  await expect(page.getByTestId("grid-count")).not.toContainText("100,000 rows");
  const filtered = Number((await page.getByTestId("grid-count").innerText()).match(/([\d,]+) rows/)![1]!.replace(/,/g, ""));
  expect(filtered).toBeGreaterThan(5_000);
  await keepScreenshot(page, testInfo, "explore-chapter-85");
  await page.getByRole("button", { name: "Remove the chapter filter" }).click();
  await expect(page.getByTestId("chapter-filter")).toHaveCount(0);
  await expect(page.getByTestId("grid-count")).toContainText("100,000 rows");

  await runSql(page, "SELECT count(*) AS n FROM demo_extract WHERE substr(commodity_code, 1, 2) = '85'");
  await expect(page.locator(".data-grid tbody tr").first()).toContainText(String(filtered));
  await runSql(page, "SELEC nonsense");
  await expect(page.getByTestId("sql-error")).toContainText("syntax error");
  // the LINE/caret block once, not twice as DuckDB-WASM sends it
  expect((await page.getByTestId("sql-error").innerText()).match(/LINE 1:/g)).toHaveLength(1);
  await expect(page.getByRole("complementary", { name: "Query history" })).toContainText("SELECT count(*) AS n FROM demo_extract");
  // what an analyst types to look around: the tables (the page's own left out) and a table's columns
  await runSql(page, "SHOW TABLES;");
  await expect(page.locator(".data-grid tbody")).toHaveText("demo_extract");
  await runSql(page, "DESCRIBE demo_extract");
  await expect(page.locator(".data-grid tbody")).toContainText("commodity_code");
  await expect(page.getByTestId("sql-error")).toHaveCount(0);
});

test("codes like 0101210000 stay intact; stripped zeros are repaired on request", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  await uploadFile(
    page,
    "declarations.csv",
    "declaration_id;line_number;acceptance_date;goods_description;hs_code;statistical_value\n" +
      "D1;1;2024-03-01;Pure-bred breeding horses;0101210000;1200.50\n" +
      "D1;2;2024-03-01;Laptops;8471300000;800\n" +
      "D2;1;31/02/2024;Live asses;0101300000;10\n",
  );
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("semicolon-separated");
  await expect(dialog).toContainText('1 date(s) did not parse in acceptance_date (e.g. row 4: "31/02/2024")');
  await loadStaged(page);
  await runSql(page, "SELECT commodity_code FROM declarations ORDER BY line_number, declaration_id");
  await expect(page.locator(".data-grid tbody")).toContainText("0101210000");
  await expect(page.locator(".data-grid thead")).toContainText("VARCHAR");

  await uploadFile(page, "from-excel.csv", "description,commodity_code\nHorses,101210000\nLaptops,8471300000\nAsses,101300000\n");
  await expect(page.getByRole("dialog")).toContainText("look like a spreadsheet dropped their leading zero (e.g. row 2: 101210000 → 0101210000)");
  await expect(page.getByRole("dialog").getByRole("checkbox")).toBeChecked();
  await loadStaged(page);
  await runSql(page, "SELECT string_agg(commodity_code, ' ' ORDER BY commodity_code) AS codes FROM from_excel");
  await expect(page.locator(".data-grid tbody")).toContainText("0101210000 0101300000 8471300000");
});

test("bad files get a clear message and leave earlier tables intact", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  await uploadFile(page, "good.csv", "goods_description,commodity_code\nHorses,0101210000\n");
  await loadStaged(page);
  const problem = page.getByTestId("load-problem");
  const cases: [string, string | Buffer, RegExp][] = [
    ["empty.csv", "", /empty.csv is empty \(0 bytes\)/],
    ["binary.csv", Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0x10, 0x00]), /binary.csv looks like a binary file/],
    ["cut.xlsx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), /cut.xlsx: not a readable ZIP archive \(.+\); is the workbook complete\?/],
    ["ragged.csv", "a,b,c\n1,2,3\n4,5\n", /ragged.csv, row 3: has 2 field\(s\), expected 3/],
    ["bad.json", "{not json", /bad.json, line 1: not valid JSON/],
    ["case.ndjson", '{"Code":"0101"}\n{"code":"0102"}\n', /case.ndjson: the fields 'Code' and 'code' differ only in case; rename one/],
    ["broken-array.json", '[{"goods_description":"horses"}, {"goods_description": horses}]', /broken-array.json: record 2 is not valid JSON/],
    ["not-objects.json", "[1, 2]", /not-objects.json: record 1 is not a JSON object/],
    ["truncated.parquet", Buffer.from("PAR1 this is not the rest of a Parquet file"), /truncated.parquet is not a readable Parquet file: /],
  ];
  for (const [name, content, message] of cases) {
    await uploadFile(page, name, content);
    await expect(problem).toHaveText(message);
  }
  // no delimiter splits it: one column, which the check points out (the delimiter can be chosen there)
  await uploadFile(page, "one-column.csv", "description code\nhorses 0101\n");
  await expect(page.getByRole("dialog").getByTestId("one-column")).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  // a CSV named .parquet is checked as the CSV it is (its first bytes, not its name, say what it is)
  await uploadFile(page, "mislabelled.parquet", "goods_description,commodity_code\nHorses,0101210000\n");
  await expect(page.getByRole("dialog")).toContainText("Horses");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await uploadFile(page, "no-codes.csv", "name,amount\nx,1\n");
  await expect(page.getByRole("dialog")).toContainText("No commodity code column was found");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("list", { name: "Tables" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("list", { name: "Tables" })).toContainText("good");
});

test("export a result to CSV, Excel or Parquet keeps codes as text", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  await uploadFile(page, "codes.csv", "goods_description,commodity_code\nHorses,0101210000\n=cmd|' /C calc'!A0,8471300000\n");
  await loadStaged(page);
  await page.getByRole("tab", { name: /Views/ }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("codes.csv");
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  // hs_chapter is the chapter the page derives from the code (a small integer, for fast chapter views).
  expect(text).toBe("goods_description,commodity_code,hs_chapter\nHorses,0101210000,1\n'=cmd|' /C calc'!A0,8471300000,84\n");

  // Excel: codes are text cells (a spreadsheet keeps their zeros), a formula-like text is text, the chapter a number
  const workbookDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export Excel" }).click();
  const workbookFile = await workbookDownload;
  expect(workbookFile.suggestedFilename()).toBe("codes.xlsx");
  const xlsx = new Uint8Array(await (await workbookFile.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks)));
  expect((await readWorkbook(xlsx, "codes.xlsx")).csv).toBe(
    "goods_description,commodity_code,hs_chapter\r\nHorses,0101210000,1\r\n=cmd|' /C calc'!A0,8471300000,84\r\n",
  );
  const sheet = strFromU8(unzipSync(xlsx)["xl/worksheets/sheet1.xml"]!);
  expect(sheet).toContain('<c r="B2" s="3" t="inlineStr"><is><t xml:space="preserve">0101210000</t></is></c><c r="C2"><v>1</v></c>');

  // Parquet export, read back in: the codes are still text with their zeros.
  const parquetDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export Parquet" }).click();
  const parquet = await parquetDownload;
  expect(parquet.suggestedFilename()).toBe("codes.parquet");
  const bytes = await (await parquet.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks));
  expect(bytes.subarray(0, 4).toString()).toBe("PAR1");
  await uploadFile(page, "codes-again.parquet", bytes, "application/vnd.apache.parquet");
  await loadStaged(page);
  await runSql(
    page,
    "SELECT string_agg(commodity_code, ' ' ORDER BY commodity_code) AS codes, typeof(any_value(commodity_code)) AS t FROM codes_again",
  );
  await expect(page.locator(".data-grid tbody tr").first()).toContainText("0101210000 8471300000");
  await expect(page.locator(".data-grid tbody tr").first()).toContainText("VARCHAR");
});

test("several files at once: a Windows-1252 CSV and a TSV become two tables", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  // Enough rows that keeping the first table in the browser is still under way while the second file is read: the
  // two share the page's database (a read once failed with an empty message when a save's query cut into it).
  const latin1 = Buffer.concat([
    Buffer.from("goods_description,commodity_code\n"),
    Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x20, 0x39, 0x30, 0x30]), // "Café € 900" in Windows-1252
    Buffer.from(",0901210000\n"),
    Buffer.from("roasted coffee beans,0901210000\n".repeat(40_000)),
  ]);
  const tsv = "description\thscode\nHorses\t010121\n" + "live horses for breeding\t010121\n".repeat(40_000);
  await page.getByLabel("Choose files to load").setInputFiles([
    { name: "latin.csv", mimeType: "text/csv", buffer: latin1 },
    { name: "tabs.tsv", mimeType: "text/tab-separated-values", buffer: Buffer.from(tsv) },
  ]);
  await expect(page.getByRole("dialog")).toContainText("windows-1252, comma-separated");
  await loadStaged(page);
  // the second file's check opens once the first is loaded (as long as a load may take: loadStaged's wait)
  await expect(page.getByRole("dialog", { name: "Check tabs.tsv before loading" })).toContainText("utf-8, tab-separated", { timeout: 60_000 });
  await loadStaged(page);
  await runSql(
    page,
    "SELECT (SELECT goods_description FROM latin LIMIT 1) AS latin, (SELECT commodity_code FROM tabs LIMIT 1) AS tsv_code, (SELECT count(*) FROM tabs) AS tsv_rows",
  );
  await expect(page.locator(".data-grid tbody tr").first()).toContainText("Café € 900");
  await expect(page.locator(".data-grid tbody tr").first()).toContainText("010121");
  await expect(page.locator(".data-grid tbody tr").first()).toContainText(/40,?001/);
});

test("NDJSON: a field first seen late in the file, even past the first slice read, still becomes a column", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  // 60,000 records (about 6 MB, read in slices of at least 4 MB): the office first appears at record 1,500, the
  // procedure at record 55,000
  const records = Array.from({ length: 60_000 }, (_, i) => ({
    declaration_id: `N${i + 1}`,
    goods_description: "frozen shrimps peeled",
    commodity_code: "0306170000",
    ...(i + 1 >= 1_500 ? { customs_office: "PTLEI" } : {}),
    ...(i + 1 >= 55_000 ? { procedure: "4000" } : {}),
  }));
  await uploadFile(page, "late.ndjson", records.map((r) => JSON.stringify(r)).join("\n") + "\n", "application/x-ndjson");
  await loadStaged(page, "late");
  await runSql(page, "SELECT count(*) AS n, count(customs_office) AS offices, count(procedure) AS procedures FROM late");
  await expect(page.locator(".data-grid tbody tr").first()).toHaveText(/60,?000\s*58,?501\s*5,?001/);
});

test("a JSON array whose field holds numbers and text loads, the check naming the values that will be empty", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  // DuckDB-WASM's JSON reader types statistical_value as a number from the first records and fails on "n/a": the
  // file is read again with every value as text, typed when it is loaded, as a CSV is
  const records = Array.from({ length: 30_000 }, (_, i) => ({
    declaration_id: `J${i + 1}`,
    goods_description: "frozen shrimps peeled",
    commodity_code: "0306170000",
    statistical_value: i + 1 === 29_000 ? "n/a" : i + 1,
  }));
  await uploadFile(page, "mixed.json", JSON.stringify(records), "application/json");
  await expect(page.getByRole("dialog")).toContainText(
    '1 value(s) are not of type DOUBLE in statistical_value (e.g. row 29000: "n/a"); they will be empty.',
    {
      timeout: 60_000,
    },
  );
  await loadStaged(page, "mixed");
  await runSql(page, "SELECT count(*) AS n, count(statistical_value) AS v, sum(statistical_value)::BIGINT AS total FROM mixed");
  // 1 + … + 30,000 less the 29,000th
  await expect(page.locator(".data-grid tbody tr").first()).toHaveText(/30,?000\s*29,?999\s*449,?986,?000/);
});

test("a long load shows progress and can be cancelled, keeping nothing", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  const line = "D1,1,2024-01-01,X,CN,CN,I,some goods description text here,8471300000,1,USD,1,1,4000,green\n";
  const big = Buffer.from(
    "declaration_id,line_number,acceptance_date,customs_office,country_of_origin,country_of_export,importer_ref,goods_description,commodity_code,statistical_value,currency,net_mass_kg,supplementary_quantity,procedure,control_channel\n" +
      line.repeat(250_000),
  );
  await uploadFile(page, "big.csv", big);
  const progress = page.getByRole("status").filter({ hasText: "Reading big.csv" });
  await expect(progress).toContainText(/MB in one pass/);
  await progress.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("load-problem")).toHaveText("Loading big.csv was cancelled; nothing was kept.");
  await runSql(page, "SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = 'main' AND table_catalog <> 'temp'");
  await expect(page.locator(".data-grid tbody tr").first()).toContainText("0");
});

test("batch prediction adds predicted code and confidence columns to a loaded table", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  await uploadFile(
    page,
    "to-predict.csv",
    "goods_description,commodity_code\nfrozen shrimps peeled,0306170000\nlive horses for breeding,0101210000\nfrozen shrimps peeled,0306170000\n---,0101210000\n",
  );
  await loadStaged(page);
  // production first; the strongest candidate on real text is named
  const model = page.getByLabel("Model for batch prediction");
  await expect(model).toHaveValue("hs-baseline@1.0.0");
  await expect(model.locator("option", { hasText: "strongest on real text" })).toHaveText(["hs-combined@1.34.0 (candidate, strongest on real text)"]);
  await page.getByRole("button", { name: "Predict HS codes" }).click();
  await expect(page.getByTestId("batch-predict-status")).toContainText("Predicted 4 descriptions of goods_description with hs-baseline@1.0.0", {
    timeout: 60_000,
  });
  // in Web Workers, one per core (the page's own thread stays free)
  await expect(page.getByTestId("batch-predict-status")).toContainText(/ s \([1-4] workers?\); wrote/);
  // a line without a letter or digit gets no code, never a guess
  await expect(page.getByTestId("batch-predict-status")).toContainText(
    "1 of them have no letter or digit: nothing to classify, their code is left empty.",
  );
  // a repeated description gets the same answer on every line (it is classified once per run)
  await runSql(
    page,
    "SELECT count(*) FILTER (WHERE length(predicted_code) = 6 AND predicted_confidence BETWEEN 0 AND 1) AS ok, any_value(predicted_by) AS model, " +
      "count(DISTINCT predicted_code || predicted_confidence) FILTER (WHERE goods_description = 'frozen shrimps peeled') AS shrimp_answers, " +
      "count(*) FILTER (WHERE goods_description = '---' AND predicted_code IS NULL) AS no_code FROM to_predict",
  );
  await expect(page.locator(".data-grid tbody tr").first()).toContainText("3");
  await expect(page.locator(".data-grid tbody tr").first().locator("td").nth(-2)).toHaveText("1");
  await expect(page.locator(".data-grid tbody tr").first().locator("td").last()).toHaveText("1");
  await expect(page.locator(".data-grid tbody tr").first()).toContainText("hs-baseline@1.0.0");
});

test("batch prediction without its workers runs on the page, and answers as the workers do", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  // the workers' bundle missing (a build without it): the page classifies on its own thread and says so
  await page.route("**/workers/classify-worker.js", (route) => route.fulfill({ status: 404, body: "not found" }));
  await uploadFile(
    page,
    "both-ways.csv",
    "goods_description\nfrozen shrimps peeled\nlive horses for breeding\ncotton t-shirts for men\nsteel screws\n",
  );
  await loadStaged(page);
  const status = page.getByTestId("batch-predict-status");
  await page.getByRole("button", { name: "Predict HS codes" }).click();
  await expect(status).toContainText(/Predicted 4 descriptions .* \(on this page\); wrote predicted_code/, { timeout: 60_000 });
  // with the bundle, into B: the same codes and confidences, from workers
  await page.unroute("**/workers/classify-worker.js");
  await page.getByLabel("Write the predictions to").selectOption("b");
  await page.getByRole("button", { name: "Predict HS codes" }).click();
  await expect(status).toContainText(/Predicted 4 descriptions .* \([1-4] workers?\); wrote predicted_code_b/, { timeout: 60_000 });
  await runSql(
    page,
    "SELECT count(*) FILTER (WHERE predicted_code = predicted_code_b AND predicted_confidence = predicted_confidence_b AND length(predicted_code) = 6) AS same FROM both_ways",
  );
  await expect(page.locator(".data-grid tbody tr").first().locator("td").last()).toHaveText("4");
});

test("values are never added across currencies: one currency at a time, or converted with rates the analyst enters", async ({ page }, testInfo) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  await page.getByRole("button", { name: "Load demo extract" }).click();
  await loadStaged(page);
  await expect(page.getByTestId("currency-note")).toContainText("never added together");
  const measure = page.getByLabel("Measure");
  const options = await measure.locator("option").allTextContents();
  expect(options[0]).toBe("Lines");
  expect(options.filter((o) => o.startsWith("Statistical value, "))).toHaveLength(6);
  expect(options.some((o) => o === "Statistical value")).toBe(false);

  await measure.selectOption("value:USD");
  await expect(page.getByRole("heading", { name: "Statistical value, USD (USD lines only) by HS chapter" })).toBeVisible();
  const axis = await page
    .getByRole("img", { name: "Value by HS chapter" })
    .evaluate((el) => (el as HTMLElement & { __echarts: { getOption(): { yAxis: { name: string }[] } } }).__echarts.getOption().yAxis[0]!.name);
  expect(axis).toBe("Statistical value, USD (USD lines only)");

  // rates for two currencies over the whole demo period: lines in the other four are counted and left out
  await page.getByText("Exchange rates", { exact: true }).click();
  const add = async (currency: string, rate: string) => {
    await page.getByRole("textbox", { name: "Currency", exact: true }).fill(currency);
    await page.getByRole("textbox", { name: "Rate", exact: true }).fill(rate);
    await page.getByRole("textbox", { name: "Target currency" }).fill("EUR");
    await page.getByLabel("Valid from").fill("2020-01-01");
    await page.getByLabel("Valid to").fill("2030-12-31");
    await page.getByRole("button", { name: "Add rate" }).click();
    await expect(page.getByTestId("rates-message")).toContainText(`Added: 1 ${currency} =`);
  };
  await page.getByRole("textbox", { name: "Rate", exact: true }).fill("-1");
  await page.getByRole("textbox", { name: "Currency", exact: true }).fill("usd");
  await page.getByRole("button", { name: "Add rate" }).click();
  await expect(page.getByTestId("rates-message")).toContainText("the rate must be a number above 0");
  await add("USD", "0.92");
  await add("GBP", "1.17");
  await measure.selectOption("converted:exchange_rates:EUR");
  await expect(page.getByRole("heading", { name: "Statistical value in EUR (converted with exchange_rates) by HS chapter" })).toBeVisible();
  await expect(page.getByTestId("conversion-note")).toContainText(
    /[\d,]+ of 100,000 lines converted; [\d,]+ have no rate for their currency and date and are left out/,
  );
  await keepScreenshot(page, testInfo, "explore-converted-values");

  // an overlapping period would convert a line twice: refused until fixed
  await add("USD", "0.95");
  await expect(page.getByTestId("conversion-note")).toContainText("The rates overlap (USD");
});

test("crossfilter: a click on any view filters every other view and the rows (exports follow the rows); each filter is a chip", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  await page.getByRole("button", { name: "Load demo extract" }).click();
  await loadStaged(page);
  const count = async () => Number((await page.getByTestId("grid-count").innerText()).match(/([\d,]+) rows/)![1]!.replace(/,/g, ""));
  await expect(page.getByTestId("grid-count")).toContainText("100,000 rows");

  // section XVI (machinery, electrical): the chapter view keeps only chapters 84 and 85
  await clickBar(page, "By HS section", "XVI");
  await expect(page.getByTestId("section-filter")).toContainText("section XVI");
  await expect.poll(() => barsWithValues(page, "Lines by HS chapter")).toEqual(["84", "85"]);
  const inSection = await count();
  expect(inSection).toBeLessThan(100_000);

  // and an origin on top: both chips, fewer rows, the section view follows the origin too
  await clickBar(page, "Countries of origin", "CN");
  await expect(page.getByTestId("origin-filter")).toContainText("origin CN");
  await expect.poll(count).toBeLessThan(inSection);
  await expect(page.getByRole("heading", { name: /^Rows \(section XVI .*; origin CN\)$/ })).toBeVisible();
  // a chapter picked inside the filtered views narrows the rows again, and the section view still shows its own bars
  await clickBar(page, "Lines by HS chapter", "85");
  await expect(page.getByTestId("chapter-filter")).toContainText("chapter 85");
  await expect.poll(() => barsWithValues(page, "By HS section")).toEqual(["XVI"]);

  await page.getByRole("button", { name: "Remove the section filter" }).click();
  await page.getByRole("button", { name: "Remove the origin filter" }).click();
  await page.getByRole("button", { name: "Remove the chapter filter" }).click();
  await expect(page.getByTestId("grid-count")).toContainText("100,000 rows");
});

test("a table whose text columns hold only codes and identifiers offers none as descriptions: the analyst chooses one or nothing is predicted", async ({
  page,
}) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  const lines = ["declaration_id,declarant_id,commodity_code,country_of_origin", "97061800,ZZR1LT6,440890,BE", "85945189,SWF9S4X,690722,CN"].join(
    "\n",
  );
  await uploadFile(page, "codes-only.csv", lines);
  await loadStaged(page);
  const column = page.getByLabel("Text column to classify");
  await expect(page.getByTestId("no-description-column")).toContainText("No column of this table reads as goods descriptions");
  await expect(column).toHaveValue("");
  await expect(page.getByRole("button", { name: "Predict HS codes" })).toBeDisabled();
  await column.selectOption("declarant_id");
  await expect(page.getByRole("button", { name: "Predict HS codes" })).toBeEnabled();
});

test("descriptions without codes: choose the text column, predict, and every view works on the predicted codes with a confidence threshold", async ({
  page,
}) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  // invoice lines as a unit receives them (our own lines): a reference, a category and a description, no HS code
  const lines = [
    "linha,fatura,categoria,descricao",
    '1,FT2026/0001,vestuario,"CAMISA ALGODAO MASC M/L AZUL TAM M"',
    '2,FT2026/0001,automovel,"PNEU 205/55 R16 91V VERAO"',
    "3,FT2026/0002,alimentar,AZEITE VIRGEM EXTRA 750ML",
    "4,FT2026/0002,electronica,TELEMOVEL SMARTPHONE 128GB PRETO",
    "5,FT2026/0003,calcado,SAPATO COURO HOMEM 42",
    "6,FT2026/0003,animais,RACAO CAO ADULTO 15KG",
  ].join("\n");
  await uploadFile(page, "faturas.csv", lines);
  await loadStaged(page);
  await expect(page.getByTestId("no-codes")).toContainText("has no declared codes");
  // the column of words is chosen, not the first text column (the invoice reference) nor the one-word categories
  await expect(page.getByLabel("Text column to classify")).toHaveValue("descricao");
  await expect(page.getByTestId("no-description-column")).toHaveCount(0);
  await page.getByRole("button", { name: "Predict HS codes" }).click();
  await expect(page.getByTestId("batch-predict-status")).toContainText("Predicted 6 descriptions of descricao", { timeout: 60_000 });
  await expect(page.getByLabel("Codes shown")).toHaveValue("predicted");
  await expect(page.getByRole("img", { name: "Lines by HS chapter" })).toBeVisible();
  await expect(page.getByTestId("grid-count")).toContainText("6 rows");
  await expect(page.getByRole("heading", { name: "Predicted codes against the HS 2022 nomenclature" })).toBeVisible();
  // a model predicts subheadings that exist: said in words, not as an empty table
  await expect(page.getByRole("img", { name: "Predicted code validity" })).toBeVisible();
  await expect(page.getByTestId("invalid-codes")).toHaveText(/^\d distinct codes, every one a HS 2022 subheading\.$/);
  await page.getByLabel("Minimum confidence").selectOption("0.95");
  await expect.poll(async () => Number((await page.getByTestId("grid-count").innerText()).match(/([\d,]+) rows/)?.[1] ?? 0)).toBeLessThan(6);
});

test("accuracy by slice: where predictions disagree with declarations, worst first with honest intervals, a click filters to the slice", async ({
  page,
}) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  const lines = readFileSync("fixtures/demo-extract.csv", "utf8").split("\n").slice(0, 1501).join("\n");
  await uploadFile(page, "sample.csv", lines);
  await loadStaged(page, "sample");
  await page.getByRole("button", { name: "Predict HS codes" }).click();
  await expect(page.getByTestId("batch-predict-status")).toContainText("Predicted 1,500 descriptions", { timeout: 90_000 });
  // the rows below show the columns the prediction wrote (they kept the table's columns before it)
  await expect(page.locator(".data-grid thead")).toContainText("predicted_code");
  const table = page.getByTestId("slice-accuracy");
  await expect(table).toContainText("Country of origin");
  // by the declared codes' chapter, named; a click filters to it
  await page.getByLabel("Slice accuracy by").selectOption("chapter");
  await expect(table.getByRole("columnheader", { name: "HS chapter (declared)" })).toBeVisible();
  await expect(table.locator("tbody tr").first()).toContainText(/^\d{2} \S/);
  const chapter = (await table.locator("tbody tr td:first-child button").first().innerText()).trim();
  await table.getByRole("button", { name: chapter, exact: true }).click();
  await expect(page.getByTestId("chapter-filter")).toContainText(chapter);
  await page.getByRole("button", { name: "Remove the chapter filter" }).click();
  await page.getByLabel("Slice accuracy by").selectOption("office");
  await expect(table.getByRole("columnheader", { name: "Customs office" })).toBeVisible();
  // worst first: the upper ends of the intervals never decrease down the table
  const highs = await table.locator("tbody tr td:nth-child(4)").allInnerTexts();
  const upper = highs.map((h) => Number(h.split("–")[1]!.replace("%", "")));
  expect(upper).toEqual([...upper].sort((a, b) => a - b));
  const office = (await table.locator("tbody tr td:first-child button").first().innerText()).trim();
  // every slice to Excel, not only the worst shown: in the table's order, codes as text
  const region = page.getByRole("region", { name: "Where the predictions disagree with the declarations" });
  const excel = page.waitForEvent("download");
  await region.getByRole("button", { name: /^All \d+ to Excel$/ }).click();
  expect((await excel).suggestedFilename()).toBe("sample-agreement-by-office.xlsx");
  const xlsx = new Uint8Array(readFileSync((await (await excel).path())!));
  const aboutSlices = (await readWorkbook(xlsx, "slices.xlsx")).csv;
  expect(aboutSlices).toContain("By,Customs office");
  expect(aboutSlices).toContain("Filters,none");
  const slices = (await readWorkbook(xlsx, "slices.xlsx", "By Customs office")).csv.trim().split("\r\n").slice(1);
  expect(slices).toHaveLength(Number(/^All (\d+) to Excel$/.exec(await region.getByRole("button", { name: /to Excel$/ }).innerText())![1]));
  expect(slices.slice(0, highs.length).map((l) => l.split(",")[0])).toEqual(
    (await table.locator("tbody tr td:first-child button").allInnerTexts()).map((t) => t.trim()),
  );
  await table.getByRole("button", { name: office }).click();
  await expect(page.getByTestId("office-filter")).toContainText(`office ${office}`);
  await expect
    .poll(async () => Number((await page.getByTestId("grid-count").innerText()).match(/([\d,]+) rows/)![1]!.replace(/,/g, "")))
    .toBeLessThan(1500);

  // a second version's predictions beside the first: where do the two versions disagree, by slice
  await page.getByRole("button", { name: `Remove the office filter` }).click();
  await page.getByLabel("Model for batch prediction").selectOption({ index: 1 });
  await page.getByLabel("Write the predictions to").selectOption("b");
  await page.getByRole("button", { name: "Predict HS codes" }).click();
  await expect(page.getByTestId("batch-predict-status")).toContainText("wrote predicted_code_b", { timeout: 90_000 });
  await page.getByLabel("Codes compared").selectOption("a-b");
  await expect(page.getByRole("heading", { name: "Where the two versions disagree" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Where the two versions disagree" })).toContainText("agreement is not accuracy");
  await runSql(
    page,
    "SELECT count(*) FILTER (WHERE predicted_code_b IS NOT NULL) AS b, count(DISTINCT predicted_by || predicted_by_b) AS pairs FROM sample",
  );
  await expect(page.locator(".data-grid tbody tr").first()).toContainText("1500");
});

test("an HS 2017 extract: detected, read in HS 2022 through the correlation, splits listed and kept apart", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  const rows = [
    ...Array.from({ length: 6 }, (_, i) => `D${i},1,2020-03-0${i + 1},fish fillets dried,0305100000`), // HS 2017 only → 030910
    ...Array.from({ length: 3 }, (_, i) => `E${i},1,2020-03-0${i + 1},mobile phones,8517120000`), // split in HS 2022
    `F1,1,2020-03-01,live horses,0101210000`, // the same in both
  ];
  await uploadFile(page, "customs-2020.csv", ["declaration_id,line_number,acceptance_date,goods_description,commodity_code", ...rows].join("\n"));
  // the check says so before loading: the lines are of the earlier edition, not wrong
  await expect(page.getByRole("dialog")).toContainText(
    "The codes read as HS 2017 (100.0% of lines valid in HS 2017, 10.0% in HS 2022): after loading, Explore reads them in HS 2022 through the correlation",
    { timeout: 60_000 },
  );
  await loadStaged(page);
  const edition = page.getByTestId("hs-edition");
  await expect(edition).toContainText("Detected: 10.0% of lines have HS 2022 codes, 100.0% HS 2017 codes — shown as HS 2017");
  await expect(page.getByLabel("HS edition of the declared codes")).toHaveValue("HS2017");
  await expect(page.getByTestId("hs-splits")).toContainText("3 lines with 1 HS 2017 codes that split into several HS 2022 codes are kept apart");
  // 6 lines mapped to chapter 03, 1 unchanged in chapter 01; the 3 split lines are not counted
  await expect.poll(() => barsWithValues(page, "Lines by HS chapter")).toEqual(["01", "03"]);
  await expect(page.getByTestId("grid-count")).toContainText("7 rows");
  await page.getByLabel("HS edition of the declared codes").selectOption("HS2022");
  await expect(page.getByTestId("grid-count")).toContainText("10 rows");

  // Compare on this extract reads the codes the same way: 7 lines compared, the 3 split ones left out
  await page.getByRole("link", { name: "Compare" }).click();
  await page.getByLabel("Evaluation set").selectOption("explore");
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await page.getByRole("button", { name: "Compare on this extract" }).click();
  await expect(page.getByTestId("extract-edition")).toContainText(
    "Declared codes read as HS 2017, mapped to HS 2022 through the correlation (detected from the codes); 3 lines whose code split into several were left out.",
    { timeout: 60_000 },
  );
  await expect(page.getByTestId("verdict")).toContainText("(7 lines, 3 excluded");
});

test("drift between two extracts: chapter mix, new codes, descriptions, in plain words", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  const header = "declaration_id,line_number,acceptance_date,goods_description,commodity_code";
  const january = Array.from({ length: 20 }, (_, i) => `J${i},1,2024-01-10,laptop computer portable,8471300000`);
  const february = [
    ...Array.from({ length: 5 }, (_, i) => `F${i},1,2024-02-10,laptop computer portable,8471300000`),
    ...Array.from({ length: 15 }, (_, i) => `G${i},1,2024-02-11,smartphone 128gb,8517130000`),
  ];
  await uploadFile(page, "january.csv", [header, ...january].join("\n"));
  await loadStaged(page, "january");
  await uploadFile(page, "february.csv", [header, ...february].join("\n"));
  await loadStaged(page, "february");
  await page.getByRole("tab", { name: "Drift" }).click();
  await page.getByLabel("Drift: extract A").selectOption("january");
  await page.getByLabel("Drift: extract B").selectOption("february");
  const summary = page.getByTestId("drift-summary");
  await expect(summary).toContainText("The chapter mix is strongly shifted from january to february");
  await expect(summary).toContainText("1 codes in february never occur in january (75.0% of its lines)");
  await expect(page.getByTestId("drift-new-codes")).toContainText("851713");
  // description lengths side by side: "smartphone 128gb" is shorter than "laptop computer portable"
  await expect(page.getByTestId("drift-length").getByRole("row", { name: /^11–20 / })).toHaveText(/11–20\s*0\.0%\s*75\.0%/);
  await expect(page.getByTestId("drift-length").getByRole("row", { name: /^21–40 / })).toHaveText(/21–40\s*100\.0%\s*25\.0%/);
  // the whole report to Excel: the summary first, every chapter and new code
  const excel = page.waitForEvent("download");
  await page.getByRole("button", { name: "Drift to Excel" }).click();
  expect((await excel).suggestedFilename()).toBe("drift-january-to-february.xlsx");
  const drift = new Uint8Array(readFileSync((await (await excel).path())!));
  expect((await readWorkbook(drift, "drift.xlsx")).csv).toMatch(/\r\nSummary,"?The chapter mix is strongly shifted from january to february/);
  expect((await readWorkbook(drift, "drift.xlsx", "New codes in B")).csv.trim().split("\r\n")).toEqual(["code,lines in february", "851713,15"]);

  // an earlier year, in HS 2017 and without descriptions: its codes compared in HS 2022 (fish meal's 030510 is 030910;
  // phones' 851712 split, left out), and the descriptions not compared rather than "100% shorter"
  const before = [
    ...Array.from({ length: 20 }, (_, i) => `H${i},1,2020-01-10,030510`),
    ...Array.from({ length: 5 }, (_, i) => `K${i},1,2020-01-11,851712`),
  ];
  await page.getByRole("tab", { name: /Views/ }).click();
  await uploadFile(page, "2020.csv", ["declaration_id,line_number,acceptance_date,commodity_code", ...before].join("\n"));
  await loadStaged(page, "y2020");
  await page.getByRole("tab", { name: "Drift" }).click();
  await page.getByLabel("Drift: extract A").selectOption("january");
  await page.getByLabel("Drift: extract B").selectOption("y2020");
  await expect(summary).toContainText(
    "y2020's declared codes read as HS 2017 and are compared in HS 2022; 5 of its lines, whose code split into several HS 2022 codes, are left out.",
  );
  await expect(summary).toContainText("1 codes in y2020 never occur in january (100.0% of its lines).");
  await expect(page.getByTestId("drift-new-codes")).toContainText("030910");
  await expect(page.getByTestId("drift-new-codes")).not.toContainText("030510");
  await expect(summary).toContainText("Descriptions are not compared: y2020 has no goods descriptions.");
  await expect(page.getByRole("heading", { name: "Words used more in y2020" })).toHaveCount(0);

  // the analyst says the codes are HS 2022: compared as they are, and said
  const bEdition = page.getByLabel("Drift: HS edition of B's declared codes");
  await expect(bEdition.locator("option:checked")).toHaveText("HS 2017, read in HS 2022 (detected)");
  await bEdition.selectOption("HS2022");
  await expect(summary).toContainText(
    "y2020's declared codes are compared as HS 2022, as chosen, although more of its lines are valid HS 2017 codes.",
  );
  await expect(page.getByTestId("drift-new-codes")).toContainText("030510");
  // a choice made on the Views tab for the table it shows is followed here
  await page.getByRole("tab", { name: /Views/ }).click();
  await expect(page.getByRole("tab", { name: /Views/ })).toHaveText("Views: y2020");
  await page.getByLabel("HS edition of the declared codes").selectOption("HS2022");
  await page.getByRole("tab", { name: "Drift" }).click();
  await page.getByLabel("Drift: extract A").selectOption("january");
  await page.getByLabel("Drift: extract B").selectOption("y2020");
  await expect(bEdition).toHaveValue("HS2022");
  await expect(summary).toContainText("y2020's declared codes are compared as HS 2022, as chosen");
});

test("an Excel workbook: its first sheet checked like a CSV, another sheet chosen in the check, dates and codes as the sheet shows them", async ({
  page,
}) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  // written by XlsxWriter as Excel writes workbooks (scripts/demo-workbook.py): a code typed as a number, dates shown
  // dd/mm/yyyy, a blank row, a notes sheet and a hidden one
  await uploadFile(page, "demo-declarations.xlsx", readFileSync("fixtures/demo-declarations.xlsx"), XLSX_TYPE);
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Excel workbook, sheet “Declarations”");
  await expect(dialog.getByLabel("Delimiter")).toHaveCount(0);
  await expect(dialog).toContainText("look like a spreadsheet dropped their leading zero (e.g. row 13: 202303550 → 0202303550)");
  await expect(dialog.getByLabel("Sheet").locator("option")).toHaveText(["Declarations", "Notes"]);
  // the notes sheet holds one line: it cannot be loaded, and says so by its sheet; the sheet read before stays in the check
  await dialog.getByLabel("Sheet").selectOption("Notes");
  await expect(page.getByRole("alert")).toContainText("demo-declarations.xlsx (sheet “Notes”) has a header but no data rows");
  await expect(dialog).toContainText("Excel workbook, sheet “Declarations”");
  await loadStaged(page, "workbook");
  await runSql(
    page,
    "SELECT count(*) AS n, min(acceptance_date) AS first_day, count(*) FILTER (WHERE commodity_code = '0202303550') AS repaired, sum(net_mass_kg) FILTER (WHERE declaration_id = '24XA0000000004') AS kg FROM workbook WHERE declaration_id IS NOT NULL",
  );
  // the demo extract's first 30 lines; 2024-01-04 is the earliest date; 290.35 + 341 + 915.57 + 137.33
  await expect(page.locator(".data-grid tbody tr").first()).toContainText(/30\s*2024-01-04\s*1\s*1684\.25/);

  // a sheet over 512 KB is inflated in a Web Worker (fflate), which the page's security policy must let start
  const cell = (text: string) => `<c t="inlineStr"><is><t>${text}</t></is></c>`;
  const rows = Array.from({ length: 8_000 }, (_, i) => `<row>${cell(`frozen cod fillets, lot ${i + 1}`)}${cell("0304710000")}</row>`);
  const long = workbook([`<row>${cell("goods_description")}${cell("commodity_code")}</row>`, ...rows].join(""));
  await uploadFile(page, "long.xlsx", Buffer.from(long), XLSX_TYPE);
  await loadStaged(page, "long");
  await runSql(page, "SELECT count(*) AS n FROM long");
  await expect(page.locator(".data-grid tbody tr").first()).toContainText("8000");
});

test("a semicolon file with decimal commas: detected, shown in the check, and correctable before loading", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  // two lines without a description (empty, blank)
  const description = (i: number) => (i === 7 ? "" : i === 8 ? "   " : "laptop computers");
  const rows = Array.from({ length: 40 }, (_, i) => `D${i};1;2024-03-01;${description(i)};8471300000;${1000 + i},${i % 10}5;EUR`);
  await uploadFile(
    page,
    "decimal-comma.csv",
    ["declaration_id;line_number;acceptance_date;goods_description;commodity_code;statistical_value;currency", ...rows].join("\n"),
  );
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Decimal separator")).toHaveValue(",");
  await expect(dialog).not.toContainText("are not of type DOUBLE");
  await expect(dialog).toContainText("2 line(s) have an empty goods description.");
  // read with a decimal point instead, every value would be empty: the check says so before anything is loaded
  await dialog.getByLabel("Decimal separator").selectOption(".");
  await expect(dialog).toContainText("40 value(s) are not of type DOUBLE in statistical_value");
  await dialog.getByLabel("Decimal separator").selectOption(",");
  await expect(dialog).not.toContainText("are not of type DOUBLE");
  await loadStaged(page, "decimal_comma");
  await runSql(page, "SELECT round(sum(statistical_value), 2) AS total FROM decimal_comma");
  // 40 × 1000 + (0 + … + 39) + 40 lines' cents (5, 15, …, 95 repeating)
  await expect(page.locator(".data-grid tbody tr").first()).toContainText("40800");
  // the columns keep the file's order and get their types (typed while reading, in place), the derived chapter last
  await runSql(page, "SELECT * FROM decimal_comma LIMIT 1");
  await expect
    .poll(async () => (await page.locator(".data-grid thead th").allInnerTexts()).map((h) => h.replace(/\s+/g, " ").trim()))
    .toEqual([
      "declaration_idVARCHAR",
      "line_numberINTEGER",
      "acceptance_dateDATE",
      "goods_descriptionVARCHAR",
      "commodity_codeVARCHAR",
      "statistical_valueDOUBLE",
      "currencyVARCHAR",
      "hs_chapterUTINYINT",
    ]);
});

test("numbers typed while a CSV is read: a value further down that is not one reads the file as text; a correction reads it again", async ({
  page,
}) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  const header = "declaration_id,line_number,acceptance_date,goods_description,commodity_code,statistical_value,currency";
  // the first rows (the sniffed sample) hold plain numbers only; row 152 does not
  const rows = Array.from({ length: 200 }, (_, i) => `D${i},1,2024-03-01,laptop computers,8471300000,${i === 150 ? "n/a" : "1.250"},EUR`);
  await uploadFile(page, "typed-read.csv", [header, ...rows].join("\n"));
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText('1 value(s) are not of type DOUBLE in statistical_value (e.g. row 152: "n/a")');
  await loadStaged(page, "typed_read");
  await runSql(page, "SELECT count(*) || ' ' || count(statistical_value) || ' ' || sum(statistical_value) AS n FROM typed_read");
  await expect(page.locator(".data-grid tbody tr").first()).toContainText("200 199 248.75");
  // every value a number: typed by the read; a decimal comma chosen in the check reads the file again as text, so
  // "1.250" becomes 1250 (its '.' grouping thousands), not the 1.25 the typed read made of it
  await uploadFile(page, "typed-read-2.csv", [header, ...rows.map((r) => r.replace("n/a", "1.250"))].join("\n"));
  await expect(dialog.getByLabel("Decimal separator")).toHaveValue(".");
  await dialog.getByLabel("Decimal separator").selectOption(",");
  await expect(dialog.getByTestId("load-preview")).toContainText("1250");
  await loadStaged(page, "typed_read_2");
  await runSql(page, "SELECT sum(statistical_value) AS total FROM typed_read_2");
  await expect(page.locator(".data-grid tbody tr").first()).toContainText("250000");
});

test("the load check corrects what was sniffed (encoding, header row, column roles, date format) with a live preview", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  // A Polish export in ISO-8859-2, two title lines above the header, Polish column names, dates day/month or month/day.
  const text =
    "Raport importu\nWygenerowano 2024-05-10\nopis;kod;data;wartosc\n" +
    "żółte koszulki bawełniane;6109100000;03/04/2024;1234,50\n" +
    "śruby stalowe;7318150000;05/06/2024;99,90\n";
  const latin2: Record<string, number> = { ż: 0xbf, ó: 0xf3, ł: 0xb3, ś: 0xb6 };
  const bytes = Buffer.from([...text].map((ch) => latin2[ch] ?? ch.charCodeAt(0)));
  await uploadFile(page, "polskie.csv", bytes);
  const dialog = page.getByRole("dialog");
  const preview = dialog.getByTestId("load-preview");
  await expect(dialog.getByLabel("Column names in")).toHaveValue("3");
  await expect(dialog.getByLabel("Delimiter")).toHaveValue(";");
  await expect(dialog.getByLabel("Decimal separator")).toHaveValue(",");
  // not UTF-8, so read as Windows-1252: the preview shows the wrong letters until the encoding is corrected
  await expect(dialog.getByLabel("Encoding")).toHaveValue("windows-1252");
  await expect(preview).not.toContainText("żółte");
  await dialog.getByLabel("Encoding").selectOption("iso-8859-2");
  await expect(preview).toContainText("żółte koszulki bawełniane");
  await expect(dialog).toContainText("No commodity code column was found");

  await dialog.getByLabel("Role of column opis").selectOption("goods_description");
  await dialog.getByLabel("Role of column kod").selectOption("commodity_code");
  await dialog.getByLabel("Role of column data").selectOption("acceptance_date");
  await expect(dialog).not.toContainText("No commodity code column was found");
  await expect(preview.locator("thead")).toContainText("goods_description");
  // 03/04/2024 and 05/06/2024 read either way: the check asks instead of guessing silently
  await expect(dialog.getByTestId("date-ambiguous")).toBeVisible();
  await expect(dialog.getByLabel("Date format")).toHaveValue("dmy-slash");
  await expect(preview).toContainText("2024-04-03");
  await dialog.getByLabel("Date format").selectOption("mdy-slash");
  await expect(preview).toContainText("2024-03-04");
  await expect(dialog.getByTestId("date-ambiguous")).toHaveCount(0);
  await expect(preview).toContainText("1234.5");

  await loadStaged(page, "polskie");
  await runSql(page, "SELECT goods_description, commodity_code, strftime(acceptance_date, '%Y-%m-%d') AS d, wartosc FROM polskie ORDER BY d");
  const first = page.locator(".data-grid tbody tr").first();
  await expect(first).toContainText("żółte koszulki bawełniane");
  await expect(first).toContainText("6109100000");
  await expect(first).toContainText("2024-03-04");
  await expect(first).toContainText("1234.5");
});
