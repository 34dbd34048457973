// Remote versions (issue 16) against real server processes: a shipped model served over the Open Inference Protocol
// (KServe v2) by a child process — registered after it answers the probe, evaluated through retries, refused when it
// is too slow, counted when it fails, checked by the canary before a promotion, and its token never stored in clear.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "workbench-remote-"));
const TOKEN = "remote-model-token-for-tests-0123";
Object.assign(process.env, { WORKBENCH_DATA_DIR: join(dir, "data"), WORKBENCH_DEMO_PASSWORD: "integration-pass-2026", REMOTE_TOKEN: TOKEN });
const { runCli: run } = await import("./cli-harness");
const { getEnv } = await import("../../workbench/config/env");
const { getStore, getDb, openServerStore } = await import("../../app/store/context.server");
await openServerStore();
const { seedDemo } = await import("../../workbench/store/boot");
const { findUserByUsername } = await import("../../workbench/store/users");
const { listModelVersions, resolveVersion } = await import("../../workbench/registry/model-registry");
const { remoteToken } = await import("../../workbench/registry/remote-endpoints");
const { registerRemote, canaryCheck, remoteClassify } = await import("../../models/remote/remote-version");
const { requestPromotion } = await import("../../workbench/registry/promotion");
const { cliPredictorOf } = await import("../../models/cli/cli-store");

interface Server {
  child: ChildProcess;
  url: string;
  calls: () => number;
}

const servers: ChildProcess[] = [];
/** Starts tests/integration/helpers/kserve-server.ts serving a shipped model; resolves once it listens. */
function serve(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/helpers/kserve-server.ts"], { env: { ...process.env, ...env } });
  servers.push(child);
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (c) => {
      out += c;
      const port = /listening (\d+)/.exec(out)?.[1];
      if (port) resolve({ child, url: `http://127.0.0.1:${port}`, calls: () => (out.match(/^call /gm) ?? []).length });
    });
    child.on("exit", (code) => reject(new Error(`model server exited with ${code}`)));
  });
}
const stop = (s: Server) => new Promise<void>((r) => (s.child.exitCode !== null ? r() : (s.child.once("exit", () => r()), s.child.kill())));

let baseline: Server;
beforeAll(async () => {
  await seedDemo(getStore(), getEnv());
  // the first two calls fail with 503: registration's probe goes through retries with backoff
  baseline = await serve({ MODEL: "hs-baseline/1.0.0", MODEL_NAME: "hs-baseline", REQUIRE_TOKEN: TOKEN, FAIL_FIRST: "2" });
});
afterAll(async () => {
  for (const c of servers) c.kill();
  rmSync(dir, { recursive: true, force: true });
});

const actor = { id: null, username: "test", client: "test" };
const settings = (url: string, extra: object = {}) => ({
  url,
  protocol: "kserve-v2",
  remoteModel: "hs-baseline",
  timeoutMs: 20_000,
  concurrency: 2,
  batchSize: 50,
  ...extra,
});

