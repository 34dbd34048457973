import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { expect, test } from "./fixtures";
import { clickBar, loadStaged, openExplore, runSql, uploadFile } from "./explore-helpers";
import { DEMO, signIn, signOut, startSignedIn } from "./helpers";

test.describe.configure({ timeout: 180_000 });

const CSV =
  "declaration_id,line_number,acceptance_date,goods_description,commodity_code,statistical_value,country_of_origin,units\n" +
  "D1,1,2024-03-01,laptop computers,8471300000,1200.5,CN,3\n" +
  "D1,2,2024-03-01,mobile phones,8517130000,800,CN,10\n" +
  "D2,1,2024-04-02,mobile phones,8517130000,99,VN,1\n" +
  "D3,1,2024-04-03,live horses,0101210000,5000,FR,2\n";

const tableRows = (page: import("@playwright/test").Page) => page.getByRole("list", { name: "Tables" });

test("tables, saved queries and views survive a reload; a view reopens from its address; forget removes it all", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  await uploadFile(page, "kept.csv", CSV);
  await loadStaged(page, "kept");
  await expect(page.getByTestId("kept-state")).toContainText("saved kept", { timeout: 30_000 });

  // a view: chapter 85 from origin CN, saved by name
  await clickBar(page, "Lines by HS chapter", "85");
  await expect(page.getByTestId("chapter-filter")).toContainText("chapter 85");
  await expect(page).toHaveURL(/table=kept.*chapter=85/);
  await page.getByLabel("Name of this view").fill("phones in 85");
  await page.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByRole("list", { name: "Saved views" })).toContainText("phones in 85");
  // a saved query
  await runSql(page, "SELECT count(*) AS n FROM kept WHERE country_of_origin = 'CN'");
  await page.getByLabel("Name of this query").fill("lines from China");
  await page.getByRole("button", { name: "Save query" }).click();
  await expect(page.getByRole("list", { name: "Saved queries" })).toContainText("lines from China");
  // a change made in SQL is kept too (the status names the time of each save, seconds after the first here)
  const before = await page.getByTestId("kept-state").locator("p").innerText();
  await runSql(page, "UPDATE kept SET goods_description = 'smart phones' WHERE line_number = 2");
  await expect(page.getByTestId("kept-state").locator("p")).not.toHaveText(before, { timeout: 30_000 });
  await expect(page.getByTestId("kept-state")).toContainText("saved kept", { timeout: 30_000 });
  const viewAddress = "/explore?table=kept&chapter=85";

  await page.reload();
  await expect(page.getByTestId("engine-state")).toContainText("ready", { timeout: 60_000 });
  await expect(tableRows(page)).toContainText("kept");
  await expect(tableRows(page)).toContainText("4 rows");
  await expect(page.getByTestId("kept-state")).toContainText("Restored 1 kept table(s)");
  // the SQL tab was the last one open; its saved query is still there
  await expect(page.getByRole("list", { name: "Saved queries" })).toContainText("lines from China");
  await runSql(
    page,
    "SELECT typeof(line_number) AS l, typeof(acceptance_date) AS d, typeof(units) AS u, commodity_code, goods_description FROM kept ORDER BY declaration_id, line_number",
  );
  const grid = page.locator(".data-grid tbody");
  await expect(grid.locator("tr").first()).toContainText("INTEGER");
  await expect(grid.locator("tr").first()).toContainText("DATE");
  await expect(grid.locator("tr").first()).toContainText("BIGINT");
  await expect(grid).toContainText("smart phones");
  await expect(grid).toContainText("0101210000");

  // a view's address opens it, filters and all
  await page.goto(viewAddress);
  await expect(page.getByTestId("chapter-filter")).toContainText("chapter 85", { timeout: 60_000 });
  await page.getByRole("button", { name: "Remove the chapter filter" }).click();
  await expect(page.getByTestId("chapter-filter")).toHaveCount(0);
  await page.getByRole("list", { name: "Saved views" }).getByRole("link", { name: "phones in 85" }).click();
  await expect(page.getByTestId("chapter-filter")).toContainText("chapter 85");

  // another user of this browser sees none of it
  await signOut(page);
  await startSignedIn(page, DEMO.viewer);
  await openExplore(page);
  await expect(tableRows(page).getByRole("listitem")).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Saved views" }).getByRole("listitem")).toHaveCount(0);
  await signOut(page);

  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  await expect(tableRows(page)).toContainText("kept");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Forget this data" }).click();
  await expect(page.getByTestId("kept-state")).toContainText("was removed");
  await expect(tableRows(page).getByRole("listitem")).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Saved views" }).getByRole("listitem")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("engine-state")).toContainText("ready", { timeout: 60_000 });
  await expect(tableRows(page).getByRole("listitem")).toHaveCount(0);
  await page.getByRole("tab", { name: "SQL" }).click();
  await expect(page.getByRole("list", { name: "Saved queries" }).getByRole("listitem")).toHaveCount(0);
});

