// Security suite (issue 14): demo passwords were printed at every start, WORKBENCH_DEMO_PASSWORD reverted a changed
// admin password at restart, and seeded accounts kept their known passwords on a production install.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../workbench/config/env";
import { formatSeedReport, openStore, seedDemo } from "../../workbench/store/boot";
import { SYSTEM_ACTOR } from "../../workbench/store/audit";
import { findUserByUsername, setPassword, verifyLogin } from "../../workbench/store/users";

const dir = mkdtempSync(join(tmpdir(), "workbench-demo-accounts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("demo accounts", () => {
  it("prints passwords once, at creation, and never sets them again at a later start", async () => {
    const env = parseEnv({ WORKBENCH_DATA_DIR: join(dir, "demo"), WORKBENCH_DEMO_PASSWORD: "the-demo-password-2026" });
    const store = await openStore(env);
    const first = formatSeedReport(await seedDemo(store, env));
    expect(first).toContain("the-demo-password-2026");
    await setPassword(store.db, (await findUserByUsername(store.db, "admin"))!.id, "my-own-admin-password", SYSTEM_ACTOR);
    const again = formatSeedReport(await seedDemo(store, env));
    expect(again).not.toContain("the-demo-password-2026");
    expect(again).toContain("not shown again");
    expect(await verifyLogin(store.db, "admin", "my-own-admin-password")).toBeDefined();
    expect(await verifyLogin(store.db, "admin", "the-demo-password-2026")).toBeUndefined();
  });

  it("outside demo mode, seeded accounts must choose their own password at first sign-in", async () => {
    const env = parseEnv({ WORKBENCH_DATA_DIR: join(dir, "production"), WORKBENCH_DEMO_MODE: "false" });
    const store = await openStore(env);
    await seedDemo(store, env);
    const admin = (await findUserByUsername(store.db, "admin"))!;
    expect(admin.mustChangePassword).toBe(true);
    await setPassword(store.db, admin.id, "a-password-of-my-own", SYSTEM_ACTOR);
    expect((await findUserByUsername(store.db, "admin"))!.mustChangePassword).toBe(false);
  });
});
