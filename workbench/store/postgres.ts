// The registry on PostgreSQL (WORKBENCH_DATABASE_URL=postgres://…): the same Db as SQLite, over a pool of `pg`
// connections, for several app instances sharing one database.
import pg from "pg";
import type { Db, SqlValue } from "./sql";

// Counts and ids are BIGINT/INTEGER: JavaScript numbers here, as SQLite returns them (far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** `?` placeholders as PostgreSQL's `$1, $2, …` (outside quoted strings and identifiers). */
export function numberedPlaceholders(sql: string): string {
  let out = "";
  let n = 0;
  let quote: string | null = null;
  for (const c of sql) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "?") {
      out += `$${++n}`;
      continue;
    }
    out += c;
  }
  return out;
}

// A transaction that lost a race anyway (a serialization failure or deadlock, e.g. with a client outside the app) is
// run again from the start: its work is database-only, so running it again is safe.
const RETRYABLE = new Set(["40001", "40P01"]);
const MAX_ATTEMPTS = 8;

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

class PostgresDb implements Db {
  readonly dialect = "postgres" as const;
  constructor(
    private readonly pool: pg.Pool,
    private readonly client: Queryable,
    private readonly inTransaction = false,
  ) {}

  private async query(sql: string, params: readonly SqlValue[]) {
    return this.client.query({ text: numberedPlaceholders(sql), values: params as unknown[] });
  }
  async all<T = unknown>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.query(sql, params)).rows as T[];
  }
  async get<T = unknown>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return (await this.query(sql, params)).rows[0] as T | undefined;
  }
  async value<T = unknown>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    const result = await this.client.query({ text: numberedPlaceholders(sql), values: params as unknown[], rowMode: "array" });
    return (result.rows[0] as unknown[] | undefined)?.[0] as T | undefined;
  }
  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return { changes: (await this.query(sql, params)).rowCount ?? 0 };
  }
  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }
  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        // One transaction at a time, as on SQLite (BEGIN IMMEDIATE): every transaction first takes the same lock, and
        // under READ COMMITTED each statement after it sees everything committed before. Serialisable isolation
        // alone let eight concurrent audit writers (the hash chain reads the last entry) fail over and over.
        await client.query("BEGIN");
        await client.query("SELECT pg_advisory_xact_lock(hashtext('hs-model-workbench:transaction'))");
        const result = await fn(new PostgresDb(this.pool, client, true));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        const code = (error as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attempt === MAX_ATTEMPTS) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
      } finally {
        client.release();
      }
    }
  }
  async exclusive<T>(name: string, fn: () => Promise<T>): Promise<T> {
    // a session-level advisory lock on a connection of its own, held while fn works through the pool
    const client = await this.pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock(hashtext($1))", [`hs-model-workbench:${name}`]);
      try {
        return await fn();
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtext($1))", [`hs-model-workbench:${name}`]);
      }
    } finally {
      client.release();
    }
  }
  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Connects to the registry database and checks that it answers (migrations are applied by the caller). */
export async function connectPostgres(url: string, options: { max?: number } = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, application_name: "hs-model-workbench" });
  // an idle connection dropped by the server must not crash the process; the next query gets a fresh one
  pool.on("error", () => undefined);
  await pool.query("SELECT 1");
  return new PostgresDb(pool, pool);
}
