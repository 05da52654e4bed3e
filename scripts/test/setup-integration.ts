// Setup file of the "integration" vitest project; runs in each worker before every *.int.test.ts file.
import "./setup-env";
import { afterAll, inject } from "vitest";

// RAQI_TEST_DB=pglite (default): a fresh in-memory PGlite per test file (vitest isolates each file).
// RAQI_TEST_DB=postgres: the throwaway database created by global-setup-postgres.ts, shared by all files.
const mode = process.env.RAQI_TEST_DB ?? "pglite";
if (mode === "postgres") {
  const url = inject("raqiTestDatabaseUrl");
  if (!url) throw new Error("RAQI_TEST_DB=postgres but the global setup provided no database URL");
  process.env.DATABASE_URL = url;
} else if (mode === "pglite") {
  process.env.DATABASE_URL = "memory://";
} else {
  throw new Error(`RAQI_TEST_DB must be "pglite" or "postgres", got "${mode}"`);
}

// Close the database the file opened (if any) so Postgres connections don't outlive the file.
afterAll(async () => {
  const client: Partial<typeof import("@/db/client")> = await import("@/db/client");
  if (typeof client.closeDb === "function") await client.closeDb();
});
