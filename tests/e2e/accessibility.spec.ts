import { expect, test } from "./fixtures";
import { DEMO, seriousViolations, signIn, startSignedIn } from "./helpers";

test.describe.configure({ timeout: 180_000 });

test("the sign-in page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/login");
  expect(await seriousViolations(page)).toEqual([]);
});

for (const role of ["admin", "viewer"] as const) {
  test(`every page, as ${role}, has no serious accessibility violations`, async ({ page }) => {
    await signIn(page, DEMO[role]);
    const pages = ["/overview", "/classify", "/models", "/models/hs-baseline/1.0.0", "/compare", "/compare/many", "/promotions", "/present"];
    if (role === "admin") pages.push("/audit", "/admin/users", "/account/password");
    const found: Record<string, string[]> = {};
    for (const path of pages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // charts and client-side parts settle first
      await page.waitForLoadState("networkidle");
      const violations = await seriousViolations(page);
      if (violations.length) found[path] = violations;
    }
    expect(found).toEqual({});
  });
}

test("Explore with a table loaded, and its load check, have no serious accessibility violations", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await page.goto("/explore");
  await expect(page.getByTestId("engine-state")).toContainText("ready", { timeout: 60_000 });
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Load demo extract" }).click();
  await expect(page.getByRole("dialog")).toBeVisible({ timeout: 90_000 });
  expect(await seriousViolations(page)).toEqual([]);
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /Load (anyway|table)/ })
    .click();
  await expect(page.getByRole("img", { name: "Lines by HS chapter" })).toBeVisible({ timeout: 60_000 });
  // every chart has its data as a table on demand
  await page.getByText("Data of “Lines by HS chapter” as a table").click();
  const data = page.getByRole("region", { name: "Data of Lines by HS chapter" });
  await expect(data.getByRole("columnheader", { name: "HS chapter" })).toBeVisible();
  expect(await data.locator("tbody tr").count(), "one row per chapter in the demo extract").toBeGreaterThan(50);
  await expect(data.locator("tbody")).toContainText("85");
  expect(await seriousViolations(page)).toEqual([]);
});
