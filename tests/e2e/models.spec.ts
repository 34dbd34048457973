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

test("an analyst imports another model's predictions: problems by row first, then a version judged on its set only", async ({ page }, testInfo) => {
  const { readFileSync } = await import("node:fs");
  const { parseCsvRecords } = await import("../../workbench/csv");
  const ids = parseCsvRecords(readFileSync("fixtures/real-eval/cbp-rulings-dev.csv", "utf8"), ["id"]).map((r) => r.id!);
  // a weak model on purpose (one code for every line): it must not become anyone's strongest candidate
  const rows = ids.map((id) => `${id},847130,0.4,850440,0.2`);
  const header = "line_id,code_1,probability_1,code_2,probability_2";
  const good = [header, ...rows].join("\n");
  const bad = [header, `${ids[0]},84713,0.4,,`, `${ids[1]},847130,0.2,850440,0.6`, ...rows.slice(2)].join("\n");

  await signIn(page, DEMO.analyst);
  await page.goto("/models");
  const form = page.getByRole("form", { name: "Import predictions" });
  await form.getByLabel("Name").fill("e2e-python");
  await form.getByLabel("Version").fill("1.0.0");
  await form.getByLabel("Evaluation set").selectOption("cbp-rulings");
  await form.getByLabel(/Predictions file/).setInputFiles({ name: "answers.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await form.getByRole("button", { name: "Import predictions" }).click();
  const result = page.getByTestId("import-result");
  await expect(result).toContainText("answers.csv: 2 problems, nothing imported.");
  await expect(result).toContainText("row 2, code_1: '84713' has 5 digits");
  await expect(result).toContainText("row 3, probability_2: 0.6 is higher than probability_1");
  await expect(page.getByRole("row", { name: /e2e-python/ })).toHaveCount(0);

  await form.getByLabel("Name").fill("e2e-python");
  await form.getByLabel("Version").fill("1.0.0");
  await form.getByLabel("Evaluation set").selectOption("cbp-rulings");
  await form.getByLabel(/Predictions file/).setInputFiles({ name: "answers.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await form.getByRole("button", { name: "Import predictions" }).click();
  await expect(page).toHaveURL(/\/models\/e2e-python\/1\.0\.0$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("e2e-python@1.0.0");
  await expect(page.getByTestId("imported-predictions")).toContainText("answers.csv");
  await expect(page.getByTestId("imported-predictions")).toContainText("199");
  await expect(page.getByTestId("real-text-accuracy").getByRole("row", { name: /US customs rulings/ })).toBeVisible();
  await expect(page.getByTestId("unavailable-sets")).toContainText("No predictions for Marketplace listings (real), Held-out split (synthetic)");
  await keepScreenshot(page, testInfo, "model-predictions-version");

  await page.goto("/models");
  const row = page.getByRole("row", { name: /e2e-python/ });
  await expect(row).toContainText("predictions file");
  await expect(row).toContainText("no predictions for this set");
  await expect(row).toContainText("analyst");

  // it cannot classify: the API says why; Compare on another set says why
  const api = await page.request.post("/api/classify", { data: { descriptions: ["laptop"], model: "e2e-python@1.0.0" } });
  expect(api.status()).toBe(409);
  expect((await api.json()).error).toContain("cannot classify new text");
  await page.goto("/compare?a=hs-baseline@1.0.0&b=e2e-python@1.0.0&set=held-out");
  await expect(page.getByText(/e2e-python@1\.0\.0 is a predictions file with predictions for cbp-rulings only/)).toBeVisible();
});

test("a viewer is not offered the import, and the server refuses it", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto("/models");
  await expect(page.getByRole("form", { name: "Import predictions" })).toHaveCount(0);
  await expect(page.getByText("Importing predictions needs the analyst or admin role.")).toBeVisible();
  const csrf = await page.evaluate(async () => (await (await fetch("/models?_data=root")).json()).csrf as string);
  const response = await page.request.post("/models", {
    multipart: {
      csrf,
      name: "viewer-model",
      version: "1.0.0",
      set: "cbp-rulings",
      file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("line_id,code_1,probability_1\n") },
    },
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("requires the analyst role");
});
