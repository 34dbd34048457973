// A fresh install without the demo accounts: its own server (another port, an empty data directory), the first admin
// made on the command line, and pages that say what to do when there is nothing yet.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { expect, test } from "./fixtures";
import { waitHealthy } from "./helpers";

const PORT = 3217;
const BASE = `http://localhost:${PORT}`;
const DATA = ".cache/e2e-first-use";
const PASSWORD = "first-use-password-2026";
const ARTIFACTS = ".cache/e2e-first-use-artifacts";
const env = { ...process.env, WORKBENCH_DATA_DIR: DATA, WORKBENCH_SEED_DEMO: "false", NODE_ENV: "production" as const, PORT: String(PORT) };

let server: ChildProcess | undefined;

test.beforeAll(async () => {
  rmSync(DATA, { recursive: true, force: true });
  rmSync(ARTIFACTS, { recursive: true, force: true });
  const created = spawnSync(
    process.execPath,
    ["bin/workbench.js", "users", "create", "--username", "first", "--role", "admin", "--password", PASSWORD],
    {
      env,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  expect(created.status, created.stderr).toBe(0);
  server = spawn(process.execPath, ["server.js"], { env, stdio: "ignore" });
  await waitHealthy(BASE, 60, "the first-use server");
});

test.afterAll(() => {
  server?.kill();
  rmSync(DATA, { recursive: true, force: true });
  rmSync(ARTIFACTS, { recursive: true, force: true });
});

test("first use without demo accounts: pages with nothing yet name the way out; Users says who to add and how a second admin is named", async ({
  page,
}) => {
  await page.goto(`${BASE}/login`);
  await page.getByLabel("Username").fill("first");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  // no model registered yet (the shipped ones come with the demo): each page names what is missing and the way out
  for (const [path, says, action] of [
    ["/overview", "No model version is in production yet", "request a promotion"],
    ["/compare", "Comparing needs two model versions; none is registered.", "add a version on the Models page"],
    ["/classify", "No model version here can classify text", "Models page"],
    ["/models", "No model version is registered yet.", "import a model's predictions below"],
  ] as const) {
    await page.goto(`${BASE}${path}`);
    await expect(page.getByTestId("empty-state")).toContainText(says);
    await expect(page.getByTestId("empty-state").getByRole("link", { name: action })).toBeVisible();
  }
  // the Models page keeps its way in: the import form
  await expect(page.getByRole("form", { name: "Import predictions" })).toBeVisible();

  await page.goto(`${BASE}/admin/users`);
  await expect(page.getByTestId("empty-state")).toContainText("You are the only user.");
  await expect(page.getByTestId("one-admin")).toContainText("npx workbench users set-role --username NAME --role admin");
  await page.getByRole("link", { name: "add the people who will use the workbench" }).click();
  await expect(page).toHaveURL(/#add-user$/);
  const form = page.locator("form", { has: page.getByRole("button", { name: "Create user" }) });
  await form.getByLabel("Username").fill("ana");
  await form.getByLabel("Role").selectOption("analyst");
  await form.getByLabel("Initial password").fill("analyst-password-2026");
  await form.getByRole("button", { name: "Create user" }).click();
  // the page still says it has no other user until its data is read again: the new notice is one of two statuses
  await expect(page.getByRole("status").filter({ hasText: "Created ana" })).toBeVisible();
  await expect(page.getByTestId("empty-state")).toHaveCount(0);
  // still one admin: the note stays until a second one exists
  await expect(page.getByTestId("one-admin")).toBeVisible();
  expect(
    spawnSync(process.execPath, ["bin/workbench.js", "users", "set-role", "--username", "ana", "--role", "admin"], { env, encoding: "utf8" }).status,
  ).toBe(0);
  await page.reload();
  await expect(page.getByTestId("one-admin")).toHaveCount(0);
});

// after the test above (ana is the second admin): the install's first version in production, by the same four-eyes rule
test("the first version goes into production as any other: a request with its own figures, approved by the other admin", async ({ page }) => {
  const trained = spawnSync(process.execPath, ["bin/workbench.js", "train", "--config", "models/configs/tiny.json", "--artifacts", ARTIFACTS], {
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(trained.status, trained.stderr).toBe(0);
  const signInAs = async (username: string, password: string) => {
    await page.goto(`${BASE}/login`);
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  };
  await signInAs("first", PASSWORD);
  await page.goto(`${BASE}/promotions`);
  await expect(page.getByText("In production: nothing yet.")).toBeVisible();
  await page.getByRole("button", { name: "Request promotion" }).click();
  await expect(page).toHaveURL(/\/promotions\/\d+$/, { timeout: 90_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("first production → hs-tiny@0.0.1");
  const evidence = page.getByTestId("first-production-evidence");
  await expect(evidence).toContainText("Nothing was in production when this was requested");
  await expect(evidence).toContainText("US customs rulings (real)");
  // only the gates that need no comparison (its minimum on the set and on the other real set, its files); the requester
  // cannot decide it
  await expect(page.getByTestId("gates").locator("tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("other-sets-evidence")).toContainText("Marketplace listings (real)");
  await expect(page.getByTestId("decision-unavailable")).toContainText("four-eyes rule");
  await page.getByRole("button", { name: "Sign out" }).click();

  await signInAs("ana", "analyst-password-2026");
  await page.goto(`${BASE}/promotions/1`);
  const failed = await page.getByTestId("gates").getByText("FAIL").count();
  await page.getByLabel(/Comment/).fill("a first version to start from; its figures are on the request");
  await page.getByRole("button", { name: failed ? "Override and approve" : "Approve: put into production" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("approved");
  await page.goto(`${BASE}/promotions`);
  await expect(page.getByTestId("production-version")).toHaveText("hs-tiny@0.0.1");
  await expect(page.getByTestId("rollback-unavailable")).toContainText("production's first version replaced none");
});
