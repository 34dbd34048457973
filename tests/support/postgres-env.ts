// Runs before each test file of the PostgreSQL project: the file gets its own new database, and the secrets that
// several instances on one PostgreSQL registry must share.
import { inject } from "vitest";

process.env.WORKBENCH_TEST_POSTGRES_ADMIN_URL = inject("postgresAdminUrl");
const { freshPostgresUrl } = await import("./test-database");
process.env.WORKBENCH_DATABASE_URL = await freshPostgresUrl();
process.env.SESSION_SECRET ??= "postgres-test-session-secret-0123456789abcdef";
process.env.WORKBENCH_CREDENTIALS_KEY ??= "0f".repeat(32);
