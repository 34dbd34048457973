import { expect, test } from "./fixtures";
import { DEMO, keepScreenshot, signIn } from "./helpers";

test("the seeded model versions are listed with their cards", async ({ page }, testInfo) => {
  await signIn(page, DEMO.viewer);
  await page.goto("/models");
  const baseline = page.getByRole("row", { name: /hs-baseline/ });
  await expect(baseline).toContainText("production");
  await expect(page.getByRole("row", { name: /hs-standard/ })).toContainText("candidate");
  await baseline.getByRole("link", { name: "1.0.0" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("hs-baseline@1.0.0");
  await expect(page.getByRole("row", { name: /held-out/ })).toBeVisible();
  await expect(page.getByText(/^[0-9a-f]{64}$/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Limitations" })).toBeVisible();
  await keepScreenshot(page, testInfo, "model-card-baseline");

  await page.goto("/models");
  await page
    .getByRole("row", { name: /hs-hierarchical/ })
    .getByRole("link", { name: "1.0.0" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("hs-hierarchical@1.0.0");
  await expect(page.getByText(/softmax over chapters, and within each chapter a softmax over its subheadings/)).toBeVisible();
  await keepScreenshot(page, testInfo, "model-card-hierarchical");
});
