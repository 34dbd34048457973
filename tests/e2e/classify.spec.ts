import { expect, test } from "./fixtures";
import { DEMO, keepScreenshot, signIn } from "./helpers";

test("classify descriptions in the browser, offline, with top-5 codes and the words that decided", async ({ page, context }, testInfo) => {
  await context.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === "localhost" || host === "127.0.0.1" ? route.continue() : route.abort("internetdisconnected");
  });
  await signIn(page, DEMO.viewer);
  await page.goto("/classify");
  await expect(page.getByLabel("Model version")).toHaveValue("hs-baseline@1.0.0");
  await expect(page.getByLabel("Model version").locator("option", { hasText: "strongest on real text" })).toHaveText([
    "hs-combined@1.7.0 (candidate, strongest on real text)",
  ]);
  await page.getByLabel("Goods descriptions").fill("frozen shrimps peeled 10 kg ctns\nlive horses for breeding");
  await page.getByRole("button", { name: "Classify", exact: true }).click();
  await expect(page.getByTestId("classify-status")).toContainText(
    /2 description\(s\) classified by hs-baseline@1\.0\.0 in \d+ ms .* in your browser \(TensorFlow\.js, wasm\)/,
    {
      timeout: 60_000,
    },
  );
  const shrimps = page.getByRole("region", { name: "Suggestions for frozen shrimps peeled 10 kg ctns" });
  await expect(shrimps.locator(".candidates > li")).toHaveCount(5);
  await expect(shrimps.locator(".candidates > li").first()).toContainText("Chapter 03");
  await expect(shrimps.getByLabel("Why: words that pushed the top suggestion")).toContainText("shrimps");
  await keepScreenshot(page, testInfo, "classify");

  // a page of results to read, not a file: beyond 200 lines it says what it left out and where whole files go
  await page.getByLabel("Goods descriptions").fill(Array.from({ length: 201 }, (_, i) => `cotton shirt ${i + 1}`).join("\n"));
  await page.getByRole("button", { name: "Classify", exact: true }).click();
  await expect(page.getByTestId("classify-status")).toContainText("200 description(s) classified by hs-baseline@1.0.0", { timeout: 60_000 });
  await expect(page.getByTestId("classify-status")).toContainText(
    "Only the first 200 of 201 lines: at most 200 at a time here — Explore's batch prediction and the CLI's predict take whole files.",
  );

  // The hierarchical version (chapter, then subheading) runs in the browser too; a line without a letter or digit
  // gets no codes, never a guess.
  await page.getByLabel("Model version").selectOption("hs-hierarchical@1.0.0");
  await page.getByLabel("Goods descriptions").fill("frozen shrimps peeled 10 kg ctns\nlive horses for breeding\n- - -");
  await page.getByRole("button", { name: "Classify", exact: true }).click();
  await expect(page.getByTestId("classify-status")).toContainText(/3 description\(s\) classified by hs-hierarchical@1\.0\.0 in \d+ ms/, {
    timeout: 60_000,
  });
  const dashes = page.getByRole("region", { name: "Suggestions for - - -" });
  await expect(dashes.getByTestId("review-badge")).toHaveText("No codes");
  await expect(dashes).toContainText("Nothing to classify: the description has no letter or digit.");
  await expect(dashes.locator(".candidates > li")).toHaveCount(0);
  await page.getByLabel("Goods descriptions").fill("frozen shrimps peeled 10 kg ctns\nlive horses for breeding");
  const horses = page.getByRole("region", { name: "Suggestions for live horses for breeding" });
  await expect(horses.locator(".candidates > li")).toHaveCount(5);
  await expect(horses.locator(".candidates > li").first()).toContainText("Chapter 01");
  await expect(horses.getByLabel("Why: words that pushed the top suggestion")).toContainText("horses");

  // The combined version (retrieval and a network, ADR 0013) too: both members load in the browser, offline. The
  // examples say which version they were checked with, and offer it.
  const examplesNote = page.getByTestId("examples-note");
  await expect(examplesNote).toContainText("Examples (checked with hs-combined@1.7.0; one goes wrong, as real lines do)");
  await examplesNote.getByRole("button", { name: "use hs-combined@1.7.0" }).click();
  await expect(page.getByLabel("Model version")).toHaveValue("hs-combined@1.7.0");
  await expect(examplesNote.getByRole("button")).toHaveCount(0);
  await page.getByRole("button", { name: "Classify", exact: true }).click();
  await expect(page.getByTestId("classify-status")).toContainText(
    /2 description\(s\) classified by hs-combined@1\.7\.0 in \d+ ms .* \(retrieval in JavaScript and TensorFlow\.js, wasm\)/,
    { timeout: 90_000 },
  );
  const combinedHorses = page.getByRole("region", { name: "Suggestions for live horses for breeding" });
  await expect(combinedHorses.locator(".candidates > li").first()).toContainText("Chapter 01");
  // what it also searched: the goods named before what they are for
  await expect(combinedHorses.getByTestId("goods-part")).toContainText("“live horses”");
  await expect(page.getByRole("region", { name: "Suggestions for frozen shrimps peeled 10 kg ctns" }).getByTestId("goods-part")).toHaveCount(0);
});