test("saving a view past the most kept is refused in words, never by dropping an older one", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  await uploadFile(page, "many.csv", CSV);
  await loadStaged(page, "many");
  await page.getByLabel("Name of this view").fill("view 1");
  await page.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByRole("list", { name: "Saved views" })).toContainText("view 1");
  // 99 more, as saved in an earlier session
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("workbench.saved."))!;
    const saved = JSON.parse(localStorage.getItem(key)!);
    const first = saved.views[0];
    saved.views = [first, ...Array.from({ length: 99 }, (_, i) => ({ ...first, name: `view ${i + 2}` }))];
    localStorage.setItem(key, JSON.stringify(saved));
  });
  await page.getByLabel("Name of this view").fill("view 101");
  await page.getByRole("button", { name: "Save view" }).click();
  const refused = page.locator("form", { has: page.getByLabel("Name of this view") }).getByRole("alert");
  await expect(refused).toHaveText("100 saved views are the most kept here: delete one to save 'view 101'");
  await expect(page.getByLabel("Name of this view")).toHaveValue("view 101");
  // saving one under a name it already has replaces it: allowed
  await page.getByLabel("Name of this view").fill("view 1");
  await page.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);
  expect(
    await page.evaluate(
      () => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith("workbench.saved."))!)!).views.length,
    ),
  ).toBe(100);
});

test("kept tables survive a browser restart", async ({ baseURL }, testInfo) => {
  const profile = mkdtempSync(join(tmpdir(), "workbench-profile-"));
  const launch = () =>
    chromium.launchPersistentContext(profile, { ...testInfo.project.use.launchOptions, baseURL, viewport: { width: 1400, height: 900 } });
  try {
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    await startSignedIn(page, DEMO.analyst);
    await openExplore(page);
    await uploadFile(page, "restart.csv", CSV);
    await loadStaged(page, "restart");
    await expect(page.getByTestId("kept-state")).toContainText("saved restart", { timeout: 30_000 });
    await context.close();

    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    // the session may have survived the restart too (its cookie is persistent)
    await page.goto("/compare");
    if (page.url().includes("/login")) await signIn(page, DEMO.analyst);
    // Compare opened first, directly: the kept extract is read back there too
    await page.goto("/compare");
    await page.getByLabel("Evaluation set").selectOption("explore");
    await page.getByRole("button", { name: "Compare", exact: true }).click();
    await expect(page.getByRole("button", { name: "Compare on this extract" })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole("combobox", { name: "Extract", exact: true })).toHaveValue("restart", { timeout: 60_000 });
    await openExplore(page);
    await expect(tableRows(page)).toContainText("restart");
    await expect(tableRows(page)).toContainText("4 rows");
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test("first use: an empty Explore says what to do and offers the one action that fixes it", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  await expect(page.getByTestId("no-table")).toContainText("No table is loaded yet");
  await page.getByRole("button", { name: "Start with the demo extract" }).click();
  await loadStaged(page);
  await expect(page.getByTestId("no-table")).toHaveCount(0);
  await expect(page.getByRole("img", { name: "Lines by HS chapter" })).toBeVisible({ timeout: 60_000 });
});
