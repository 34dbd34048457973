import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO, keepScreenshot, signIn } from "./helpers";

/** Clicks the first series' bar of a category in a grouped ECharts bar chart, at the bar's own rectangle. */
async function clickGroupedBar(page: Page, testId: string, category: string) {
  const chart = page.getByTestId(testId);
  await chart.scrollIntoViewIfNeeded();
  const point = await chart.evaluate((el, cat) => {
    type Layout = { x: number; y: number; width: number; height: number };
    const c = (el as HTMLElement & { __echarts: any }).__echarts;
    const index = c.getOption().xAxis[0].data.indexOf(cat);
    if (index < 0) throw new Error(`no bar for ${cat}`);
    const rect = c.getModel().getSeriesByIndex(0).getData().getItemLayout(index) as Layout;
    return [rect.x + rect.width / 2, rect.y + rect.height / 2];
  }, category);
  const box = (await chart.boundingBox())!;
  await page.mouse.click(box.x + point[0]!, box.y + point[1]!);
}

test("the overview shows production, its accuracy with sources, auto-acceptance, and leads into Compare", async ({ page }, testInfo) => {
  await signIn(page, DEMO.viewer);
  await expect(page).toHaveURL(/\/overview$/);
  const card = page.getByTestId("production-card");
  await expect(card).toContainText("hs-baseline@1.0.0");
  await expect(card).toContainText("the seeded demo state");
  // the headline numbers are on real text (US customs rulings), name their set and link to the card's real-text figures
  await expect(page.getByTestId("headline-set")).toContainText("US customs rulings (real)");
  await expect(page.getByTestId("headline-set")).toContainText("HS6 top-1 7.0% (14 of 199; 95% interval 4.2–11.5%).");
  await expect(page.getByTestId("overview-other-real")).toHaveText(
    /^On Marketplace listings \(real\) \(319 lines\): chapter 15\.4%, HS6 top-1 2\.2% \(7 of 319; /,
  );
  const hs6 = page.getByTestId("overview-accuracy").getByRole("row", { name: /Subheading/ });
  await expect(hs6.getByRole("link").first()).toHaveText("7.0%");
  await expect(hs6.getByRole("link").first()).toHaveAttribute("href", "/models/hs-baseline/1.0.0#real-text");

  const autoAccept = page.getByTestId("auto-accept");
  const at90 = await autoAccept.innerText();
  await page.getByLabel("Confidence threshold").selectOption("0.5");
  await expect(autoAccept).not.toHaveText(at90);
  // the lines behind both shares, and the interval of the accuracy among them (few lines at high thresholds)
  await expect(autoAccept).toContainText(
    /auto-accept \d+\.\d% of real descriptions \(\d+ of 518\), with \d+\.\d% HS6 accuracy among them \(\d+ of \d+; 95% interval \d+\.\d–\d+\.\d%\)\./,
  );
  await expect(page.getByTestId("auto-accept-set")).toContainText("518 lines");
  // what promoting the strongest candidate would change, at the same threshold, on the same lines
  const challenger = page.getByTestId("challenger-auto-accept");
  await expect(challenger).toHaveText(
    /^The strongest candidate, hs-combined@1\.34\.0, would auto-accept \d+\.\d% of them \(\d+ of 518\), with \d+\.\d% HS6 accuracy among them \(\d+ of \d+; 95% interval [\d.]+–[\d.]+%\)\.$/,
  );
  await expect(challenger.getByRole("link")).toHaveAttribute("href", "/compare?a=hs-baseline%401.0.0&b=hs-combined%401.34.0&set=cbp-rulings");
  // the chapter figures name their set too, with a link to it
  await expect(page.getByTestId("sections-set")).toContainText("Production model on US customs rulings (real)");
  await expect(page.getByTestId("sections-set").getByRole("link")).toHaveAttribute("href", "/compare?set=cbp-rulings");

  // accuracy over versions: each model's versions together, a blank place between two models (no line joins them)
  const versions = page.getByTestId("accuracy-over-versions");
  await expect(versions).toBeVisible();
  const axis = await versions.evaluate((el) => (el as HTMLElement & { __echarts: any }).__echarts.getOption().xAxis[0].data as string[]);
  expect(axis.slice(0, 3)).toEqual(["hs-baseline@1.0.0 ★", "", "hs-combined@1.0.0"]);
  const models = axis.filter((label) => label).map((label) => label.slice(0, label.lastIndexOf("@")));
  expect(axis.filter((label) => !label)).toHaveLength(new Set(models).size - 1);
  // each model's versions in one run (models in the order their first version was registered: other tests register some)
  expect(models.filter((m, i) => m !== models[i - 1])).toEqual([...new Set(models)]);
  // under the versions' numbers, a second row names each model once (sixty full names turned under one axis were a smear)
  const named = await versions.evaluate((el) => (el as HTMLElement & { __echarts: any }).__echarts.getOption().xAxis[1].data as string[]);
  expect(named.slice(0, 3)).toEqual(["hs-baseline", "", "hs-combined"]);

  // the report for managers: one self-contained file
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download report (HTML)" }).click();
  const html = readFileSync((await (await download).path())!, "utf8");
  expect(html).toContain("<strong>hs-baseline@1.0.0</strong>");
  expect(html).toContain("HS6 top-1 7.0% (14 of 199; 95% interval 4.2–11.5%).");
  expect(html).not.toMatch(/<script/);

  // Section XI (textiles) → its chapters → chapter 61 opens in Compare, expanded into headings
  await expect(page.getByTestId("accuracy-by-section")).toBeVisible();
  await clickGroupedBar(page, "accuracy-by-section", "XI");
  await expect(page.getByText(/^Section XI — /)).toBeVisible();
  await keepScreenshot(page, testInfo, "overview");
  await clickGroupedBar(page, "accuracy-by-section", "61");
  await expect(page).toHaveURL(/\/compare\?a=hs-baseline%401\.0\.0&b=hs-combined%401\.34\.0&set=cbp-rulings&chapter=61/);
  await expect(page.getByRole("heading", { name: "Confusion matrices (headings of chapter 61)" })).toBeVisible({ timeout: 60_000 });
});
