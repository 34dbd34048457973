import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { nowIso } from "../clock";
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import type { Env } from "../config/env";
import { SYSTEM_ACTOR } from "./audit";
import { databaseFile, DATABASE_FILE_NAME, migrate, openDatabase, type Db } from "./db";
import { connectPostgres } from "./postgres";
import { generatePassword } from "./password";
import { createUser, listUsers, type Role } from "./users";
import { repoRoot } from "../hs/load-fixtures";
import { seedModelVersions } from "../registry/seed-models";

export const DEMO_USERS: { username: string; displayName: string; role: Role }[] = [
  { username: "admin", displayName: "Ada Admin", role: "admin" },
  { username: "approver", displayName: "Bo Approver (second admin)", role: "admin" },
  { username: "analyst", displayName: "Ana Analyst", role: "analyst" },
  { username: "viewer", displayName: "Vic Viewer", role: "viewer" },
];

const ACCOUNTS_FILE = "demo-accounts.txt";
const SECRET_FILE = "session-secret";
const CREDENTIALS_KEY_FILE = "credentials-key";

export interface Store {
  db: Db;
  dataDir: string;
  sessionSecret: string;
  /** seals remote endpoints' tokens (AES-256-GCM): WORKBENCH_CREDENTIALS_KEY, else a key kept in the data directory */
  credentialsKey: Buffer;
  /**
   * The SQLite database file and its identity when opened (a file deleted or replaced under a running server is
   * noticed); null when the registry is on PostgreSQL.
   */
  file: string | null;
  identity: { dev: number; ino: number } | null;
}

const INSTALL_MARKER = "install.json";

export class StoreError extends Error {
  override name = "StoreError";
}

/**
 * Opens the data directory: creates it, migrates the database and keeps a session secret. A data directory that held
 * an install (its marker is there) but has lost its database is refused: starting afresh there would silently
 * replace history and audit with a new, empty registry.
 */
export async function openStore(env: Env): Promise<Store> {
  const dataDir = resolve(env.WORKBENCH_DATA_DIR);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (env.WORKBENCH_DATABASE_URL) return openPostgresStore(env, dataDir, env.WORKBENCH_DATABASE_URL);
  const file = databaseFile(dataDir);
  const marker = join(dataDir, INSTALL_MARKER);
  if (existsSync(marker) && !existsSync(file)) {
    throw new StoreError(
      `the data directory ${dataDir} held an install (${INSTALL_MARKER}) but its database ${DATABASE_FILE_NAME} is missing; ` +
        "restore the database from a backup, or move the data directory away to start a new, empty install",
    );
  }
  const db = await openDatabase(file);
  chmodSync(file, 0o600);
  if (!existsSync(marker)) writeFileSync(marker, JSON.stringify({ createdAt: nowIso() }) + "\n", { mode: 0o600 });
  const { dev, ino } = statSync(file);
  return {
    db,
    dataDir,
    sessionSecret: env.SESSION_SECRET ?? persistentSecret(dataDir, SECRET_FILE),
    credentialsKey: Buffer.from(env.WORKBENCH_CREDENTIALS_KEY ?? persistentSecret(dataDir, CREDENTIALS_KEY_FILE), "hex"),
    file,
    identity: { dev, ino },
  };
}

/**
 * Several instances share one PostgreSQL registry: each must sign sessions and seal endpoint tokens with the same
 * secrets, so they come from the environment (a secret generated into one instance's data directory would lock the
 * others out).
 */
async function openPostgresStore(env: Env, dataDir: string, url: string): Promise<Store> {
  if (!env.SESSION_SECRET || !env.WORKBENCH_CREDENTIALS_KEY) {
    throw new StoreError(
      "with WORKBENCH_DATABASE_URL (PostgreSQL), set SESSION_SECRET and WORKBENCH_CREDENTIALS_KEY, the same on every instance " +
        "(e.g. `openssl rand -hex 32` for each)",
    );
  }
  let db: Db;
  try {
    db = await connectPostgres(url);
  } catch (error) {
    throw new StoreError(`cannot reach the PostgreSQL registry at ${redactedUrl(url)}: ${(error as Error).message}`);
  }
  await migrate(db);
  return {
    db,
    dataDir,
    sessionSecret: env.SESSION_SECRET,
    credentialsKey: Buffer.from(env.WORKBENCH_CREDENTIALS_KEY, "hex"),
    file: null,
    identity: null,
  };
}

