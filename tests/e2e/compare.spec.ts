import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO, keepScreenshot, startSignedIn } from "./helpers";
import { loadStaged, openExplore, uploadFile } from "./explore-helpers";
import { readWorkbook } from "../../workbench/extract/xlsx";

type ChartElement = HTMLElement & {
  __echarts: {
    convertToPixel(finder: unknown, value: unknown): number | number[];
    getOption(): { title: { text: string }[]; yAxis: { data: string[] }[]; grid: { left: number }[] };
    getZr(): {
      storage: { getDisplayList(): { type: string; style?: { text?: string }; parent: { getBoundingRect(): { width: number; height: number } } }[] };
    };
  };
};

type MotionChart = HTMLElement & { __echarts: { getOption(): { animation?: unknown } } };

/** Viewport point of a heatmap cell (column, row index) or of a row label, found through the chart instance. */
async function heatmapPoint(page: Page, side: "a" | "b" | "diff", target: { cell: [number, number] } | { rowLabel: string }) {
  const chart = page.getByTestId(`heatmap-${side}`);
  await chart.scrollIntoViewIfNeeded();
  return chart.evaluate((el, t) => {
    const c = (el as ChartElement).__echarts;
    const box = el.getBoundingClientRect();
    if ("cell" in t) {
      const [x, y] = c.convertToPixel({ seriesIndex: 0 }, t.cell) as number[];
      return { x: box.left + x!, y: box.top + y! };
    }
    const y = c.convertToPixel({ yAxisIndex: 0 }, t.rowLabel) as number;
    return { x: box.left + c.getOption().grid[0]!.left - 16, y: box.top + y };
  }, target);
}

