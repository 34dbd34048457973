import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { nowIso } from "../clock";
import { linkHash } from "./audit-chain";
import { MIGRATIONS } from "./migrations";

import type { Db, SqlValue } from "./sql";

export type { Db, SqlValue } from "./sql";

/**
 * SQLite through better-sqlite3 (synchronous underneath). One connection per process: while a transaction is open,
 * statements from elsewhere in the process wait for it, so they never land inside it; other processes wait on the
 * database's own lock (BEGIN IMMEDIATE, busy timeout).
 */
class SqliteDb implements Db {
  readonly dialect = "sqlite" as const;
  constructor(
    readonly raw: Database.Database,
    private readonly shared: { open: Promise<void> | null; statements: Map<string, Database.Statement> },
    private readonly inTransaction = false,
  ) {}

  private statement(sql: string): Database.Statement {
    let s = this.shared.statements.get(sql);
    if (!s) {
      s = this.raw.prepare(sql);
      this.shared.statements.set(sql, s);
    }
    return s;
  }
  async all<T = unknown>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    if (!this.inTransaction) while (this.shared.open) await this.shared.open;
    return this.statement(sql).all(...params) as T[];
  }
  async get<T = unknown>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    if (!this.inTransaction) while (this.shared.open) await this.shared.open;
    return this.statement(sql).get(...params) as T | undefined;
  }
  async value<T = unknown>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    if (!this.inTransaction) while (this.shared.open) await this.shared.open;
    const statement = this.statement(sql).raw(true);
    try {
      return (statement.get(...params) as unknown[] | undefined)?.[0] as T | undefined;
    } finally {
      statement.raw(false);
    }
  }
  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    if (!this.inTransaction) while (this.shared.open) await this.shared.open;
    const s = this.statement(sql);
    // a statement that returns rows (RETURNING) cannot be run(); its rows are counted instead
    return s.reader ? { changes: s.all(...params).length } : { changes: s.run(...params).changes };
  }
  async exec(sql: string): Promise<void> {
    if (!this.inTransaction) while (this.shared.open) await this.shared.open;
    this.raw.exec(sql);
    // a schema change invalidates prepared statements
    this.shared.statements.clear();
  }
  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    // the check and BEGIN run in one synchronous step, so two callers never both see the connection free
    while (this.shared.open) await this.shared.open;
    let done!: () => void;
    this.shared.open = new Promise<void>((resolve) => (done = resolve));
    try {
      this.raw.exec("BEGIN IMMEDIATE");
      try {
        const result = await fn(new SqliteDb(this.raw, this.shared, true));
        this.raw.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.raw.inTransaction) this.raw.exec("ROLLBACK");
        throw error;
      }
    } finally {
      this.shared.open = null;
      done();
    }
  }
  async exclusive<T>(_name: string, fn: () => Promise<T>): Promise<T> {
    return fn();
  }
  async close(): Promise<void> {
    if (!this.inTransaction) while (this.shared.open) await this.shared.open;
    this.raw.close();
  }
}

/** Opens (creating if needed) the registry database in WAL mode and applies pending migrations. */
export async function openDatabase(file: string): Promise<Db> {
  if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma("busy_timeout = 5000");
  // the audit log's hash chain is computed inside the INSERT (audit.ts), under the write lock
  raw.function("audit_link", { deterministic: true }, (previous: unknown, content: unknown) =>
    linkHash(previous === null ? null : String(previous), String(content)),
  );
  const db = new SqliteDb(raw, { open: null, statements: new Map() });
  await migrate(db);
  return db;
}

/** The better-sqlite3 connection under a SQLite store (file-level checks and tests only). */
export const sqliteConnection = (db: Db): Database.Database => (db as SqliteDb).raw;

export const DATABASE_FILE_NAME = "workbench.sqlite";

export function databaseFile(dataDir: string): string {
  return join(dataDir, DATABASE_FILE_NAME);
}

export async function migrate(db: Db): Promise<{ applied: string[] }> {
  return db.exclusive("migrations", () => migrateNow(db));
}

async function migrateNow(db: Db): Promise<{ applied: string[] }> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const done = new Set((await db.all<{ version: number }>("SELECT version FROM schema_migrations")).map((r) => r.version));
  const applied: string[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    await db.transaction(async (db) => {
      await db.exec(m[db.dialect]);
      await m.after?.(db);
      await db.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [m.version, m.name, nowIso()]);
    });
    applied.push(`${m.version} ${m.name}`);
  }
  return { applied };
}
