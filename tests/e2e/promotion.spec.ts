import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { readWorkbook } from "../../workbench/extract/xlsx";
import { DEMO, keepScreenshot, signOut, startSignedIn } from "./helpers";

/** A form POST with the session's CSRF token, as a hand-made request would send it (bypassing hidden buttons). */
async function postForm(page: Page, path: string, fields: Record<string, string>) {
  return page.evaluate(
    async ([p, f]) => {
      const csrf = (document.querySelector("input[name=csrf]") as HTMLInputElement | null)?.value ?? "";
      const response = await fetch(p, { method: "POST", body: new URLSearchParams({ ...f, csrf }), headers: { Accept: "application/json" } });
      return { status: response.status, text: await response.text() };
    },
    [path, fields] as const,
  );
}

test("the full promotion story: analyst requests, cannot approve, admin approves, Classify follows, audit lists every step", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const startedAt = new Date().toISOString();

  // Analyst: request hs-standard@1.0.0 on the held-out split; the gates run and are frozen into the request.
  await startSignedIn(page, DEMO.analyst);
  await page.goto("/promotions");
  await expect(page.getByTestId("production-version")).toHaveText("hs-baseline@1.0.0");
  // nothing open yet: the page says what to do
  await expect(page.getByTestId("no-open-request")).toContainText("Request one above");
  // offered first: the strongest candidate on real text, as the Overview names it
  await expect(page.locator("select[name=candidate] option:checked")).toBeEnabled();
  await expect(page.locator("select[name=candidate] option:checked")).toHaveText("hs-combined@1.34.0 (strongest on real text)");
  await page.locator("select[name=candidate]").selectOption("hs-standard@1.0.0");
  // real text first, as the CLI's default
  await expect(page.getByLabel("Evidence: evaluation set")).toHaveValue("cbp-rulings");
  await page.getByLabel("Evidence: evaluation set").selectOption("held-out");
  await page.getByRole("button", { name: "Request promotion" }).click();
  await expect(page).toHaveURL(/\/promotions\/\d+$/, { timeout: 90_000 });
  const path = new URL(page.url()).pathname;
  await expect(page.getByTestId("request-status")).toHaveText("open");
  await expect(page.getByTestId("gates").locator("tbody tr")).toHaveCount(5);
  await expect(page.getByTestId("gates")).not.toContainText("FAIL");
  // requested on generated text, it must hold on real text too: both real sets frozen with the request
  const others = page.getByTestId("other-sets-evidence");
  await expect(others.getByRole("heading", { level: 3 })).toHaveText(["US customs rulings (real)", "Marketplace listings (real)"]);
  await expect(others.getByRole("link", { name: "Open Marketplace listings (real) in Compare" })).toHaveAttribute(
    "href",
    /a=hs-baseline%401\.0\.0&b=hs-standard%401\.0\.0&set=marketplace-listings/,
  );
  await expect(page.getByTestId("verdict")).toContainText("B (hs-standard@1.0.0) is better by");
  await expect(page.getByRole("link", { name: "Open in Compare" })).toHaveAttribute(
    "href",
    /a=hs-baseline%401\.0\.0&b=hs-standard%401\.0\.0&set=held-out/,
  );

  // The analyst gets no approve button, an explanation, and a 403 from the server when trying anyway.
  await expect(page.getByTestId("decision-unavailable")).toHaveText(/only an admin can approve or reject a promotion \(you are analyst\)/);
  await expect(page.getByRole("button", { name: /Approve/ })).toHaveCount(0);
  const analystTry = await postForm(page, path, { intent: "approve" });
  expect(analystTry.status).toBe(403);
  expect(analystTry.text).toContain("only an admin");
  await keepScreenshot(page, testInfo, "promotion-request-analyst");
  // back on the list, the candidate waiting for a decision is shown, not offered a second time
  await page.goto("/promotions");
  const waiting = page.locator("select[name=candidate] option", { hasText: "hs-standard@1.0.0" });
  await expect(waiting).toHaveText(new RegExp(`^hs-standard@1\\.0\\.0 — request #${path.split("/").pop()} open$`));
  await expect(waiting).toBeDisabled();
  await expect(page.locator("select[name=candidate]")).toHaveValue("hs-combined@1.34.0");

  // A viewer gets 403 on approve as well.
  await signOut(page);
  await startSignedIn(page, DEMO.viewer);
  await page.goto(path);
  expect((await postForm(page, path, { intent: "approve" })).status).toBe(403);

  // An admin who did not request it approves: production swaps at once.
  await signOut(page);
  await startSignedIn(page, DEMO.admin);
  await page.goto(path);
  await page.getByRole("button", { name: "Approve: put into production" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("approved");
  await expect(page.getByRole("status").filter({ hasText: "Approved by admin" })).toBeVisible();
  await expect(page.getByTestId("decision-unavailable")).toContainText("was already approved by admin");
  await keepScreenshot(page, testInfo, "promotion-approved");

  // Classify (page and API) now uses the new production version, without a restart.
  await page.goto("/classify");
  await expect(page.getByLabel("Model version")).toHaveValue("hs-standard@1.0.0");
  const api = await page.evaluate(async () => {
    const response = await fetch("/api/classify", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ descriptions: ["live horses"] }),
    });
    return response.json();
  });
  expect(api.model).toMatchObject({ name: "hs-standard", version: "1.0.0" });

  // The audit log lists every step, and answers "what was in production" before and after.
  // (from this test's start: other tests leave requests in the append-only log)
  await page.goto(`/audit?action=promotion.&from=${encodeURIComponent(startedAt)}`);
  const rows = page.locator("tbody tr");
  await expect(rows.filter({ hasText: "promotion.request" }).filter({ hasText: "analyst" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "promotion.approve" }).filter({ hasText: "admin" })).toHaveCount(1);
  await page.goto(`/audit?action=auth.sign-in&from=${startedAt.slice(0, 10)}`);
  for (const who of ["analyst", "viewer", "admin"]) await expect(page.locator("tbody tr").filter({ hasText: who }).first()).toBeVisible();
  await page.goto(`/audit?at=${encodeURIComponent(startedAt)}`);
  await expect(page.getByTestId("production-at")).toContainText("hs-baseline@1.0.0");
  await page.goto(`/audit?at=${encodeURIComponent(new Date().toISOString())}`);
  await expect(page.getByTestId("production-at")).toContainText("hs-standard@1.0.0");
  const atApi = await page.evaluate(async (at) => (await fetch(`/api/production?at=${encodeURIComponent(at)}`)).json(), startedAt);
  expect(atApi.production).toMatchObject([{ name: "hs-baseline", version: "1.0.0" }]);
  const csv = await page.evaluate(async () => (await fetch("/audit.csv?action=promotion.")).text());
  expect(csv.split("\n")[0]).toBe("id,at,actor,action,target_type,target_id,before,after,client");
  expect(csv).toContain("promotion.approve");
  // the same rows as an Excel workbook: read back, the same header and actions; the time a date, not text
  const xlsx = await page.request.get("/audit.xlsx?action=promotion.");
  expect(xlsx.headers()["content-disposition"]).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.xlsx"$/);
  const sheet = await readWorkbook(new Uint8Array(await xlsx.body()), "audit.xlsx");
  const lines = sheet.csv.split("\r\n");
  expect(lines[0]).toBe("id,at,actor,action,target_type,target_id,before,after,client");
  expect(lines.length).toBe(csv.trim().split("\n").length + 1);
  expect(sheet.csv).toContain("promotion.approve");
  expect(lines[1]).toMatch(/^\d+,\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?,/);

  // Roll back (admin, with a reason): the seeded state is restored for the other tests.
  await page.goto("/promotions");
  await page.getByLabel("Reason (recorded in the audit log)").fill("end of the e2e story");
  await page.getByRole("button", { name: "Roll back" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rolled back: hs-standard@1.0.0 → hs-baseline@1.0.0" })).toBeVisible();
  await expect(page.getByTestId("production-version")).toHaveText("hs-baseline@1.0.0");
  await expect(page.getByTestId("production-history")).toContainText("rollback");
  await keepScreenshot(page, testInfo, "promotions-after-rollback");
});
