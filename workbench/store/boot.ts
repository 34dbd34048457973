import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import type { Env } from "../config/env";
import { SYSTEM_ACTOR } from "./audit";
import { databaseFile, openDatabase, type Db } from "./db";
import { generatePassword, verifyPassword } from "./password";
import { createUser, listUsers, setPassword, type Role } from "./users";
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

export interface Store {
  db: Db;
  dataDir: string;
  sessionSecret: string;
}

/** Opens the data directory: creates it, migrates the database and keeps a session secret. */
export function openStore(env: Env): Store {
  const dataDir = resolve(env.WORKBENCH_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(databaseFile(dataDir));
  return { db, dataDir, sessionSecret: env.SESSION_SECRET ?? persistentSecret(dataDir) };
}

/** Without SESSION_SECRET, one is generated on first start and kept in the data directory (mode 600). */
function persistentSecret(dataDir: string): string {
  const file = join(dataDir, SECRET_FILE);
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
 * Seeds the demo users on an empty database. Passwords come from WORKBENCH_DEMO_PASSWORD or are
 * generated and written to data/demo-accounts.txt (mode 600) so a presenter can find them again.
 * When WORKBENCH_DEMO_PASSWORD is set, the demo accounts are reset to it on every start.
 */
export async function seedDemo(store: Store, env: Env): Promise<SeedReport> {
  const accountsFile = join(store.dataDir, ACCOUNTS_FILE);
  if (!env.WORKBENCH_SEED_DEMO) return { models: { registered: [], refused: [] }, created: false, accounts: [], accountsFile: null };
  const models = seedModelVersions(store.db, repoRoot());
  const existing = listUsers(store.db);
  if (existing.length === 0) {
    const accounts = [];
    for (const u of DEMO_USERS) {
      const password = env.WORKBENCH_DEMO_PASSWORD ?? generatePassword();
      await createUser(store.db, { ...u, password, isDemo: true }, SYSTEM_ACTOR, { breakGlass: true });
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
  if (env.WORKBENCH_DEMO_PASSWORD) {
    for (const u of demo) {
      const row = store.db.prepare("SELECT password_hash FROM users WHERE id = ?").get(u.id) as { password_hash: string };
      if (!(await verifyPassword(env.WORKBENCH_DEMO_PASSWORD, row.password_hash))) {
        await setPassword(store.db, u.id, env.WORKBENCH_DEMO_PASSWORD, SYSTEM_ACTOR);
      }
    }
  }
  const saved = readAccountsFile(accountsFile);
  return {
    models,
    created: false,
    accounts: demo.map((u) => ({
      username: u.username,
      role: u.role,
      password: env.WORKBENCH_DEMO_PASSWORD ?? saved.get(u.username) ?? null,
    })),
    accountsFile: existsSync(accountsFile) ? accountsFile : null,
  };
}

function readAccountsFile(file: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  const entries = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split("\t"))
    .filter((p) => p.length === 3)
    .map((p) => [p[0]!, p[2]!] as const);
  return new Map(entries);
}

export function formatSeedReport(report: SeedReport): string {
  const models =
    (report.models.registered.length ? `Registered shipped model versions: ${report.models.registered.join(", ")}\n` : "") +
    report.models.refused.map((r) => `Refused a shipped model artifact: ${r}\n`).join("");
  if (report.accounts.length === 0) return `${models}No demo accounts (WORKBENCH_SEED_DEMO=false or none left).`;
  const lines = [`${models}${report.created ? "Demo accounts created:" : "Demo accounts:"}`];
  for (const a of report.accounts) {
    lines.push(`  ${a.username.padEnd(10)} ${a.role.padEnd(8)} ${a.password ?? "(password changed since first start)"}`);
  }
  if (report.accountsFile) lines.push(`  (also in ${report.accountsFile})`);
  return lines.join("\n");
}
