import { expect, test } from "./fixtures";
import { DEMO, keepScreenshot, signIn } from "./helpers";

test("the seeded model versions are listed with their cards", async ({ page }, testInfo) => {
  await signIn(page, DEMO.viewer);
  await page.goto("/models");
  const baseline = page.getByRole("row", { name: /hs-baseline/ });
  await expect(baseline).toContainText("production");
  // real text first: every version's accuracy on both real sets
  await expect(page.getByRole("row", { name: /hs-retrieval/ })).toContainText(/\d+\.\d% \/ \d+\.\d% \/ \d+\.\d%/);
  await expect(page.getByRole("row", { name: /hs-standard/ })).toContainText("candidate");
  await baseline.getByRole("link", { name: "1.0.0" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("hs-baseline@1.0.0");
  await expect(page.getByTestId("real-text-accuracy").getByRole("row", { name: /US customs rulings/ })).toContainText("7.0%");
  await expect(page.getByRole("row", { name: /Held-out split \(synthetic\)/ })).toBeVisible();
  await expect(page.getByText(/^[0-9a-f]{64}$/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Limitations" })).toBeVisible();
  await keepScreenshot(page, testInfo, "model-card-baseline");

  await page.goto("/models");
  await page
    .getByRole("row", { name: /^hs-hierarchical 1\.0\.0/ })
    .getByRole("link", { name: "1.0.0" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("hs-hierarchical@1.0.0");
  await expect(page.getByText(/softmax over chapters, and within each chapter a softmax over its subheadings/)).toBeVisible();
  await keepScreenshot(page, testInfo, "model-card-hierarchical");
});
