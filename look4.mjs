import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
const errors = [];
page.on("pageerror", (e) => errors.push(e.message));
await page.goto("http://localhost:3300/login");
await page.getByLabel("Username").fill("viewer");
await page.getByLabel("Password").fill("demo-pass-2026");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForTimeout(1000);
for (let i = 0; i < 12; i++) {
  await page.getByRole("link", { name: "Compare" }).click();
  await page.getByTestId("heatmap-diff").waitFor();
  await page.waitForTimeout(i * 15);
  await page.getByRole("link", { name: "Models" }).click();
  await page.waitForTimeout(300);
}
console.log(errors);
await browser.close();
