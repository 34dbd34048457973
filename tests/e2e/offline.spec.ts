import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { loadStaged, openExplore, runSql, uploadFile } from "./explore-helpers";
import { DEMO, signIn } from "./helpers";

test.describe.configure({ timeout: 180_000 });

test("works with every non-localhost request blocked: loads Parquet and JSON", async ({ page, context }) => {
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === "localhost" || host === "127.0.0.1") return route.continue();
    blocked.push(route.request().url());
    return route.abort("internetdisconnected");
  });
  await signIn(page, DEMO.analyst);
  await openExplore(page);
  await uploadFile(page, "demo.parquet", readFileSync("fixtures/demo-extract.parquet"), "application/vnd.apache.parquet");
  await expect(page.getByRole("dialog").getByTestId("validation-rows")).toHaveText("100,000 rows", { timeout: 90_000 });
  await loadStaged(page);
  const json = JSON.stringify([
    { declaration_id: "J1", line_number: 1, goods_description: "Horses", commodity_code: "0101210000", statistical_value: 10.5 },
    { declaration_id: "J1", line_number: 2, goods_description: "Laptop", commodity_code: "8471300000", statistical_value: 900 },
  ]);
  await uploadFile(page, "lines.json", json, "application/json");
  await loadStaged(page);
  await uploadFile(
    page,
    "lines.ndjson",
    '{"goods_description":"Asses","commodity_code":"0101300000"}\n{"goods_description":"Mules","commodity_code":"0101900000"}\n',
    "application/x-ndjson",
  );
  await loadStaged(page);
  await runSql(
    page,
    "SELECT (SELECT count(*) FROM demo) AS parquet_rows, (SELECT string_agg(commodity_code, ' ' ORDER BY line_number) FROM lines) AS json_codes, (SELECT count(*) FROM lines_2) AS ndjson_rows",
  );
  const row = page.locator(".data-grid tbody tr").first();
  await expect(row).toContainText("100000");
  await expect(row).toContainText("0101210000 8471300000");
  await expect(row).toContainText("2");
  expect(blocked, "requests to other hosts").toEqual([]);
});
