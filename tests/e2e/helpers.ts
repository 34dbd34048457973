import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";
import { E2E_DEMO_PASSWORD } from "../../playwright.config";
import { csrfOf } from "./fixtures";

export const DEMO = { admin: "admin", approver: "approver", analyst: "analyst", viewer: "viewer" } as const;

export async function signIn(page: Page, username: string, password = E2E_DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/**
 * Signs the page's browser context in by the sign-in form's own request (its CSRF token, the session cookie kept by the
 * context), showing no page: for tests about what comes after signing in, which open their page next. The browser is
 * spared the sign-in page and the Overview it leads to (about 1.5 s of CPU a test); `signIn` and shell.spec.ts test the
 * form itself.
 */
export async function startSignedIn(page: Page, username: string, password = E2E_DEMO_PASSWORD) {
  const response = await page.request.post("/login", { form: { username, password, csrf: await csrfOf(page.request) }, maxRedirects: 0 });
  expect(response.status(), `${username} signs in`).toBe(302);
}

/** Saves a full-page screenshot under test-results/screenshots/ (kept as a CI artifact) and attaches it to the report. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = `test-results/screenshots/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** Signs out and waits until the sign-in page is back (the old session's cookie is gone before the next sign-in). */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
}

/** Waits until a server this test started answers /healthz (polled twice a second), or fails naming it. */
export async function waitHealthy(base: string, seconds: number, what: string) {
  for (let n = 0; n < seconds * 2; n++) {
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not start within ${seconds} s`);
}

/**
 * Serious and critical WCAG 2.1 A/AA violations on the page as it is now, named with the elements they hit. axe gathers
 * its results in the page (legacy mode: frames by messaging, as before axe 4.5, not in a blank page opened for each
 * check) and hands back full detail for violations only (one node per passing rule, not every node): the same
 * violations in half the time (11 pages as admin: 11.3 s of axe against 24.8 s).
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ["violations"] })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 5)
          .join(", ")}`,
    );
}
