import { readFileSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { gunzipSync } from "node:zlib";
import { expect, test } from "./fixtures";
import { loadStaged, openExplore, runSql, uploadFile } from "./explore-helpers";
import { DEMO, startSignedIn } from "./helpers";

test.describe.configure({ timeout: 180_000 });

test("works with every non-localhost request blocked: loads Parquet and JSON", async ({ page, context }) => {
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === "localhost" || host === "127.0.0.1") return route.continue();
    blocked.push(route.request().url());
    return route.abort("internetdisconnected");
  });
  await startSignedIn(page, DEMO.analyst);
  await openExplore(page);
  await uploadFile(page, "demo.parquet", readFileSync("fixtures/demo-extract.parquet"), "application/vnd.apache.parquet");
  await expect(page.getByRole("dialog").getByTestId("validation-rows")).toHaveText("100,000 rows", { timeout: 90_000 });
  // Parquet brings its own columns and types: the check says there is nothing to choose instead of an empty box
  await expect(page.getByRole("dialog").getByTestId("nothing-to-choose")).toBeVisible();
  await expect(page.getByRole("dialog").getByRole("group", { name: "How the file is read" })).toHaveCount(0);
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

test("the WebAssembly runtimes are served as installed: gzipped once for browsers that take it, plain for others", async ({ baseURL }) => {
  const get = (path: string, encoding: string) =>
    new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      httpRequest(new URL(path, baseURL), { headers: { "Accept-Encoding": encoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      })
        .on("error", reject)
        .end();
    });
  for (const path of ["/duckdb/duckdb-eh.wasm", "/parquet/parquet_wasm_bg.wasm", "/tfjs/tfjs-backend-wasm-simd.wasm"]) {
    const installed = readFileSync(`public${path}`);
    const zipped = await get(path, "gzip, deflate, br");
    expect(zipped.headers["content-encoding"], path).toBe("gzip");
    expect(zipped.headers["content-type"], path).toBe("application/wasm");
    expect(zipped.headers["vary"], path).toContain("Accept-Encoding");
    expect(zipped.headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    // the file compressed at install, not compressed again for each request
    expect(zipped.body.equals(readFileSync(`public${path}.gz`)), path).toBe(true);
    expect(zipped.body.length, path).toBeLessThan(installed.length / 2);
    expect(gunzipSync(zipped.body).equals(installed), path).toBe(true);
    const plain = await get(path, "identity");
    expect(plain.headers["content-encoding"], path).toBeUndefined();
    expect(plain.body.equals(installed), path).toBe(true);
  }
  expect((await get("/duckdb/%2e%2e/%2e%2e/package.json.wasm", "gzip")).body.toString()).not.toContain("dependencies");
});
