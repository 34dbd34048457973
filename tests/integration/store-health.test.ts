// Security suite (issue 14): deleting the database under a running server went unnoticed (/healthz ok), and the next
// start silently created an empty registry with new demo admins: history and audit gone.
import { mkdtempSync, renameSync, rmSync, statSync, copyFileSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../workbench/config/env";
import { openStore, storeHealth, StoreError } from "../../workbench/store/boot";
import { freshPostgresUrl, onPostgres } from "../support/test-database";

const dir = mkdtempSync(join(tmpdir(), "workbench-health-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const envFor = (name: string) => parseEnv({ WORKBENCH_DATA_DIR: join(dir, name) });

describe("store health", () => {
  it("answers ok while the database is in place, and says what is wrong when it is deleted or replaced", async () => {
    const store = await openStore(envFor("deleted"));
    expect(await storeHealth(store)).toEqual({ ok: true });
    unlinkSync(store.file!);
    expect(await storeHealth(store)).toEqual({ ok: false, problem: "the database file is gone" });

    const other = await openStore(envFor("replaced"));
    copyFileSync(other.file!, `${other.file}.copy`);
    renameSync(`${other.file}.copy`, other.file!);
    expect(await storeHealth(other)).toEqual({ ok: false, problem: "the database file was replaced" });
  });

  it("refuses to start over a data directory that held an install but lost its database", async () => {
    const first = await openStore(envFor("reinstall"));
    await first.db.close();
    unlinkSync(first.file!);
    await expect(openStore(envFor("reinstall"))).rejects.toThrow(StoreError);
    await expect(openStore(envFor("reinstall"))).rejects.toThrow(/held an install .* but its database workbench\.sqlite is missing/);
  });

  it("keeps the database and the session secret readable by the owner only", async () => {
    const store = await openStore(envFor("modes"));
    expect(statSync(store.file!).mode & 0o777).toBe(0o600);
    expect(statSync(join(store.dataDir, "session-secret")).mode & 0o777).toBe(0o600);
    expect(statSync(store.dataDir).mode & 0o077).toBe(0);
  });
});

describe.runIf(onPostgres)("store health on PostgreSQL", () => {
  const secrets = { SESSION_SECRET: "s".repeat(40), WORKBENCH_CREDENTIALS_KEY: "ab".repeat(32) };

  it("needs the secrets every instance shares, names an unreachable server without its password, and answers health from the server", async () => {
    const url = await freshPostgresUrl();
    await expect(openStore(parseEnv({ WORKBENCH_DATA_DIR: join(dir, "pg"), WORKBENCH_DATABASE_URL: url }))).rejects.toThrow(
      /set SESSION_SECRET and WORKBENCH_CREDENTIALS_KEY, the same on every instance/,
    );
    const closed = "postgres://workbench:hunter2-password@127.0.0.1:1/nowhere";
    const refused = openStore(parseEnv({ WORKBENCH_DATA_DIR: join(dir, "pg"), WORKBENCH_DATABASE_URL: closed, ...secrets }));
    await expect(refused).rejects.toThrow(StoreError);
    await expect(refused).rejects.toThrow(/cannot reach the PostgreSQL registry at postgres:\/\/workbench:\*\*\*@127\.0\.0\.1:1\/nowhere/);
    await expect(refused).rejects.not.toThrow(/hunter2/);

    const store = await openStore(parseEnv({ WORKBENCH_DATA_DIR: join(dir, "pg"), WORKBENCH_DATABASE_URL: url, ...secrets }));
    expect(store.file).toBeNull();
    expect(await storeHealth(store)).toEqual({ ok: true });
    await store.db.close();
    expect(await storeHealth(store)).toEqual({ ok: false, problem: "the database does not answer" });
  });
});
