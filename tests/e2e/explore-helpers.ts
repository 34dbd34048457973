import { expect, type Page } from "@playwright/test";

export async function openExplore(page: Page) {
  await page.goto("/explore");
  await expect(page.getByTestId("engine-state")).toContainText("ready", { timeout: 60_000 });
}

export async function uploadFile(page: Page, name: string, content: string | Buffer, mimeType = "text/csv") {
  await page.getByLabel("Choose files to load").setInputFiles({ name, mimeType, buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
}

export async function loadStaged(page: Page, tableName?: string) {
  await expect(page.getByRole("dialog")).toBeVisible({ timeout: 60_000 });
  // this file's dialog, by its name: with several files the next one's dialog opens as soon as this one closes
  const dialog = page.getByRole("dialog", { name: (await page.getByRole("dialog").getAttribute("aria-label")) ?? undefined, exact: true });
  if (tableName) await dialog.getByLabel("Table name").fill(tableName);
  await dialog.getByRole("button", { name: /Load (anyway|table)/ }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
}

/** Runs SQL in the SQL tab and returns the grid's text. */
export async function runSql(page: Page, sql: string) {
  await page.getByRole("tab", { name: "SQL" }).click();
  const editor = page.getByTestId("sql-editor").locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  // one input event, as a paste: typed key by key, a 350-character query took 7.7 s of a 19 s test
  await page.keyboard.insertText(sql);
  await page.keyboard.press("ControlOrMeta+Enter");
}

/**
 * Clicks the bar of one category in an ECharts bar chart (canvas), found through the chart instance; vertical or
 * horizontal. Waits until the chart shows settled data (the same categories and values in three reads 150 ms apart, no
 * transition running): a view that a filter just changed redraws a moment later, and a click aimed before would hit the bar that
 * moved into its place.
 */
export async function clickBar(page: Page, chartLabel: string, category: string) {
  const chart = page.getByRole("img", { name: chartLabel });
  await chart.scrollIntoViewIfNeeded();
  // what the chart shows, and where the category's bar is on it (null: no such bar)
  const drawn = () =>
    chart.evaluate((el, cat) => {
      type Chart = { getOption(): any; convertToPixel(f: unknown, v: unknown): number[]; getZr(): { animation: { isFinished(): boolean } } };
      const c = (el as HTMLElement & { __echarts: Chart }).__echarts;
      const option = c.getOption();
      const horizontal = option.yAxis[0].type === "category";
      const categories: string[] = (horizontal ? option.yAxis : option.xAxis)[0].data;
      const index = categories.indexOf(cat);
      const item = option.series[0].data[index];
      const value = typeof item === "number" ? item : item?.value;
      return {
        moving: !c.getZr().animation.isFinished(),
        data: JSON.stringify([categories, option.series[0].data]),
        point: index < 0 ? null : c.convertToPixel({ seriesIndex: 0 }, horizontal ? [value / 2, cat] : [cat, value / 2]),
      };
    }, category);
  let [last, same] = ["", 0];
  let point: number[] | null = null;
  await expect
    .poll(
      async () => {
        const now = await drawn();
        same = !now.moving && now.data === last ? same + 1 : 0;
        [last, point] = [now.data, now.point];
        return same >= 2;
      },
      { intervals: [150], timeout: 15_000 },
    )
    .toBe(true);
  if (!point) throw new Error(`no bar for ${category}`);
  const box = (await chart.boundingBox())!;
  await page.mouse.click(box.x + point[0]!, box.y + point[1]!);
}

/** The categories of a bar chart with a non-zero bar. */
export async function barsWithValues(page: Page, chartLabel: string): Promise<string[]> {
  return page.getByRole("img", { name: chartLabel }).evaluate((el) => {
    const option = (el as HTMLElement & { __echarts: { getOption(): any } }).__echarts.getOption();
    const horizontal = option.yAxis[0].type === "category";
    const categories: string[] = (horizontal ? option.yAxis : option.xAxis)[0].data;
    return categories.filter((_, i) => {
      const item = option.series[0].data[i];
      return (typeof item === "number" ? item : item.value) > 0;
    });
  });
}