describe("remote versions", () => {
  it("registers an endpoint from the CLI once it answers the probe (through retries), and compares it like any version", async () => {
    const registered = await run(
      "models",
      "register-remote",
      "--name",
      "python-service",
      "--version",
      "1.0.0",
      "--url",
      baseline.url,
      "--protocol",
      "kserve-v2",
      "--remote-model",
      "hs-baseline",
      "--token-env",
      "REMOTE_TOKEN",
      "--json",
    );
    expect(registered.code, registered.err).toBe(0);
    expect(JSON.parse(registered.out).version).toMatchObject({ kind: "remote", status: "candidate", source: baseline.url });
    expect(baseline.calls()).toBeGreaterThanOrEqual(3); // two refused, then the probe

    // the same model behind the endpoint scores exactly as the shipped one, line for line
    const compared = await run("compare", "--a", "hs-baseline@1.0.0", "--b", "python-service@1.0.0", "--set", "cbp-rulings", "--json");
    expect(compared.code, compared.err).toBe(0);
    const { report } = JSON.parse(compared.out);
    expect(report.b.metrics.accuracy).toEqual(report.a.metrics.accuracy);
    expect(report.mcnemar).toMatchObject({ aOnly: 0, bOnly: 0 });
    expect((await listModelVersions(getDb())).find((v) => v.name === "python-service")).toMatchObject({
      kind: "remote",
      registeredBy: expect.stringMatching(/^cli:/),
    });
  });

  it("seals a given token with the credentials key: never in clear in the database, read back only to call", async () => {
    const version = await registerRemote(
      getStore(),
      {
        name: "sealed-service",
        version: "1.0.0",
        description: "sealed",
        settings: settings(baseline.url),
        credential: { kind: "token", token: TOKEN },
      },
      actor,
    );
    // SQLite: not in the database file; PostgreSQL: not in any column of the endpoint's row nor in the audit log
    const file = getStore().file;
    if (file) expect(readFileSync(file).includes(Buffer.from(TOKEN))).toBe(false);
    else {
      const rows = [...(await getDb().all("SELECT * FROM remote_endpoints")), ...(await getDb().all("SELECT * FROM audit_log"))];
      expect(
        rows.some((r) => Object.values(r as object).some((v) => Buffer.from(String(v)).includes(TOKEN) || (Buffer.isBuffer(v) && v.includes(TOKEN)))),
      ).toBe(false);
    }
    expect(await remoteToken(getDb(), version.id, getStore().credentialsKey)).toBe(TOKEN);
    await expect(remoteToken(getDb(), version.id, Buffer.alloc(32, 7))).rejects.toThrow(/credentials key changed/);
  });

  it("refuses an endpoint that is too slow, that refuses the token, or that is not there — and registers nothing", async () => {
    const before = (await listModelVersions(getDb())).length;
    const slow = await serve({ MODEL: "hs-baseline/1.0.0", MODEL_NAME: "hs-baseline", DELAY_MS: "1500" });
    await expect(
      registerRemote(
        getStore(),
        { name: "slow", version: "1.0.0", description: "", settings: settings(slow.url, { timeoutMs: 300 }), credential: null },
        actor,
      ),
    ).rejects.toThrow(/20 of 20 lines failed \(20 × no answer within 0\.3 s \(3 tries\)/);
    await stop(slow);
    await expect(
      registerRemote(
        getStore(),
        { name: "wrong-token", version: "1.0.0", description: "", settings: settings(baseline.url), credential: { kind: "token", token: "nope" } },
        actor,
      ),
    ).rejects.toThrow(/answered HTTP 401 \(the endpoint refused the credential\)/);
    await expect(
      registerRemote(
        getStore(),
        { name: "gone", version: "1.0.0", description: "", settings: settings(slow.url, { timeoutMs: 1000 }), credential: null },
        actor,
      ),
    ).rejects.toThrow(/cannot be reached \(3 tries\)/);
    expect((await listModelVersions(getDb())).length).toBe(before);
  });

  it("waits as long as a throttled endpoint asks (429 with Retry-After), beyond the three tries a failure gets", async () => {
    const throttled = await serve({ MODEL: "hs-baseline/1.0.0", MODEL_NAME: "hs-baseline", THROTTLE_FIRST: "4" });
    const started = performance.now();
    await registerRemote(
      getStore(),
      { name: "throttled-service", version: "1.0.0", description: "", settings: settings(throttled.url, { concurrency: 1 }), credential: null },
      actor,
    );
    // four refusals, a second each as asked, then the probe
    expect(throttled.calls()).toBe(5);
    expect(performance.now() - started).toBeGreaterThanOrEqual(4000);
    await stop(throttled);
  });

  it("counts failed lines and scores nothing when the endpoint goes down; the canary notices a swapped model", async () => {
    const first = await serve({ MODEL: "hs-baseline/1.0.0", MODEL_NAME: "hs" });
    const version = await registerRemote(
      getStore(),
      {
        name: "flaky-service",
        version: "1.0.0",
        description: "",
        settings: settings(first.url, { remoteModel: "hs", timeoutMs: 2000 }),
        credential: null,
      },
      actor,
    );
    const registered = await resolveVersion(getDb(), "flaky-service@1.0.0");
    expect(await canaryCheck(getStore(), registered)).toMatchObject({
      ok: true,
      message: expect.stringContaining("all 20 probe lines as registered"),
    });
    const port = new URL(first.url).port;
    await stop(first);
    await expect(remoteClassify(getStore(), version, ["laptop computer", "live horses"], 5)).rejects.toThrow(
      /flaky-service@1\.0\.0: 2 of 2 lines failed \(2 × 127\.0\.0\.1:\d+ cannot be reached \(3 tries\); first line 1\); nothing was scored/,
    );
    // lines with nothing to classify are never sent (no codes, as from a local version); a failed line is named by its
    // place among all the lines given
    expect(await remoteClassify(getStore(), version, ["", " ", "---"], 5)).toEqual([[], [], []]);
    await expect(remoteClassify(getStore(), version, ["", "---", "live horses"], 5)).rejects.toThrow(/: 1 of 3 lines failed \(.*first line 3\)/);
    // another model now answers at the same address: the canary says so, and the promotion gate fails on it
    await serve({ MODEL: "hs-standard/1.0.0", MODEL_NAME: "hs", PORT: port });
    const canary = await canaryCheck(getStore(), registered);
    expect(canary.ok).toBe(false);
    expect(canary.message).toMatch(/answers \d+ of 20 probe lines differently than when it was registered/);
    const analyst = (await findUserByUsername(getDb(), "analyst"))!;
    const request = await requestPromotion(
      getDb(),
      { candidate: "flaky-service@1.0.0", set: "cbp-rulings" },
      analyst,
      { id: analyst.id, username: "analyst" },
      {
        predictorOf: cliPredictorOf,
        canary: (v) => canaryCheck(getStore(), v),
      },
    );
    expect(request.gates.find((g) => g.id === "artifacts")).toMatchObject({
      passed: false,
      detail: expect.stringContaining("differently than when it was registered"),
    });
  });
});

describe("a remote version in production", () => {
  it("serves /api/classify through its endpoint after a four-eyes promotion (override on the record); health and a clear error when down", async () => {
    const served = await serve({ MODEL: "hs-baseline/1.0.0", MODEL_NAME: "hs-baseline" });
    await registerRemote(
      getStore(),
      { name: "prod-service", version: "1.0.0", description: "", settings: settings(served.url, { timeoutMs: 2000 }), credential: null },
      actor,
    );
    const analyst = (await findUserByUsername(getDb(), "analyst"))!;
    const approver = (await findUserByUsername(getDb(), "approver"))!;
    const evidence = { predictorOf: cliPredictorOf, canary: (v: Parameters<typeof canaryCheck>[1]) => canaryCheck(getStore(), v) };
    const request = await requestPromotion(
      getDb(),
      { candidate: "prod-service@1.0.0", set: "cbp-rulings" },
      analyst,
      { id: analyst.id, username: "analyst" },
      evidence,
    );
    // the same model as production: not significantly better, so only an override promotes it
    expect(request.gates.find((g) => g.id === "significance")?.passed).toBe(false);
    expect(request.gates.find((g) => g.id === "artifacts")?.passed).toBe(true);
    const { decidePromotion } = await import("../../workbench/registry/promotion");
    await decidePromotion(getDb(), request.id, { approve: true, comment: "override: same model, served by the Python team" }, approver, {
      id: approver.id,
      username: "approver",
    });
    const { productionVersion } = await import("../../workbench/registry/production-state");
    expect(await productionVersion(getDb())).toMatchObject({ name: "prod-service", kind: "remote" });

    const { classify } = await import("../../app/classify/classifier.server");
    const [result] = await classify((await productionVersion(getDb()))!, ["live horses"], 3);
    expect(result!.candidates).toHaveLength(3);
    expect(result!.explanation).toBeNull();
    expect(result!.evidence).toBeNull();
    const health = await (await import("../../app/routes/healthz")).loader();
    expect(await health.json()).toMatchObject({ ok: true, productionEndpoint: { ref: "prod-service@1.0.0", ok: true } });

    await stop(served);
    await expect(classify((await productionVersion(getDb()))!, ["live horses"], 3)).rejects.toThrow(
      /prod-service@1\.0\.0: 1 of 1 lines failed .*cannot be reached/,
    );
  });
});
