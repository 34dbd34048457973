// Which registry engine a test runs on, and fresh databases on it: the integration tests of the store, promotion,
// audit and API run once on SQLite and once on PostgreSQL (vitest project "postgres", see vitest.config.ts).
import { randomBytes } from "node:crypto";
import { createDatabase } from "./postgres-server";
import { migrate, openDatabase, type Db } from "../../workbench/store/db";
import { connectPostgres } from "../../workbench/store/postgres";

export const onPostgres = Boolean(process.env.WORKBENCH_TEST_POSTGRES_ADMIN_URL);

/** A new, empty PostgreSQL database on the test server; its address. */
export const freshPostgresUrl = (): Promise<string> =>
  createDatabase(process.env.WORKBENCH_TEST_POSTGRES_ADMIN_URL!, `t_${randomBytes(6).toString("hex")}`);

/** A fresh, migrated registry database: in-memory SQLite, or a new PostgreSQL database on the PostgreSQL run. */
export async function freshDatabase(): Promise<Db> {
  if (!onPostgres) return openDatabase(":memory:");
  const db = await connectPostgres(await freshPostgresUrl(), { max: 4 });
  await migrate(db);
  return db;
}

/** The same refusal in each engine's words (tests assert that the database itself refuses). */
export const constraintFailed = {
  unique: /UNIQUE constraint failed|duplicate key value violates unique constraint/,
  check: /CHECK constraint failed|violates check constraint/,
};
