import { expect, test } from "./fixtures";
import { DEMO, signIn } from "./helpers";

// Runs before the specs (a project they depend on). After a fresh start every version is measured on the real sets
// (seconds per version): the Overview renders at once, names the versions it is measuring and fills their figures in
// without a reload. The specs then start from measured figures.
test("after a fresh start the Overview fills in the real-text figures by itself", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.viewer);
  await expect(page).toHaveURL(/\/overview/);
  const notice = page.getByTestId("measuring-real-text");
  test.info().annotations.push({ type: "measuring at first sight", description: String(await notice.isVisible()) });
  await expect(notice).toHaveCount(0, { timeout: 170_000 });
  await expect(page.getByTestId("headline-set")).toContainText("(real)");
});
