import { expect, test as base } from "@playwright/test";

/** Every e2e test fails if the page throws in the browser (a hydration or render error, say). */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.stack ?? e.message));
      await use(errors);
      expect(errors, "errors thrown in the browser").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
