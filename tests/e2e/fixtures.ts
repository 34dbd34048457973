import { expect, request as playwrightRequest, test as base, type APIRequestContext } from "@playwright/test";
import { E2E_DEMO_PASSWORD } from "../../playwright.config";

/** The root loader's CSRF token for the session the request context holds. */
export async function csrfOf(api: APIRequestContext): Promise<string> {
  const response = await api.get("/login?_data=root");
  return ((await response.json()) as { csrf: string }).csrf;
}

export const test = base.extend<{ pageErrors: string[]; seededDemo: void }>({
  /** Every e2e test fails if the page throws in the browser (a hydration or render error, say) or breaks the CSP. */
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.stack ?? e.message));
      // what the Content-Security-Policy blocked would otherwise fail silently (a worker, a script, wasm)
      page.on("console", (m) => /Content Security Policy/i.test(m.text()) && errors.push(m.text()));
      await use(errors);
      expect(errors, "errors thrown in the browser, and CSP violations").toEqual([]);
    },
    { auto: true },
  ],
  /**
   * Every test starts from the seeded demo state (hs-baseline@1.0.0 in production, no open request), whatever ran
   * before it: an admin resets the demo through the app, as a presenter would.
   */
  seededDemo: [
    async ({ baseURL }, use) => {
      const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
      const signIn = await api.post("/login", { form: { username: "admin", password: E2E_DEMO_PASSWORD, csrf: await csrfOf(api) }, maxRedirects: 0 });
      expect(signIn.status(), "admin sign-in for the demo reset").toBe(302);
      const reset = await api.post("/present", { form: { csrf: await csrfOf(api), confirm: "reset" }, headers: { Accept: "application/json" } });
      expect(reset.ok(), `demo reset: ${await reset.text()}`).toBe(true);
      await api.dispose();
      await use();
    },
    { auto: true },
  ],
});

export { expect };