test("compare the two demo versions: verdict, A/B labels, hover, expand a chapter, drill into a cell, export", async ({ page }, testInfo) => {
  await startSignedIn(page, DEMO.analyst);
  await page.goto("/compare?a=hs-baseline@1.0.0&b=hs-standard@1.0.0&set=held-out");
  await expect(page.getByTestId("verdict")).toContainText("B (hs-standard@1.0.0) is better by", { timeout: 60_000 });
  await expect(page.getByTestId("verdict")).toContainText("McNemar p < 0.001");

  // A's numbers under A's name and B's under B's (the model cards say HS6 top-1 29.9% and 55.1% on this set).
  const accuracy = page.getByTestId("accuracy-table");
  const headers = await accuracy.locator("thead th").allInnerTexts();
  expect(headers[1]).toBe("A hs-baseline@1.0.0 top-1");
  expect(headers[2]).toBe("B hs-standard@1.0.0 top-1");
  const hs6 = accuracy.getByRole("row", { name: /Subheading/ }).locator("td");
  await expect(hs6.nth(0)).toHaveText("29.9%");
  await expect(hs6.nth(1)).toHaveText("55.1%");
  await expect(page.getByTestId("per-chapter").locator("thead")).toContainText("A hs-baseline@1.0.0B hs-standard@1.0.0");
  // what could be auto-accepted names the lines behind it, with the interval of the accuracy among them
  const readout = page.getByTestId("coverage-readout");
  await expect(readout.getByRole("row", { name: /^A / })).toContainText(
    /\d+\.\d% \([\d,]+ of [\d,]+\).*\([\d,]+ of [\d,]+; 95% interval \d+\.\d–\d+\.\d%\)/,
  );
  await expect(page.getByTestId("heatmap-a")).toHaveAttribute("aria-label", "Confusion matrix of A: hs-baseline@1.0.0");
  await expect(page.getByTestId("heatmap-b")).toHaveAttribute("aria-label", "Confusion matrix of B: hs-standard@1.0.0");
  const titles = await Promise.all(
    (["a", "b", "diff"] as const).map((s) =>
      page.getByTestId(`heatmap-${s}`).evaluate((el) => (el as ChartElement).__echarts.getOption().title[0]!.text),
    ),
  );
  expect(titles).toEqual(["A: hs-baseline@1.0.0", "B: hs-standard@1.0.0", "B − A: hs-standard@1.0.0 minus hs-baseline@1.0.0"]);

  // Every chapter is labelled, each label and cell at least 24 px; a matrix larger than its chart shows a window of
  // it (the same in A, B and B − A), moved by sliders or the keyboard.
  await expect(page.getByLabel("Expand chapter into headings")).toBeEnabled({ timeout: 60_000 });
  const layout = await page.getByTestId("heatmap-a").evaluate((el) => {
    const c = (el as ChartElement).__echarts;
    const pitch = Math.abs((c.convertToPixel({ yAxisIndex: 0 }, "02") as number) - (c.convertToPixel({ yAxisIndex: 0 }, "01") as number));
    const labels = c
      .getZr()
      .storage.getDisplayList()
      .filter((e) => e.type === "tspan" && /^\d\d$/.test(e.style?.text ?? ""));
    // a label's box: its text with the line height and padding around it (what takes the click)
    const smallest = Math.min(...labels.map((e) => Math.min(e.parent.getBoundingRect().width, e.parent.getBoundingRect().height)));
    return { pitch, drawn: labels.map((e) => e.style!.text), smallest };
  });
  expect(layout.pitch).toBeGreaterThanOrEqual(24);
  expect(layout.smallest, "the smallest label's click target (px)").toBeGreaterThanOrEqual(24);
  // the first 22 rows and as many columns as fit, each chapter once per axis, none skipped
  expect(new Set(layout.drawn).size).toBeGreaterThanOrEqual(22);
  expect(layout.drawn).toContain("22");

  // Hovering a label names the chapter.
  const rowLabel = await heatmapPoint(page, "a", { rowLabel: "03" });
  await page.mouse.move(rowLabel.x, rowLabel.y);
  await expect(page.getByTestId("heatmap-a").locator("div").filter({ hasText: "true 03 Fish" }).last()).toBeVisible();

  // Keyboard: Tab to the matrix, move to true 61 / predicted 62 (far outside the first window), read the cell.
  await page.getByRole("button", { name: "HTML report" }).focus();
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("heatmap-a")).toBeFocused();
  await expect(page.getByTestId("heatmap-a-focus")).toContainText("true 01 Animals; live. predicted 01 Animals; live. A (hs-baseline@1.0.0): ");
  for (let i = 0; i < 6; i++) await page.keyboard.press("PageDown");
  for (let i = 0; i < 61; i++) await page.keyboard.press("ArrowRight");
  const focusText = page.getByTestId("heatmap-a-focus");
  await expect(focusText).toContainText("true 61 Apparel and clothing accessories; knitted or crocheted");
  await expect(focusText).toContainText("predicted 62");
  await expect(focusText).toContainText(/A \(hs-baseline@1\.0\.0\): (\d+) lines/);
  // B and B − A moved with A: the focused cell is on screen in all three
  for (const side of ["a", "b", "diff"] as const) {
    const inside = await page.getByTestId(`heatmap-${side}`).evaluate((el) => {
      const c = (el as ChartElement).__echarts;
      const [x, y] = c.convertToPixel({ seriesIndex: 0 }, [61, 60]) as number[];
      return x! > c.getOption().grid[0]!.left && x! < el.clientWidth && y! > 0 && y! < el.clientHeight;
    });
    expect(inside, `cell 61/62 on screen in ${side}`).toBe(true);
  }
  const keyboardCount = Number(/: (\d+) lines/.exec(await focusText.innerText())![1]);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("drill-down")).toContainText("Lines with true chapter 61 predicted as 62 by A (hs-baseline@1.0.0)");
  await expect(page.getByTestId("drill-down")).toContainText(`${keyboardCount} lines`);
  await page.getByRole("button", { name: "Close the list" }).click();

  // Hover: counts, shares and both chapter names (true 61 predicted as 62 by A).
  const cell = await heatmapPoint(page, "a", { cell: [61, 60] });
  await page.mouse.move(cell.x, cell.y);
  const tooltip = page.getByTestId("heatmap-a").locator("div").filter({ hasText: "predicted 62" }).last();
  await expect(tooltip).toContainText("true 61 Apparel and clothing accessories; knitted or crocheted");
  await expect(tooltip).toContainText(/A \(hs-baseline@1\.0\.0\): (\d+) lines/);
  await expect(tooltip).toContainText(/% of row · [\d.]+% of column/);
  const count = Number(/: (\d+) lines/.exec(await tooltip.innerText())![1]);
  expect(count).toBe(keyboardCount);

  // Click the cell: its lines, from DuckDB, as many as the tooltip said.
  await page.mouse.click(cell.x, cell.y);
  const drill = page.getByTestId("drill-down");
  await expect(drill).toContainText("Lines with true chapter 61 predicted as 62 by A (hs-baseline@1.0.0)");
  await expect(drill).toContainText(`${count} lines`);
  await expect(drill.locator("tbody tr")).toHaveCount(count);
  await expect(drill.locator("tbody tr").first()).toContainText(/61\d{4}/);

  // Click a chapter label: that chapter opens into its headings (the window first moved to the last rows by keyboard).
  await page.getByTestId("heatmap-b").focus();
  await page.keyboard.press("Control+End");
  const label = await heatmapPoint(page, "b", { rowLabel: "85" });
  // 9 px below the label's middle: still the label (a 24 px target)
  await page.mouse.click(label.x, label.y + 9);
  await expect(page.getByRole("heading", { name: "Confusion matrices (headings of chapter 85)" })).toBeVisible();
  const headingLabels = await page.getByTestId("heatmap-b").evaluate((el) => (el as ChartElement).__echarts.getOption().yAxis[0]!.data);
  expect(headingLabels[0]).toBe("8501");
  expect(headingLabels.at(-1)).toBe("other");
  await keepScreenshot(page, testInfo, "compare-headings-85");
  await page.getByRole("button", { name: "Back to chapters" }).click();

  // Exports: the HTML report is self-contained and names A and B.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "HTML report" }).click();
  const html = readFileSync((await (await download).path())!, "utf8");
  expect(html).toContain("Model comparison: A hs-baseline@1.0.0 vs B hs-standard@1.0.0");
  expect(html).toContain("data:image/png;base64,");
  // each heatmap says which view of the matrix it is
  expect(html).toMatch(/View: (line counts|shares of each true class)[^<]*(sorted by)/);
  // and which part of a matrix larger than the chart the picture holds
  expect(html).toMatch(/the part on screen: true \d\d–\d\d by predicted \d\d–\d\d of \d+ classes/);
  expect(html).not.toMatch(/<script/);
  const csv = page.waitForEvent("download");
  await page.getByRole("button", { name: "Matrices CSV" }).click();
  const matrices = readFileSync((await (await csv).path())!, "utf8").split("\n");
  expect(matrices[0]).toMatch(/^matrix,true \\ predicted,01,02,/);
  expect(matrices[1]).toMatch(/^A hs-baseline@1\.0\.0,01,/);
  // the same figures as an Excel workbook, which says which set they were measured on and keeps chapter codes as text
  const excel = page.waitForEvent("download");
  await page.getByRole("button", { name: "Excel workbook" }).click();
  const xlsx = new Uint8Array(readFileSync((await (await excel).path())!));
  expect((await excel).suggestedFilename()).toMatch(/^comparison-hs-baseline@1\.0\.0-vs-hs-standard@1\.0\.0-.+\.xlsx$/);
  const book = await readWorkbook(xlsx, "comparison.xlsx");
  expect(book.sheets).toEqual(["About", "Accuracy", "Per chapter", "Coverage", "Matrix A", "Matrix B", "Matrix B − A"]);
  expect(book.csv.split("\r\n")[1]).toBe("Evaluation set,Held-out split (synthetic)");
  expect((await readWorkbook(xlsx, "comparison.xlsx", "Per chapter")).csv.split("\r\n")[1]).toMatch(/^01,/);
  expect((await readWorkbook(xlsx, "comparison.xlsx", "Matrix A")).csv.split("\r\n")[1]).toMatch(/^01,Animals; live,/);

  // Swapping puts the other model under A everywhere.
  await page.getByRole("link", { name: "Swap A and B" }).click();
  await expect(page.getByTestId("verdict")).toContainText("A (hs-standard@1.0.0) is better by");
  await expect(
    accuracy
      .getByRole("row", { name: /Subheading/ })
      .locator("td")
      .nth(0),
  ).toHaveText("55.1%");
  await expect(page.getByTestId("heatmap-a")).toHaveAttribute("aria-label", "Confusion matrix of A: hs-standard@1.0.0");
  await keepScreenshot(page, testInfo, "compare-swapped");

  // charts move into place, unless the person asked their system for less motion (as every test here does): then they
  // are drawn at once
  const animated = () => page.getByTestId("coverage-chart").evaluate((el) => (el as MotionChart).__echarts.getOption().animation);
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await page.reload();
  await expect(page.getByTestId("verdict")).toContainText("A (hs-standard@1.0.0) is better by");
  expect(await animated()).not.toBe(false);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.reload();
  await expect(page.getByTestId("verdict")).toContainText("A (hs-standard@1.0.0) is better by");
  expect(await animated()).toBe(false);
});

