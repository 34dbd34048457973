import { expect, test } from "./fixtures";
import { DEMO, keepScreenshot, signIn, startSignedIn } from "./helpers";

const PAGES = ["Overview", "Explore", "Classify", "Models", "Compare", "Promotions", "Audit"];

for (const role of ["admin", "analyst", "viewer"] as const) {
  test(`${role} signs in and navigates every page`, async ({ page }, testInfo) => {
    await signIn(page, DEMO[role]);
    await expect(page).toHaveURL(/\/overview$/);
    await expect(page.locator(".role")).toHaveText(role);
    for (const name of PAGES) {
      const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true });
      if (name === "Audit" && role === "viewer") {
        // the menu offers only what the role may open; the server still refuses the address itself
        await expect(link).toHaveCount(0);
        await page.goto("/audit");
        await expect(page.getByRole("heading", { name: /Not allowed/ })).toBeVisible();
        continue;
      }
      await link.click();
      await expect(page.getByRole("heading", { level: 1, name: name === "Audit" ? "Audit log" : name })).toBeVisible();
    }
    const users = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" });
    if (role === "admin") await expect(users).toBeVisible();
    else await expect(users).toHaveCount(0);
    await page.goto("/overview");
    await keepScreenshot(page, testInfo, `overview-${role}`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
  });
}

test("a viewer cannot reach an admin action: the server answers 403", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("alert")).toContainText("requires the admin role; you are signed in as viewer (viewer)");

  // Post the admin form directly, with a valid CSRF token from the viewer's own session: still 403.
  await page.goto("/overview");
  const csrf = await page.locator('input[name="csrf"]').first().inputValue();
  const post = await page.request.post("/admin/users", {
    form: { intent: "set-role", userId: "4", role: "admin", csrf },
  });
  expect(post.status()).toBe(403);
  expect(await post.text()).toContain("requires the admin role");
});

test("an admin changes a role and it is in the audit log", async ({ page }, testInfo) => {
  await startSignedIn(page, DEMO.admin);
  await page.goto("/admin/users");
  await page.getByLabel("Username").fill("e2e-analyst");
  await page.locator('form:has(button:text("Create user")) select[name=role]').selectOption("analyst");
  await page.getByLabel("Initial password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create user" }).click();
  // found by its text among the page's statuses, as in first-use (an empty state can be one for a moment)
  await expect(page.getByRole("status").filter({ hasText: "Created e2e-analyst" })).toHaveText("Created e2e-analyst (analyst).");
  await page.getByLabel("Role of e2e-analyst").selectOption("viewer");
  await page
    .getByRole("row", { name: /e2e-analyst/ })
    .getByRole("button", { name: "Set role" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "is now viewer" })).toHaveText("e2e-analyst is now viewer.");
  await page.goto("/audit?action=user.");
  // the change's fields, one a line: before analyst, after viewer
  const change = page.getByRole("row", { name: /user\.role-change/ });
  await expect(change.locator("td").nth(5).locator('dt:text-is("role") + dd')).toHaveText("analyst");
  await expect(change.locator("td").nth(6).locator('dt:text-is("role") + dd')).toHaveText("viewer");
  await keepScreenshot(page, testInfo, "audit-role-change");
  // filters that match nothing say so, with the way back
  await page.goto("/audit?actor=nobody-by-this-name");
  await expect(page.getByTestId("no-audit-entries")).toContainText("No entries match these filters");
  await page.getByRole("link", { name: "Clear the filters" }).click();
  await expect(page.getByRole("row", { name: /user\.role-change/ })).toBeVisible();
});

test("wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("analyst");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong username or password.");
});

test("unknown pages get a 404 page; pages need sign-in", async ({ page }) => {
  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: /Page not found/ })).toBeVisible();
  await page.goto("/compare");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcompare$/);
  await signIn(page, DEMO.analyst);
  // a model card of a version that does not exist says which, in words
  expect((await page.goto("/models/hs-baseline/9.9.9"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: /Page not found/ })).toBeVisible();
  await expect(page.getByText("no model version hs-baseline@9.9.9 is registered")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("sign-in and sign-out forms work", async ({ page }) => {
    await page.goto("/login?redirectTo=/models");
    await page.getByLabel("Username").fill("analyst");
    await page.getByLabel("Password").fill((await import("../../playwright.config")).E2E_DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/models$/);
    await expect(page.getByRole("heading", { name: "Models" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
  });
});
