import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, sqliteConnection } from "../../workbench/store/db";
import { constraintFailed, freshDatabase, onPostgres } from "../support/test-database";

const dir = mkdtempSync(join(tmpdir(), "workbench-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("database file", () => {
  it("uses WAL (SQLite) and enforces one production version per model name", async () => {
    const db = onPostgres ? await freshDatabase() : await openDatabase(join(dir, "workbench.sqlite"));
    if (!onPostgres) expect(sqliteConnection(db).pragma("journal_mode", { simple: true })).toBe("wal");
    const insert = (version: string, status: string) =>
      db.run(
        `INSERT INTO model_versions (name, version, status, artifact_dir, sha256, card_json, registered_at, status_changed_at)
         VALUES ('hs6', ?, ?, 'x', 'abc', '{}', 'now', 'now')`,
        [version, status],
      );
    await insert("1", "production");
    await insert("2", "candidate");
    await expect(insert("3", "production")).rejects.toThrow(constraintFailed.unique);
    await expect(db.run("UPDATE model_versions SET status = 'production' WHERE version = '2'")).rejects.toThrow(constraintFailed.unique);
    await expect(insert("4", "retired")).rejects.toThrow(constraintFailed.check);
    await db.close();
  });
});