test("compare on an extract loaded on the Explore page, in the browser", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  const lines = readFileSync("fixtures/demo-extract.csv", "utf8").split("\n").slice(0, 401).join("\n");
  await uploadFile(page, "sample.csv", lines);
  await loadStaged(page, "sample");
  await page.getByRole("link", { name: "Compare" }).click();
  await page.getByLabel("Evaluation set").selectOption("explore");
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await page.getByRole("button", { name: "Compare on this extract" }).click();
  await expect(page.getByTestId("verdict")).toContainText("on Extract 'sample' (loaded on Explore)", { timeout: 60_000 });
  // every line is counted: compared, or left out for an invalid declared code
  const [, compared, excluded] = /\((\d+) lines, (\d+) excluded for an invalid code or no description\)/.exec(
    await page.getByTestId("verdict").innerText(),
  )!;
  expect(Number(compared) + Number(excluded)).toBe(400);
  await expect(page.getByTestId("verdict")).toContainText(/(is better by|No significant difference)/);
  // B defaults to the strongest candidate
  await expect(page.getByTestId("heatmap-b")).toHaveAttribute("aria-label", "Confusion matrix of B: hs-combined@1.34.0");
  // the comparison's own table (paired lines in this tab's DuckDB) is never offered to the analyst, nor selected
  await page.getByRole("link", { name: "Explore" }).click();
  const tables = page.getByRole("list", { name: "Tables" });
  await expect(tables).toContainText("sample");
  await expect(tables).not.toContainText("compare");
  await expect(page.getByRole("tab", { name: /Views: sample/ })).toBeVisible();
});

