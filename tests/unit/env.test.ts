import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../workbench/config/env";

describe("configuration", () => {
  it("has working defaults", () => {
    expect(parseEnv({})).toMatchObject({ PORT: 3000, WORKBENCH_DATA_DIR: "data", WORKBENCH_SEED_DEMO: true, WORKBENCH_SECURE_COOKIES: false });
  });
  it("names each bad value and what was expected", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(EnvError);
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT: PORT must be between 1 and 65535 \(got "70000"\)/);
    expect(() => parseEnv({ SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET must be at least 32 characters/);
    expect(() => parseEnv({ WORKBENCH_DEMO_PASSWORD: "abc" })).toThrow(/WORKBENCH_DEMO_PASSWORD must be at least 12/);
    expect(() => parseEnv({ WORKBENCH_SEED_DEMO: "yes" })).toThrow(/WORKBENCH_SEED_DEMO must be true or false/);
    expect(() => parseEnv({ WORKBENCH_MEASURE_AT_START: "no" })).toThrow(/WORKBENCH_MEASURE_AT_START must be true or false/);
  });
  it("measures the versions on the real sets at start unless told not to (a further instance on a shared registry)", () => {
    expect(parseEnv({}).WORKBENCH_MEASURE_AT_START).toBe(true);
    expect(parseEnv({ WORKBENCH_MEASURE_AT_START: "false" }).WORKBENCH_MEASURE_AT_START).toBe(false);
  });
  it("reads the proxy trust setting: off unless configured", () => {
    expect(parseEnv({}).WORKBENCH_TRUST_PROXY).toBe(false);
    expect(parseEnv({ WORKBENCH_TRUST_PROXY: "1" }).WORKBENCH_TRUST_PROXY).toBe(1);
    expect(parseEnv({ WORKBENCH_TRUST_PROXY: "true" }).WORKBENCH_TRUST_PROXY).toBe(true);
    expect(() => parseEnv({ WORKBENCH_TRUST_PROXY: "everyone" })).toThrow(/WORKBENCH_TRUST_PROXY must be false, true or the number/);
  });
  it("treats empty strings as unset", () => {
    expect(parseEnv({ PORT: "", SESSION_SECRET: "" }).PORT).toBe(3000);
  });
});
