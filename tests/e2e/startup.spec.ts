import { spawnSync } from "node:child_process";
import { expect, test } from "./fixtures";

test("a bad configuration value stops start-up with a message naming it", () => {
  const result = spawnSync(process.execPath, ["server.js"], {
    env: { ...process.env, PORT: "seventy", SESSION_SECRET: "too-short", WORKBENCH_DATA_DIR: ".cache/e2e-bad-env" },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("Invalid configuration:");
  expect(result.stderr).toContain('PORT: PORT must be a port number (got "seventy")');
  expect(result.stderr).toContain("SESSION_SECRET: SESSION_SECRET must be at least 32 characters");
});