test("compare opens on real text: the rulings, the strongest candidate, what the set leaves out and whether confidence is honest", async ({
  page,
}) => {
  await startSignedIn(page, DEMO.analyst);
  await page.goto("/compare");
  await expect(page.getByLabel("Evaluation set")).toHaveValue("cbp-rulings");
  await expect(page.getByTestId("verdict")).toContainText("B (hs-combined@1.34.0) is better by", { timeout: 60_000 });
  await expect(page.getByTestId("verdict")).toContainText("US customs rulings (real)");
  // the ruling whose code maps to no HS 2022 subheading is listed with its reason, not dropped silently
  const leftOut = page.getByTestId("left-out");
  await leftOut.locator("summary").click();
  await expect(leftOut).toContainText("1 line(s) whose code maps to no HS 2022 subheading");
  await expect(leftOut.locator("li").first()).toContainText(/atlas-validation-\d+: '\d+'/);
  // reliability diagrams with their calibration error, and their data as a table
  await expect(
    page.getByTestId("reliability").getByRole("img", { name: /Reliability diagram of B hs-combined@1\.34\.0: calibration error 0\.\d{3}/ }),
  ).toBeVisible();
  // 199 rulings touch a few dozen chapters: the matrices show those (the first window is not empty rows 01-22), or
  // every chapter when asked
  const rowLabels = () => page.getByTestId("heatmap-a").evaluate((el) => (el as ChartElement).__echarts.getOption().yAxis[0]!.data);
  const withLines = await rowLabels();
  expect(withLines).toContain("84");
  expect(withLines.length).toBeLessThan(70);
  await page.getByLabel("only chapters with lines").uncheck();
  await expect.poll(async () => (await rowLabels()).length).toBeGreaterThan(90);
  expect(await rowLabels()).toEqual(expect.arrayContaining([...withLines, "01", "02"]));
});

