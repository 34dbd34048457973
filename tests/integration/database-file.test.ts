import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../workbench/store/db";

const dir = mkdtempSync(join(tmpdir(), "workbench-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("database file", () => {
  it("uses WAL and enforces one production version per model name", () => {
    const db = openDatabase(join(dir, "workbench.sqlite"));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    const insert = db.prepare(
      `INSERT INTO model_versions (name, version, status, artifact_dir, sha256, card_json, registered_at, status_changed_at)
       VALUES ('hs6', ?, ?, 'x', 'abc', '{}', 'now', 'now')`,
    );
    insert.run("1", "production");
    insert.run("2", "candidate");
    expect(() => insert.run("3", "production")).toThrow(/UNIQUE constraint failed/);
    expect(() => db.prepare("UPDATE model_versions SET status = 'production' WHERE version = '2'").run()).toThrow(/UNIQUE/);
    expect(() => insert.run("4", "retired")).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
