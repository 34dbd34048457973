import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { nowIso } from "../clock";
import { linkHash } from "./audit-chain";
import { MIGRATIONS } from "./migrations";

export type Db = Database.Database;

/** Opens (creating if needed) the registry database in WAL mode and applies pending migrations. */
export function openDatabase(file: string): Db {
  if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  // the audit log's hash chain is computed inside the INSERT (audit.ts), under the write lock
  db.function("audit_link", { deterministic: true }, (previous: unknown, content: unknown) =>
    linkHash(previous === null ? null : String(previous), String(content)),
  );
  migrate(db);
  return db;
}

export const DATABASE_FILE_NAME = "workbench.sqlite";

export function databaseFile(dataDir: string): string {
  return join(dataDir, DATABASE_FILE_NAME);
}

export function migrate(db: Db): { applied: string[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const done = new Set(db.prepare("SELECT version FROM schema_migrations").pluck().all() as number[]);
  const applied: string[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.after?.(db);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(m.version, m.name, nowIso());
    })();
    applied.push(`${m.version} ${m.name}`);
  }
  return { applied };
}