/** A database address fit for messages and logs: the password never appears. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(an address that is not a URL)";
  }
}

/** Whether the store still answers: the same database file is in place (SQLite) and a query runs. */
export async function storeHealth(store: Store): Promise<{ ok: true } | { ok: false; problem: string }> {
  try {
    if (store.file && store.identity) {
      const now = statSync(store.file, { throwIfNoEntry: false });
      if (!now) return { ok: false, problem: "the database file is gone" };
      if (now.dev !== store.identity.dev || now.ino !== store.identity.ino) return { ok: false, problem: "the database file was replaced" };
    }
    await store.db.get("SELECT count(*) FROM schema_migrations");
    return { ok: true };
  } catch {
    return { ok: false, problem: "the database does not answer" };
  }
}

/** Without SESSION_SECRET (or WORKBENCH_CREDENTIALS_KEY), one is generated on first use and kept in the data directory (mode 600). */
function persistentSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

export interface SeedReport {
  /** model versions registered from models/artifacts at this start, and shipped artifacts refused */
  models: { registered: string[]; refused: string[] };
  created: boolean;
  accounts: { username: string; role: Role; password: string | null }[];
  accountsFile: string | null;
}

/**
 * Seeds the demo users on an empty database, once. Passwords come from WORKBENCH_DEMO_PASSWORD or are generated and
 * written to data/demo-accounts.txt (mode 600); they are printed at this first start only, and no later start ever
 * sets them again (a changed password stays changed). Outside demo mode the seeded accounts must choose their own
 * password at their first sign-in.
 */
export async function seedDemo(store: Store, env: Env): Promise<SeedReport> {
  // instances starting together on one PostgreSQL registry seed it once
  return store.db.exclusive("seed", () => seedDemoNow(store, env));
}

async function seedDemoNow(store: Store, env: Env): Promise<SeedReport> {
  const accountsFile = join(store.dataDir, ACCOUNTS_FILE);
  if (!env.WORKBENCH_SEED_DEMO) return { models: { registered: [], refused: [] }, created: false, accounts: [], accountsFile: null };
  const models = await seedModelVersions(store.db, repoRoot());
  const existing = await listUsers(store.db);
  if (existing.length === 0) {
    const accounts = [];
    const mustChange = env.WORKBENCH_DEMO_MODE === false;
    for (const u of DEMO_USERS) {
      const password = env.WORKBENCH_DEMO_PASSWORD ?? generatePassword();
      await createUser(store.db, { ...u, password, isDemo: true, mustChangePassword: mustChange }, SYSTEM_ACTOR, { breakGlass: true });
      accounts.push({ username: u.username, role: u.role, password });
    }
    if (!env.WORKBENCH_DEMO_PASSWORD) {
      writeFileSync(
        accountsFile,
        "# Demo accounts created at first start. Change passwords with `npx workbench users set-password`.\n" +
          accounts.map((a) => `${a.username}\t${a.role}\t${a.password}`).join("\n") +
          "\n",
        { mode: 0o600 },
      );
      chmodSync(accountsFile, 0o600);
    }
    return { models, created: true, accounts, accountsFile: env.WORKBENCH_DEMO_PASSWORD ? null : accountsFile };
  }
  const demo = existing.filter((u) => u.isDemo);
  return {
    models,
    created: false,
    accounts: demo.map((u) => ({ username: u.username, role: u.role, password: null })),
    accountsFile: existsSync(accountsFile) ? accountsFile : null,
  };
}

export function formatSeedReport(report: SeedReport): string {
  const models =
    (report.models.registered.length ? `Registered shipped model versions: ${report.models.registered.join(", ")}\n` : "") +
    report.models.refused.map((r) => `Refused a shipped model artifact: ${r}\n`).join("");
  if (report.accounts.length === 0) return `${models}No demo accounts (WORKBENCH_SEED_DEMO=false or none left).`;
  const lines = [`${models}${report.created ? "Demo accounts created:" : "Demo accounts:"}`];
  for (const a of report.accounts) lines.push(`  ${a.username.padEnd(10)} ${a.role.padEnd(8)} ${a.password ?? ""}`.trimEnd());
  if (report.created && report.accountsFile) lines.push(`  (also in ${report.accountsFile}, readable by this account only)`);
  if (!report.created) lines.push("  (passwords were printed when the accounts were created; they are not shown again)");
  return lines.join("\n");
}

/**
 * Demo mode (presenter's "Reset demo"): WORKBENCH_DEMO_MODE when set, else on only for an install seeded with the
 * demo accounts. A production install never has a one-admin switch for production.
 */
export const demoMode = async (db: Db, env: Env): Promise<boolean> => env.WORKBENCH_DEMO_MODE ?? (await listUsers(db)).some((u) => u.isDemo);
