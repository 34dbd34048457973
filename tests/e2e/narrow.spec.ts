import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO, keepScreenshot, startSignedIn } from "./helpers";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** Nothing runs off a 390-pixel screen: the page is never wider than the window. */
async function expectFitsWidth(page: Page) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
  expect(widths.page, "page width at a 390 px window").toBeLessThanOrEqual(widths.window);
}

test("on a phone (390 px): Overview, Classify and a promotion request fit the screen, the menu stays short", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await startSignedIn(page, DEMO.analyst);
  await page.goto("/overview");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  const header = await page.locator("header.topbar").boundingBox();
  expect(header!.height, "menu height").toBeLessThanOrEqual(120);
  await expectFitsWidth(page);
  await keepScreenshot(page, testInfo, "narrow-overview");

  await page.goto("/classify");
  await expect(page.getByRole("heading", { level: 1, name: "Classify" })).toBeVisible();
  const input = page.getByRole("textbox").first();
  await expect(input).toBeVisible({ timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  const box = await input.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  await expectFitsWidth(page);
  await keepScreenshot(page, testInfo, "narrow-classify");

  await page.goto("/promotions");
  await page.locator("select[name=candidate]").selectOption("hs-standard@1.0.0");
  await page.getByLabel("Evidence: evaluation set").selectOption("held-out");
  await page.getByRole("button", { name: "Request promotion" }).click();
  await expect(page).toHaveURL(/\/promotions\/\d+$/, { timeout: 90_000 });
  await expect(page.getByTestId("gates")).toBeVisible();
  await expect(page.getByTestId("verdict")).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expectFitsWidth(page);
  await keepScreenshot(page, testInfo, "narrow-request");
});