test("several versions side by side on the rulings, every pair tested, any pair opened in the two-version view", async ({ page }, testInfo) => {
  await startSignedIn(page, DEMO.viewer);
  await page.goto("/compare");
  await page.getByRole("link", { name: "compare several versions at once" }).click();
  const form = page.getByRole("form", { name: "Versions to compare" });
  // each model's newest version at hand, the earlier ones folded
  await expect(form.getByRole("checkbox", { name: /^hs-retrieval@1\.22\.0/ })).toBeVisible();
  await expect(form.getByRole("checkbox", { name: /^hs-retrieval@1\.0\.0/ })).toBeHidden();
  await form.getByText(/^Earlier versions \(\d+\)$/).click();
  for (const ref of ["hs-baseline@1.0.0", "hs-hierarchical@1.0.0", "hs-retrieval@1.0.0"])
    await form.getByRole("checkbox", { name: new RegExp(`^${ref.replace(/\./g, "\\.")}`) }).check();
  await form.getByRole("button", { name: "Compare" }).click();
  const side = page.getByTestId("many-versions");
  await expect(side.getByRole("row")).toHaveCount(4);
  await expect(side.getByRole("row", { name: /hs-retrieval@1\.0\.0/ })).toContainText("20.1%");
  const pairs = page.getByTestId("pairwise");
  await expect(pairs.getByRole("row")).toHaveCount(4);
  await expect(pairs.getByRole("row", { name: /hs-baseline@1\.0\.0 hs-retrieval@1\.0\.0/ })).toContainText("hs-retrieval@1.0.0 is better");
  await keepScreenshot(page, testInfo, "compare-several");
  // the same tables as an Excel workbook, named by their set
  const excel = page.waitForEvent("download");
  await page.getByRole("button", { name: "Excel workbook" }).click();
  expect((await excel).suggestedFilename()).toBe("versions-on-cbp-rulings.xlsx");
  const xlsx = new Uint8Array(readFileSync((await (await excel).path())!));
  expect((await readWorkbook(xlsx, "versions.xlsx")).csv).toContain("Evaluation set,US customs rulings (real)");
  const sideBySide = (await readWorkbook(xlsx, "versions.xlsx", "Side by side")).csv.trim().split("\r\n");
  expect(sideBySide.slice(1).map((l) => l.split(",")[0])).toEqual(await side.locator("tbody tr td:first-child").allInnerTexts());
  expect((await readWorkbook(xlsx, "versions.xlsx", "Every pair")).csv).toContain("hs-baseline@1.0.0,hs-retrieval@1.0.0,");
  await pairs
    .getByRole("row", { name: /hs-baseline@1\.0\.0 hs-retrieval@1\.0\.0/ })
    .getByRole("link", { name: "open these two" })
    .click();
  await expect(page).toHaveURL(/\/compare\?a=hs-baseline%401\.0\.0&b=hs-retrieval%401\.0\.0&set=cbp-rulings/);
});

test("compare on our lines in five languages: labelled synthetic, and the version that reads them better wins", async ({ page }) => {
  await startSignedIn(page, DEMO.analyst);
  await page.goto("/compare?a=hs-retrieval-fast@1.1.0&b=hs-retrieval-fast@1.2.0&set=own-foreign-lines");
  await expect(page.getByLabel("Evaluation set")).toHaveValue("own-foreign-lines");
  await expect(page.getByTestId("verdict")).toContainText("B (hs-retrieval-fast@1.2.0) is better by", { timeout: 60_000 });
  await expect(page.getByTestId("verdict")).toContainText("Our lines in five languages (synthetic)");
});
