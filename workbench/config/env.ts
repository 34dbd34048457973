import { z } from "zod";

/** Configuration, read from the environment once at boot. See README "Configuration". */
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: z.coerce
      .number({ error: "PORT must be a port number" })
      .int({ error: "PORT must be a whole number" })
      .min(1, { error: "PORT must be between 1 and 65535" })
      .max(65535, { error: "PORT must be between 1 and 65535" })
      .default(3000),
    WORKBENCH_DATA_DIR: z.string().min(1, { error: "WORKBENCH_DATA_DIR must not be empty" }).default("data"),
    // folders of Parquet/CSV files that admins may register as server-side extracts; unset: <data directory>/extracts
    WORKBENCH_EXTRACTS_DIR: z.string().min(1, { error: "WORKBENCH_EXTRACTS_DIR must not be empty" }).optional(),
    // the registry on PostgreSQL (several instances); unset: embedded SQLite in the data directory
    WORKBENCH_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { error: "WORKBENCH_DATABASE_URL must be a postgres:// or postgresql:// address" })
      .optional(),
    SESSION_SECRET: z.string().min(32, { error: "SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)" }).optional(),
    WORKBENCH_SECURE_COOKIES: z
      .enum(["true", "false"], { error: "WORKBENCH_SECURE_COOKIES must be true or false" })
      .default("false")
      .transform((v) => v === "true"),
    WORKBENCH_SEED_DEMO: z
      .enum(["true", "false"], { error: "WORKBENCH_SEED_DEMO must be true or false" })
      .default("true")
      .transform((v) => v === "true"),
    // measure every version on the real sets at start; a second instance on a shared registry can leave it to the first
    WORKBENCH_MEASURE_AT_START: z
      .enum(["true", "false"], { error: "WORKBENCH_MEASURE_AT_START must be true or false" })
      .default("true")
      .transform((v) => v === "true"),
    WORKBENCH_INDEX_CACHE_DIR: z.string().min(1).optional(),
    WORKBENCH_PREDICTION_CACHE_DIR: z.string().min(1).optional(),
    WORKBENCH_INFERENCE_WORKERS: z.coerce
      .number({ error: "WORKBENCH_INFERENCE_WORKERS must be a number" })
      .int({ error: "WORKBENCH_INFERENCE_WORKERS must be a whole number" })
      .min(1, { error: "WORKBENCH_INFERENCE_WORKERS must be between 1 and 64" })
      .max(64, { error: "WORKBENCH_INFERENCE_WORKERS must be between 1 and 64" })
      .optional(),
    WORKBENCH_MODELS_PER_WORKER: z.coerce
      .number({ error: "WORKBENCH_MODELS_PER_WORKER must be a number" })
      .int({ error: "WORKBENCH_MODELS_PER_WORKER must be a whole number" })
      .min(1, { error: "WORKBENCH_MODELS_PER_WORKER must be between 1 and 64" })
      .max(64, { error: "WORKBENCH_MODELS_PER_WORKER must be between 1 and 64" })
      .default(4),
    WORKBENCH_API_REQUESTS_PER_MINUTE: z.coerce
      .number({ error: "WORKBENCH_API_REQUESTS_PER_MINUTE must be a number" })
      .int({ error: "WORKBENCH_API_REQUESTS_PER_MINUTE must be a whole number" })
      .min(0, { error: "WORKBENCH_API_REQUESTS_PER_MINUTE must be 0 (no limit) or more" })
      .default(120),
    WORKBENCH_API_DESCRIPTIONS_PER_MINUTE: z.coerce
      .number({ error: "WORKBENCH_API_DESCRIPTIONS_PER_MINUTE must be a number" })
      .int({ error: "WORKBENCH_API_DESCRIPTIONS_PER_MINUTE must be a whole number" })
      .min(0, { error: "WORKBENCH_API_DESCRIPTIONS_PER_MINUTE must be 0 (no limit) or more" })
      .default(1200),
    WORKBENCH_TRUST_PROXY: z
      .string()
      .regex(/^(true|false|\d{1,2})$/, { error: "WORKBENCH_TRUST_PROXY must be false, true or the number of proxies in front (e.g. 1)" })
      .default("false")
      .transform((v) => (v === "true" ? true : v === "false" ? false : Number(v))),
    WORKBENCH_DEMO_MODE: z
      .enum(["true", "false"], { error: "WORKBENCH_DEMO_MODE must be true or false" })
      .optional()
      .transform((v) => (v === undefined ? undefined : v === "true")),
    WORKBENCH_DEMO_PASSWORD: z.string().min(12, { error: "WORKBENCH_DEMO_PASSWORD must be at least 12 characters" }).optional(),
    WORKBENCH_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: "WORKBENCH_WEBHOOK_URL must be an http(s) URL" }).optional(),
    WORKBENCH_WEBHOOK_SECRET: z.string().min(16, { error: "WORKBENCH_WEBHOOK_SECRET must be at least 16 characters" }).optional(),
    /** seals remote endpoints' tokens in the registry; without it a key is kept in the data directory */
    WORKBENCH_CREDENTIALS_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, { error: "WORKBENCH_CREDENTIALS_KEY must be 64 hexadecimal characters (e.g. `openssl rand -hex 32`)" })
      .optional(),
  })
  .refine((e) => !e.WORKBENCH_WEBHOOK_URL || e.WORKBENCH_WEBHOOK_SECRET, {
    path: ["WORKBENCH_WEBHOOK_SECRET"],
    error: "WORKBENCH_WEBHOOK_SECRET is required when WORKBENCH_WEBHOOK_URL is set (deliveries are signed)",
  });

export type Env = z.infer<typeof envSchema>;

const SECRETS = new Set([
  "SESSION_SECRET",
  "WORKBENCH_DEMO_PASSWORD",
  "WORKBENCH_WEBHOOK_SECRET",
  "WORKBENCH_CREDENTIALS_KEY",
  "WORKBENCH_DATABASE_URL",
]);

export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "not set", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const shown = (key: string) => {
      const value = cleaned[key];
      // a secret is never echoed, not even a wrong one
      return SECRETS.has(key) && value !== undefined ? `a value of ${value.length} characters` : JSON.stringify(value);
    };
    const lines = result.error.issues.map((i) => `  - ${String(i.path[0])}: ${i.message} (got ${shown(String(i.path[0]))})`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
