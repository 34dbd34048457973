// Schema migrations, applied in order inside one transaction each. Never edit a shipped one: add a new one.
import type { Db } from "./sql";
import { entryContent, linkHash, type ChainedFields } from "./audit-chain";

/**
 * Each migration in both dialects: the same tables, constraints and triggers on SQLite (the default) and PostgreSQL
 * (WORKBENCH_DATABASE_URL). PostgreSQL also refuses TRUNCATE on the append-only tables (SQLite has no TRUNCATE).
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
  after?: (db: Db) => Promise<void>;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "users, tokens, registry, audit",
    sqlite: /* sql */ `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 2 AND 64),
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
        password_hash TEXT NOT NULL,
        is_demo INTEGER NOT NULL DEFAULT 0,
        disabled_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE api_tokens (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        name TEXT NOT NULL,
        prefix TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        expires_at TEXT,
        last_used_at TEXT,
        revoked_at TEXT
      );

      CREATE TABLE login_attempts (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL COLLATE NOCASE,
        client TEXT NOT NULL,
        at INTEGER NOT NULL,
        succeeded INTEGER NOT NULL
      );
      CREATE INDEX login_attempts_recent ON login_attempts(username, at);

      CREATE TABLE model_versions (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('candidate', 'production', 'archived')),
        artifact_dir TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        card_json TEXT NOT NULL,
        registered_by INTEGER REFERENCES users(id),
        registered_at TEXT NOT NULL,
        status_changed_at TEXT NOT NULL,
        UNIQUE (name, version)
      );
      -- Exactly one production version per model name: the database refuses a second.
      CREATE UNIQUE INDEX model_versions_one_production ON model_versions(name) WHERE status = 'production';

      CREATE TABLE evaluations (
        id INTEGER PRIMARY KEY,
        model_version_id INTEGER NOT NULL REFERENCES model_versions(id),
        set_name TEXT NOT NULL,
        set_hash TEXT NOT NULL,
        model_sha256 TEXT NOT NULL,
        metrics_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (model_version_id, set_hash)
      );

      CREATE TABLE promotion_requests (
        id INTEGER PRIMARY KEY,
        model_name TEXT NOT NULL,
        candidate_version_id INTEGER NOT NULL REFERENCES model_versions(id),
        baseline_version_id INTEGER REFERENCES model_versions(id),
        evaluation_set TEXT NOT NULL,
        report_json TEXT NOT NULL,
        gates_json TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'approved', 'rejected', 'withdrawn')),
        requested_by INTEGER NOT NULL REFERENCES users(id),
        requested_at TEXT NOT NULL,
        decided_by INTEGER REFERENCES users(id),
        decided_at TEXT,
        decision_comment TEXT,
        gate_override INTEGER NOT NULL DEFAULT 0,
        CHECK (decided_by IS NULL OR decided_by <> requested_by)
      );

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor_id INTEGER,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target_type TEXT,
        target_id TEXT,
        before_json TEXT,
        after_json TEXT,
        client TEXT
      );
      CREATE INDEX audit_log_at ON audit_log(at);
      CREATE INDEX audit_log_action ON audit_log(action, at);

      -- The audit log is append-only: the database itself refuses to change or remove an entry.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted'); END;
    `,
    postgres: /* sql */ `
      -- Usernames compare without case, as SQLite's COLLATE NOCASE does.
      CREATE EXTENSION IF NOT EXISTS citext;
      -- What the append-only triggers call: refuses the change with the trigger's message.
      CREATE FUNCTION workbench_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
      END $$;
      -- The audit chain's link, as audit-chain.ts computes it: hex sha256 of the previous hash, a newline, the content.
      CREATE FUNCTION audit_link(previous TEXT, content TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(coalesce(previous, '') || E'\\n' || content, 'UTF8')), 'hex')
      $$;

      CREATE TABLE users (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        username CITEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 2 AND 64),
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
        password_hash TEXT NOT NULL,
        is_demo INTEGER NOT NULL DEFAULT 0,
        disabled_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE api_tokens (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        name TEXT NOT NULL,
        prefix TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        expires_at TEXT,
        last_used_at TEXT,
        revoked_at TEXT
      );

      CREATE TABLE login_attempts (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        username CITEXT NOT NULL,
        client TEXT NOT NULL,
        at BIGINT NOT NULL, -- milliseconds since 1970
        succeeded INTEGER NOT NULL
      );
      CREATE INDEX login_attempts_recent ON login_attempts(username, at);

      CREATE TABLE model_versions (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('candidate', 'production', 'archived')),
        artifact_dir TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        card_json TEXT NOT NULL,
        registered_by INTEGER REFERENCES users(id),
        registered_at TEXT NOT NULL,
        status_changed_at TEXT NOT NULL,
        UNIQUE (name, version)
      );
      -- Exactly one production version per model name: the database refuses a second.
      CREATE UNIQUE INDEX model_versions_one_production ON model_versions(name) WHERE status = 'production';

      CREATE TABLE evaluations (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        model_version_id INTEGER NOT NULL REFERENCES model_versions(id),
        set_name TEXT NOT NULL,
        set_hash TEXT NOT NULL,
        model_sha256 TEXT NOT NULL,
        metrics_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (model_version_id, set_hash)
      );

      CREATE TABLE promotion_requests (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        model_name TEXT NOT NULL,
        candidate_version_id INTEGER NOT NULL REFERENCES model_versions(id),
        baseline_version_id INTEGER REFERENCES model_versions(id),
        evaluation_set TEXT NOT NULL,
        report_json TEXT NOT NULL,
        gates_json TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'approved', 'rejected', 'withdrawn')),
        requested_by INTEGER NOT NULL REFERENCES users(id),
        requested_at TEXT NOT NULL,
        decided_by INTEGER REFERENCES users(id),
        decided_at TEXT,
        decision_comment TEXT,
        gate_override INTEGER NOT NULL DEFAULT 0,
        CHECK (decided_by IS NULL OR decided_by <> requested_by)
      );

      CREATE TABLE audit_log (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        at TEXT NOT NULL,
        actor_id INTEGER,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target_type TEXT,
        target_id TEXT,
        before_json TEXT,
        after_json TEXT,
        client TEXT
      );
      CREATE INDEX audit_log_at ON audit_log(at);
      CREATE INDEX audit_log_action ON audit_log(action, at);

      -- The audit log is append-only: the database itself refuses to change or remove an entry.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
      EXECUTE FUNCTION workbench_refuse('audit_log is append-only: entries cannot be changed');
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW
      EXECUTE FUNCTION workbench_refuse('audit_log is append-only: entries cannot be deleted');
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      EXECUTE FUNCTION workbench_refuse('audit_log is append-only: entries cannot be deleted');
    `,
  },
  {
    version: 2,
    name: "prediction cache",
    sqlite: /* sql */ `
      -- Predictions of one model (by artifact sha256) on one evaluation set (by content hash), computed once.
      CREATE TABLE prediction_cache (
        model_sha256 TEXT NOT NULL,
        set_hash TEXT NOT NULL,
        set_id TEXT NOT NULL,
        lines INTEGER NOT NULL,
        top_k INTEGER NOT NULL,
        codes TEXT NOT NULL, -- lines × top_k six-digit codes, concatenated, best first
        probabilities BLOB NOT NULL, -- lines × top_k float32, little-endian
        created_at TEXT NOT NULL,
        PRIMARY KEY (model_sha256, set_hash)
      );
    `,
    postgres: /* sql */ `
      -- Predictions of one model (by artifact sha256) on one evaluation set (by content hash), computed once.
      CREATE TABLE prediction_cache (
        model_sha256 TEXT NOT NULL,
        set_hash TEXT NOT NULL,
        set_id TEXT NOT NULL,
        lines INTEGER NOT NULL,
        top_k INTEGER NOT NULL,
        codes TEXT NOT NULL, -- lines × top_k six-digit codes, concatenated, best first
        probabilities BYTEA NOT NULL, -- lines × top_k float32, little-endian
        created_at TEXT NOT NULL,
        PRIMARY KEY (model_sha256, set_hash)
      );
    `,
  },
  {
    version: 3,
    name: "single production slot, production history, webhook deliveries",
    sqlite: /* sql */ `
      -- The workbench serves one HS classifier: one version in production at a time, whatever configuration
      -- (name) it was trained from. Stronger than, and kept beside, the one-per-name index.
      CREATE UNIQUE INDEX model_versions_single_production ON model_versions(status) WHERE status = 'production';

      -- Which version was in production from when to when: the answer to "what was in production at X".
      CREATE TABLE production_history (
        id INTEGER PRIMARY KEY,
        model_name TEXT NOT NULL,
        model_version_id INTEGER NOT NULL REFERENCES model_versions(id),
        started_at TEXT NOT NULL,
        ended_at TEXT,
        started_by TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('seed', 'promotion', 'rollback')),
        promotion_request_id INTEGER REFERENCES promotion_requests(id),
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      );
      CREATE UNIQUE INDEX production_history_one_open ON production_history((ended_at IS NULL)) WHERE ended_at IS NULL;
      CREATE TRIGGER production_history_no_delete BEFORE DELETE ON production_history
      BEGIN SELECT RAISE(ABORT, 'production history cannot be deleted'); END;
      INSERT INTO production_history (model_name, model_version_id, started_at, started_by, reason)
        SELECT name, id, status_changed_at, 'system', 'seed' FROM model_versions WHERE status = 'production';

      CREATE TABLE webhook_deliveries (
        id INTEGER PRIMARY KEY,
        event TEXT NOT NULL,
        url TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT NOT NULL,
        next_attempt_at TEXT,
        delivered_at TEXT
      );
    `,
    postgres: /* sql */ `
      -- The workbench serves one HS classifier: one version in production at a time, whatever configuration
      -- (name) it was trained from. Stronger than, and kept beside, the one-per-name index.
      CREATE UNIQUE INDEX model_versions_single_production ON model_versions(status) WHERE status = 'production';

      -- Which version was in production from when to when: the answer to "what was in production at X".
      CREATE TABLE production_history (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        model_name TEXT NOT NULL,
        model_version_id INTEGER NOT NULL REFERENCES model_versions(id),
        started_at TEXT NOT NULL,
        ended_at TEXT,
        started_by TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('seed', 'promotion', 'rollback')),
        promotion_request_id INTEGER REFERENCES promotion_requests(id),
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      );
      CREATE UNIQUE INDEX production_history_one_open ON production_history((ended_at IS NULL)) WHERE ended_at IS NULL;
      CREATE TRIGGER production_history_no_delete BEFORE DELETE ON production_history FOR EACH ROW
      EXECUTE FUNCTION workbench_refuse('production history cannot be deleted');
      CREATE TRIGGER production_history_no_truncate BEFORE TRUNCATE ON production_history
      EXECUTE FUNCTION workbench_refuse('production history cannot be deleted');
      INSERT INTO production_history (model_name, model_version_id, started_at, started_by, reason)
        SELECT name, id, status_changed_at, 'system', 'seed' FROM model_versions WHERE status = 'production';

      CREATE TABLE webhook_deliveries (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        event TEXT NOT NULL,
        url TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT NOT NULL,
        next_attempt_at TEXT,
        delivered_at TEXT
      );
    `,
  },
  {
    version: 4,
    name: "server-side sessions",
    sqlite: /* sql */ `
      -- A signed-in browser holds only a random session id; the server decides whether it is still valid, so
      -- logout, password and role changes, disabling and "end all my sessions" take effect at once.
      CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        id_hash TEXT NOT NULL UNIQUE,
        user_id INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        client TEXT,
        ended_at TEXT,
        end_reason TEXT
      );
      CREATE INDEX sessions_user ON sessions(user_id) WHERE ended_at IS NULL;
    `,
    postgres: /* sql */ `
      -- A signed-in browser holds only a random session id; the server decides whether it is still valid, so
      -- logout, password and role changes, disabling and "end all my sessions" take effect at once.
      CREATE TABLE sessions (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        id_hash TEXT NOT NULL UNIQUE,
        user_id INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        client TEXT,
        ended_at TEXT,
        end_reason TEXT
      );
      CREATE INDEX sessions_user ON sessions(user_id) WHERE ended_at IS NULL;
    `,
  },
  {
    version: 5,
    name: "separation of duties: admin grants, credentials of decisions",
    sqlite: /* sql */ `
      -- Since when a user holds the admin role and who asked for / confirmed it: a promotion counts only an approval
      -- from an admin who held the role before the request and did not get it from the requester.
      ALTER TABLE users ADD COLUMN admin_since TEXT;
      ALTER TABLE users ADD COLUMN admin_granted_by INTEGER REFERENCES users(id);
      ALTER TABLE users ADD COLUMN admin_confirmed_by INTEGER REFERENCES users(id);
      UPDATE users SET admin_since = created_at WHERE role = 'admin';

      -- Granting the admin role on the Users page needs a second admin's confirmation.
      CREATE TABLE role_grants (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        role TEXT NOT NULL CHECK (role = 'admin'),
        requested_by INTEGER NOT NULL REFERENCES users(id),
        requested_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
        decided_by INTEGER REFERENCES users(id),
        decided_at TEXT,
        CHECK (decided_by IS NULL OR (decided_by <> requested_by AND decided_by <> user_id))
      );
      CREATE UNIQUE INDEX role_grants_one_pending ON role_grants(user_id) WHERE status = 'pending';

      -- Which credential decided a promotion (a session, or which API token and who made it).
      ALTER TABLE promotion_requests ADD COLUMN decided_via TEXT;
      ALTER TABLE api_tokens ADD COLUMN created_by TEXT;
    `,
    postgres: /* sql */ `
      -- Since when a user holds the admin role and who asked for / confirmed it: a promotion counts only an approval
      -- from an admin who held the role before the request and did not get it from the requester.
      ALTER TABLE users ADD COLUMN admin_since TEXT;
      ALTER TABLE users ADD COLUMN admin_granted_by INTEGER REFERENCES users(id);
      ALTER TABLE users ADD COLUMN admin_confirmed_by INTEGER REFERENCES users(id);
      UPDATE users SET admin_since = created_at WHERE role = 'admin';

      -- Granting the admin role on the Users page needs a second admin's confirmation.
      CREATE TABLE role_grants (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        role TEXT NOT NULL CHECK (role = 'admin'),
        requested_by INTEGER NOT NULL REFERENCES users(id),
        requested_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
        decided_by INTEGER REFERENCES users(id),
        decided_at TEXT,
        CHECK (decided_by IS NULL OR (decided_by <> requested_by AND decided_by <> user_id))
      );
      CREATE UNIQUE INDEX role_grants_one_pending ON role_grants(user_id) WHERE status = 'pending';

      -- Which credential decided a promotion (a session, or which API token and who made it).
      ALTER TABLE promotion_requests ADD COLUMN decided_via TEXT;
      ALTER TABLE api_tokens ADD COLUMN created_by TEXT;
    `,
  },
  {
    version: 6,
    name: "tamper-evident history: audit hash chain, decided requests and ended history rows frozen",
    sqlite: /* sql */ `
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
      ALTER TABLE audit_log ADD COLUMN hash TEXT;

      -- A history row may only be ended, once; nothing else about it changes.
      CREATE TRIGGER production_history_append_only BEFORE UPDATE ON production_history
      WHEN OLD.ended_at IS NOT NULL OR NEW.model_name IS NOT OLD.model_name OR NEW.model_version_id IS NOT OLD.model_version_id
        OR NEW.started_at IS NOT OLD.started_at OR NEW.started_by IS NOT OLD.started_by OR NEW.reason IS NOT OLD.reason
        OR NEW.promotion_request_id IS NOT OLD.promotion_request_id
      BEGIN SELECT RAISE(ABORT, 'production history is append-only: a row can only be ended, once'); END;

      -- A request is decided once; what was requested, by whom, and the frozen evidence never change.
      CREATE TRIGGER promotion_requests_append_only BEFORE UPDATE ON promotion_requests
      WHEN OLD.status <> 'open' OR NEW.model_name IS NOT OLD.model_name OR NEW.candidate_version_id IS NOT OLD.candidate_version_id
        OR NEW.baseline_version_id IS NOT OLD.baseline_version_id OR NEW.evaluation_set IS NOT OLD.evaluation_set
        OR NEW.report_json IS NOT OLD.report_json OR NEW.gates_json IS NOT OLD.gates_json OR NEW.requested_by IS NOT OLD.requested_by
        OR NEW.requested_at IS NOT OLD.requested_at
      BEGIN SELECT RAISE(ABORT, 'promotion requests are append-only: only an open request can be decided, once'); END;
      CREATE TRIGGER promotion_requests_no_delete BEFORE DELETE ON promotion_requests
      BEGIN SELECT RAISE(ABORT, 'promotion requests cannot be deleted'); END;

      CREATE TRIGGER role_grants_append_only BEFORE UPDATE ON role_grants
      WHEN OLD.status <> 'pending' OR NEW.user_id IS NOT OLD.user_id OR NEW.requested_by IS NOT OLD.requested_by
        OR NEW.requested_at IS NOT OLD.requested_at
      BEGIN SELECT RAISE(ABORT, 'admin grants are append-only: only a pending grant can be decided, once'); END;
      CREATE TRIGGER role_grants_no_delete BEFORE DELETE ON role_grants
      BEGIN SELECT RAISE(ABORT, 'admin grants cannot be deleted'); END;
    `,
    postgres: /* sql */ `
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
      ALTER TABLE audit_log ADD COLUMN hash TEXT;

      -- A history row may only be ended, once; nothing else about it changes.
      CREATE TRIGGER production_history_append_only BEFORE UPDATE ON production_history FOR EACH ROW
      WHEN (OLD.ended_at IS NOT NULL OR NEW.model_name IS DISTINCT FROM OLD.model_name OR NEW.model_version_id IS DISTINCT FROM OLD.model_version_id OR NEW.started_at IS DISTINCT FROM OLD.started_at OR NEW.started_by IS DISTINCT FROM OLD.started_by OR NEW.reason IS DISTINCT FROM OLD.reason OR NEW.promotion_request_id IS DISTINCT FROM OLD.promotion_request_id)
      EXECUTE FUNCTION workbench_refuse('production history is append-only: a row can only be ended, once');

      -- A request is decided once; what was requested, by whom, and the frozen evidence never change.
      CREATE TRIGGER promotion_requests_append_only BEFORE UPDATE ON promotion_requests FOR EACH ROW
      WHEN (OLD.status <> 'open' OR NEW.model_name IS DISTINCT FROM OLD.model_name OR NEW.candidate_version_id IS DISTINCT FROM OLD.candidate_version_id OR NEW.baseline_version_id IS DISTINCT FROM OLD.baseline_version_id OR NEW.evaluation_set IS DISTINCT FROM OLD.evaluation_set OR NEW.report_json IS DISTINCT FROM OLD.report_json OR NEW.gates_json IS DISTINCT FROM OLD.gates_json OR NEW.requested_by IS DISTINCT FROM OLD.requested_by OR NEW.requested_at IS DISTINCT FROM OLD.requested_at)
      EXECUTE FUNCTION workbench_refuse('promotion requests are append-only: only an open request can be decided, once');
      CREATE TRIGGER promotion_requests_no_delete BEFORE DELETE ON promotion_requests FOR EACH ROW
      EXECUTE FUNCTION workbench_refuse('promotion requests cannot be deleted');
      CREATE TRIGGER promotion_requests_no_truncate BEFORE TRUNCATE ON promotion_requests
      EXECUTE FUNCTION workbench_refuse('promotion requests cannot be deleted');

      CREATE TRIGGER role_grants_append_only BEFORE UPDATE ON role_grants FOR EACH ROW
      WHEN (OLD.status <> 'pending' OR NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.requested_by IS DISTINCT FROM OLD.requested_by OR NEW.requested_at IS DISTINCT FROM OLD.requested_at)
      EXECUTE FUNCTION workbench_refuse('admin grants are append-only: only a pending grant can be decided, once');
      CREATE TRIGGER role_grants_no_delete BEFORE DELETE ON role_grants FOR EACH ROW
      EXECUTE FUNCTION workbench_refuse('admin grants cannot be deleted');
      CREATE TRIGGER role_grants_no_truncate BEFORE TRUNCATE ON role_grants
      EXECUTE FUNCTION workbench_refuse('admin grants cannot be deleted');
    `,
    // chain the entries written before this version, in order (the append-only trigger is lifted for this alone)
    after: async (db) => {
      await db.exec(db.dialect === "postgres" ? "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update" : "DROP TRIGGER audit_log_no_update");
      const rows = await db.all<ChainedFields & { id: number }>("SELECT * FROM audit_log ORDER BY id");
      let previous: string | null = null;
      for (const row of rows) {
        const hash = linkHash(previous, entryContent(row));
        await db.run("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", [previous, hash, row.id]);
        previous = hash;
      }
      await db.exec(
        db.dialect === "postgres"
          ? "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update"
          : `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
             BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed'); END;`,
      );
    },
  },
  {
    version: 7,
    name: "seeded accounts choose their password",
    sqlite: /* sql */ `
      -- Outside demo mode the seeded accounts (known passwords) must set their own at first sign-in.
      ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
    `,
    postgres: /* sql */ `
      -- Outside demo mode the seeded accounts (known passwords) must set their own at first sign-in.
      ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
    `,
  },
  {
    version: 8,
    name: "versions of every kind: imported predictions",
    sqlite: /* sql */ `
      -- trained: an artifact built by this workbench; predictions: a file of another model's top-k codes on
      -- evaluation sets (it can be evaluated, compared and promoted, not run on new text); remote: an endpoint.
      ALTER TABLE model_versions ADD COLUMN kind TEXT NOT NULL DEFAULT 'trained' CHECK (kind IN ('trained', 'predictions', 'remote'));
      -- where the version came from, shown in the registry: the artifact folder or the imported file names
      ALTER TABLE model_versions ADD COLUMN source TEXT NOT NULL DEFAULT '';
      -- who registered it, by name (a CLI account has no user id)
      ALTER TABLE model_versions ADD COLUMN registered_by_name TEXT NOT NULL DEFAULT '';
      UPDATE model_versions SET source = artifact_dir,
        registered_by_name = COALESCE((SELECT a.actor FROM audit_log a WHERE a.action = 'model.register' AND a.target_id = CAST(model_versions.id AS TEXT) ORDER BY a.id LIMIT 1), '');

      -- The frozen predictions of a predictions version, one row per evaluation set: the evidence it is judged on.
      CREATE TABLE imported_predictions (
        version_id INTEGER NOT NULL REFERENCES model_versions(id),
        set_id TEXT NOT NULL,
        set_hash TEXT NOT NULL,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        lines INTEGER NOT NULL CHECK (lines > 0),
        top_k INTEGER NOT NULL CHECK (top_k BETWEEN 1 AND 20),
        codes TEXT NOT NULL, -- lines × top_k six-digit codes (blank-padded when a line has fewer), best first
        probabilities BLOB NOT NULL, -- lines × top_k float32, little-endian
        content_sha256 TEXT NOT NULL, -- of codes and probabilities: checked before a promotion
        imported_at TEXT NOT NULL,
        PRIMARY KEY (version_id, set_id)
      );
      CREATE TRIGGER imported_predictions_no_update BEFORE UPDATE ON imported_predictions
      BEGIN SELECT RAISE(ABORT, 'imported predictions are frozen: import a new version instead'); END;
      CREATE TRIGGER imported_predictions_no_delete BEFORE DELETE ON imported_predictions
      BEGIN SELECT RAISE(ABORT, 'imported predictions are frozen: import a new version instead'); END;
    `,
    postgres: /* sql */ `
      -- trained: an artifact built by this workbench; predictions: a file of another model's top-k codes on
      -- evaluation sets (it can be evaluated, compared and promoted, not run on new text); remote: an endpoint.
      ALTER TABLE model_versions ADD COLUMN kind TEXT NOT NULL DEFAULT 'trained' CHECK (kind IN ('trained', 'predictions', 'remote'));
      -- where the version came from, shown in the registry: the artifact folder or the imported file names
      ALTER TABLE model_versions ADD COLUMN source TEXT NOT NULL DEFAULT '';
      -- who registered it, by name (a CLI account has no user id)
      ALTER TABLE model_versions ADD COLUMN registered_by_name TEXT NOT NULL DEFAULT '';
      UPDATE model_versions SET source = artifact_dir,
        registered_by_name = COALESCE((SELECT a.actor FROM audit_log a WHERE a.action = 'model.register' AND a.target_id = CAST(model_versions.id AS TEXT) ORDER BY a.id LIMIT 1), '');

      -- The frozen predictions of a predictions version, one row per evaluation set: the evidence it is judged on.
      CREATE TABLE imported_predictions (
        version_id INTEGER NOT NULL REFERENCES model_versions(id),
        set_id TEXT NOT NULL,
        set_hash TEXT NOT NULL,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        lines INTEGER NOT NULL CHECK (lines > 0),
        top_k INTEGER NOT NULL CHECK (top_k BETWEEN 1 AND 20),
        codes TEXT NOT NULL, -- lines × top_k six-digit codes (blank-padded when a line has fewer), best first
        probabilities BYTEA NOT NULL, -- lines × top_k float32, little-endian
        content_sha256 TEXT NOT NULL, -- of codes and probabilities: checked before a promotion
        imported_at TEXT NOT NULL,
        PRIMARY KEY (version_id, set_id)
      );
      CREATE TRIGGER imported_predictions_no_update BEFORE UPDATE ON imported_predictions FOR EACH ROW
      EXECUTE FUNCTION workbench_refuse('imported predictions are frozen: import a new version instead');
      CREATE TRIGGER imported_predictions_no_delete BEFORE DELETE ON imported_predictions FOR EACH ROW
      EXECUTE FUNCTION workbench_refuse('imported predictions are frozen: import a new version instead');
      CREATE TRIGGER imported_predictions_no_truncate BEFORE TRUNCATE ON imported_predictions
      EXECUTE FUNCTION workbench_refuse('imported predictions are frozen: import a new version instead');
    `,
  },
  {
    version: 9,
    name: "remote model versions",
    sqlite: /* sql */ `
      -- A remote version: an HTTP endpoint that classifies, and how to call it. Frozen like an artifact: the answers it
      -- gave to a fixed probe set at registration are the canary checked before a promotion.
      CREATE TABLE remote_endpoints (
        version_id INTEGER PRIMARY KEY REFERENCES model_versions(id),
        url TEXT NOT NULL,
        protocol TEXT NOT NULL CHECK (protocol IN ('workbench', 'kserve-v2')),
        remote_model TEXT, -- the model's name on the endpoint (KServe), or the version the workbench API is asked for
        credential_env TEXT, -- the environment variable holding the bearer token, or
        credential_sealed BLOB, -- the token sealed with the data directory's credentials key (AES-256-GCM)
        timeout_ms INTEGER NOT NULL CHECK (timeout_ms BETWEEN 100 AND 600000),
        concurrency INTEGER NOT NULL CHECK (concurrency BETWEEN 1 AND 64),
        batch_size INTEGER NOT NULL CHECK (batch_size BETWEEN 1 AND 1000),
        probe_json TEXT NOT NULL,
        CHECK (credential_env IS NULL OR credential_sealed IS NULL)
      );
      CREATE TRIGGER remote_endpoints_no_update BEFORE UPDATE ON remote_endpoints
      BEGIN SELECT RAISE(ABORT, 'a remote version is frozen: register a new version for another endpoint'); END;
      CREATE TRIGGER remote_endpoints_no_delete BEFORE DELETE ON remote_endpoints
      BEGIN SELECT RAISE(ABORT, 'a remote version is frozen: register a new version for another endpoint'); END;
    `,
    postgres: /* sql */ `
      -- A remote version: an HTTP endpoint that classifies, and how to call it. Frozen like an artifact: the answers it
      -- gave to a fixed probe set at registration are the canary checked before a promotion.
      CREATE TABLE remote_endpoints (
        version_id INTEGER PRIMARY KEY REFERENCES model_versions(id),
        url TEXT NOT NULL,
        protocol TEXT NOT NULL CHECK (protocol IN ('workbench', 'kserve-v2')),
        remote_model TEXT, -- the model's name on the endpoint (KServe), or the version the workbench API is asked for
        credential_env TEXT, -- the environment variable holding the bearer token, or
        credential_sealed BYTEA, -- the token sealed with the data directory's credentials key (AES-256-GCM)
        timeout_ms INTEGER NOT NULL CHECK (timeout_ms BETWEEN 100 AND 600000),
        concurrency INTEGER NOT NULL CHECK (concurrency BETWEEN 1 AND 64),
        batch_size INTEGER NOT NULL CHECK (batch_size BETWEEN 1 AND 1000),
        probe_json TEXT NOT NULL,
        CHECK (credential_env IS NULL OR credential_sealed IS NULL)
      );
      CREATE TRIGGER remote_endpoints_no_update BEFORE UPDATE ON remote_endpoints FOR EACH ROW
      EXECUTE FUNCTION workbench_refuse('a remote version is frozen: register a new version for another endpoint');
      CREATE TRIGGER remote_endpoints_no_delete BEFORE DELETE ON remote_endpoints FOR EACH ROW
      EXECUTE FUNCTION workbench_refuse('a remote version is frozen: register a new version for another endpoint');
      CREATE TRIGGER remote_endpoints_no_truncate BEFORE TRUNCATE ON remote_endpoints
      EXECUTE FUNCTION workbench_refuse('a remote version is frozen: register a new version for another endpoint');
    `,
  },
  {
    version: 10,
    name: "notes on model versions",
    sqlite: /* sql */ `
      -- What people learned about a version, in their words: appended, never edited or removed.
      CREATE TABLE model_version_notes (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES model_versions(id),
        body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        author TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX model_version_notes_version ON model_version_notes(version_id, id);
      CREATE TRIGGER model_version_notes_no_update BEFORE UPDATE ON model_version_notes
      BEGIN SELECT RAISE(ABORT, 'notes are append-only'); END;
      CREATE TRIGGER model_version_notes_no_delete BEFORE DELETE ON model_version_notes
      BEGIN SELECT RAISE(ABORT, 'notes are append-only'); END;
    `,
    postgres: /* sql */ `
      -- What people learned about a version, in their words: appended, never edited or removed.
      CREATE TABLE model_version_notes (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES model_versions(id),
        body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        author TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX model_version_notes_version ON model_version_notes(version_id, id);
      CREATE TRIGGER model_version_notes_no_update BEFORE UPDATE ON model_version_notes FOR EACH ROW
      EXECUTE FUNCTION workbench_refuse('notes are append-only');
      CREATE TRIGGER model_version_notes_no_delete BEFORE DELETE ON model_version_notes FOR EACH ROW
      EXECUTE FUNCTION workbench_refuse('notes are append-only');
      CREATE TRIGGER model_version_notes_no_truncate BEFORE TRUNCATE ON model_version_notes
      EXECUTE FUNCTION workbench_refuse('notes are append-only');
    `,
  },
  {
    version: 11,
    name: "shared API request budgets",
    sqlite: /* sql */ `
      -- /api/classify's token buckets (per token and per user), kept in the database so that every app instance
      -- draws on the same budget.
      CREATE TABLE api_request_buckets (
        key TEXT PRIMARY KEY,
        tokens REAL NOT NULL,
        at INTEGER NOT NULL -- milliseconds since 1970
      );
    `,
    postgres: /* sql */ `
      CREATE TABLE api_request_buckets (
        key TEXT PRIMARY KEY,
        tokens DOUBLE PRECISION NOT NULL,
        at BIGINT NOT NULL -- milliseconds since 1970
      );
    `,
  },
  {
    version: 12,
    name: "cached predictions carry the revision of the code that made them",
    sqlite: /* sql */ `
      -- Predictions cached before this revision was recorded are recomputed once (prediction-cache.ts).
      ALTER TABLE prediction_cache ADD COLUMN revision TEXT NOT NULL DEFAULT '';
    `,
    postgres: /* sql */ `
      ALTER TABLE prediction_cache ADD COLUMN revision TEXT NOT NULL DEFAULT '';
    `,
  },
  {
    version: 13,
    name: "server-side extracts",
    sqlite: /* sql */ `
      -- A folder of Parquet or CSV files on the server, registered by an admin, queried where it lies (native DuckDB).
      CREATE TABLE server_extracts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 2 AND 64),
        folder TEXT NOT NULL, -- relative to the extracts folder (WORKBENCH_EXTRACTS_DIR)
        format TEXT NOT NULL CHECK (format IN ('parquet', 'csv')),
        files INTEGER NOT NULL CHECK (files > 0),
        registered_by TEXT NOT NULL,
        registered_at TEXT NOT NULL
      );
    `,
    postgres: /* sql */ `
      CREATE TABLE server_extracts (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 2 AND 64),
        folder TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('parquet', 'csv')),
        files INTEGER NOT NULL CHECK (files > 0),
        registered_by TEXT NOT NULL,
        registered_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 14,
    name: "predictions made on the server for server-side extracts",
    sqlite: /* sql */ `
      -- The current predictions of an extract's slot (A, B): a Parquet file in the extract-predictions folder, by
      -- distinct text of one column; replaced by the next run (each run is in the audit).
      CREATE TABLE server_extract_predictions (
        extract_id INTEGER NOT NULL REFERENCES server_extracts (id),
        slot TEXT NOT NULL CHECK (slot IN ('a', 'b')),
        model TEXT NOT NULL,
        model_sha256 TEXT NOT NULL,
        text_column TEXT NOT NULL,
        file TEXT NOT NULL, -- inside the extract-predictions folder
        texts INTEGER NOT NULL CHECK (texts >= 0),
        made_by TEXT NOT NULL,
        made_at TEXT NOT NULL,
        PRIMARY KEY (extract_id, slot)
      );
    `,
    postgres: /* sql */ `
      CREATE TABLE server_extract_predictions (
        extract_id INTEGER NOT NULL REFERENCES server_extracts (id),
        slot TEXT NOT NULL CHECK (slot IN ('a', 'b')),
        model TEXT NOT NULL,
        model_sha256 TEXT NOT NULL,
        text_column TEXT NOT NULL,
        file TEXT NOT NULL,
        texts INTEGER NOT NULL CHECK (texts >= 0),
        made_by TEXT NOT NULL,
        made_at TEXT NOT NULL,
        PRIMARY KEY (extract_id, slot)
      );
    `,
  },
];
