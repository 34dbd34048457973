// What the store's code sees of the registry database, whichever engine holds it (db.ts opens one).
export type SqlValue = string | number | bigint | null | Uint8Array;

/**
 * The registry database. Every call is asynchronous so that a networked engine (PostgreSQL) and the embedded one
 * (SQLite) run the same code. Statements use `?` placeholders.
 */
export interface Db {
  readonly dialect: "sqlite" | "postgres";
  all<T = unknown>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T = unknown>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** the first column of the first row */
  value<T = unknown>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** statements without parameters (migrations) */
  exec(sql: string): Promise<void>;
  /**
   * One transaction: `fn` runs its statements through the handle it is given (never through the outer one), commits
   * when it resolves and rolls back when it throws. Called on a transaction's handle, joins that transaction.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` while no other process holds the same named lock (instances starting together migrate and seed one
   * after the other). SQLite: one writer at a time already, so `fn` just runs.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
