import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = mkdtempSync(join(tmpdir(), "workbench-cli-"));
process.env.WORKBENCH_DATA_DIR = dataDir;
const { runCli: run } = await import("./cli-harness");
const { listAudit } = await import("../../workbench/store/audit");
const { getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { MIGRATIONS } = await import("../../workbench/store/migrations");
const { COMMANDS } = await import("../../models/cli/main");
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("workbench CLI", () => {
  it("lists its commands", async () => {
    const { code, out } = await run("--help");
    expect(code).toBe(0);
    for (const c of ["db migrate", "users create", "users list", "token create"]) expect(out).toContain(c);
  });

  it("says what each option of each command is for", async () => {
    for (const command of COMMANDS) {
      const { code, out } = await run(...command.name.split(" "), "--help");
      expect(code, command.name).toBe(0);
      expect(out, command.name).toContain(`Usage: ${command.usage}`);
      for (const [name, option] of Object.entries(command.options)) {
        expect(option.describe.trim(), `${command.name} --${name}`).not.toBe("");
        expect(out, `${command.name} --${name}`).toMatch(new RegExp(`^  --${name}( VALUE)? +${escapeRegExp(option.describe)}$`, "m"));
      }
    }
  });

  it("migrates, creates users and tokens, and audits them as the CLI account", async () => {
    expect((await run("db", "migrate")).out).toMatch(new RegExp(`schema version ${MIGRATIONS.length}`));
    const created = await run("users", "create", "--username", "ana", "--role", "analyst", "--json");
    expect(created.code).toBe(0);
    const { user, password } = JSON.parse(created.out);
    expect(user).toMatchObject({ username: "ana", role: "analyst" });
    expect(password).toHaveLength(16);
    const listed = JSON.parse((await run("users", "list", "--json")).out);
    expect(listed.map((u: { username: string }) => u.username)).toContain("ana");
    const token = JSON.parse((await run("token", "create", "--user", "ana", "--name", "ci", "--json")).out);
    expect(token.token).toMatch(/^hsw_/);
    expect((await run("token", "list")).out).not.toContain(token.token);
    const about = (after: unknown) => JSON.stringify(after).includes('"ana"');
    const entries = (await listAudit(getDb())).filter((e) => about(e.after));
    expect(entries.map((e) => e.action)).toEqual(["token.create", "user.create"]);
    expect(entries.every((e) => e.actor.startsWith("cli:") && e.client === "cli")).toBe(true);
  });

  it("explains wrong usage with exit code 2 and refusals with exit code 1", async () => {
    const missing = await run("token", "create");
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.err).toMatch(/--user is required\nUsage: workbench token create/);
    expect((await run("users", "create", "--username", "bo", "--role", "boss")).err).toMatch(/role must be one of admin, analyst, viewer/);
    expect((await run("token", "create", "--user", "nobody")).err).toMatch(/no user named 'nobody'/);
    expect((await run("users", "create", "--username", "cleo", "--role", "viewer")).code).toBe(0);
    expect((await run("token", "create", "--user", "cleo", "--expires-days", "0")).err).toMatch(/--expires-days must be a whole number/);
    // a token expires in 90 days unless "never" is asked for
    const soon = JSON.parse((await run("token", "create", "--user", "cleo", "--json")).out);
    expect(Date.parse(soon.expiresAt) - Date.now()).toBeGreaterThan(89 * 86_400_000);
    expect(Date.parse(soon.expiresAt) - Date.now()).toBeLessThan(91 * 86_400_000);
    expect(JSON.parse((await run("token", "create", "--user", "cleo", "--expires-days", "never", "--json")).out).expiresAt).toBeNull();
    expect((await run("users", "frobnicate")).code).toBe(2);
    // a mistyped command: the one meant, when it is a letter or two away
    expect(await run("user", "list", "--json")).toMatchObject({
      code: 2,
      err: "Unknown command 'user list': did you mean `workbench users list`?",
    });
    expect((await run("audit", "verfy")).err).toMatch(/^workbench audit: unexpected argument 'verfy': did you mean `workbench audit verify`\?\n/);
    // an option the command does not take: the one meant when it is a letter or two away, else the ones it takes
    const misspelt = await run("users", "create", "--usrname", "dora", "--role", "viewer");
    expect(misspelt).toMatchObject({ code: 2 });
    expect(misspelt.err).toMatch(/^workbench users create: unknown option --usrname: did you mean --username\?\nUsage: /);
    // or the one it is the start of
    expect((await run("token", "create", "--user", "cleo", "--expires", "5")).err).toMatch(
      /^workbench token create: unknown option --expires: did you mean --expires-days\?\n/,
    );
    expect((await run("token", "create", "--user", "cleo", "--days", "5")).err).toMatch(
      /^workbench token create: unknown option --days \(the options are --user, --name, --expires-days, --json, --help\)\n/,
    );
    const dup = await run("users", "create", "--username", "CLEO", "--role", "viewer");
    expect(dup).toMatchObject({ code: 1 });
    expect(dup.err).toMatch(/already exists/);
  });

  it("ends its process once the command is done (a PostgreSQL pool's idle connections would hold it 10 s)", async () => {
    const child = spawn(process.execPath, ["bin/workbench.js", "users", "list", "--json"], { env: process.env });
    let out = "";
    let printedAt = 0;
    child.stdout.on("data", (chunk) => {
      out += chunk;
      printedAt ||= Date.now();
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    const lingered = Date.now() - printedAt;
    expect(code).toBe(0);
    // the users of the registry (tests run in any order: which ones is not the point)
    expect(Array.isArray(JSON.parse(out))).toBe(true);
    // not a speed figure: the process either ends at once or waits out the pool's 10 s idle timeout
    expect(lingered).toBeLessThan(5_000);
  }, 30_000);
});
