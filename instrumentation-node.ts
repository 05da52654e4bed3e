import { getDatabaseHandle } from "@/db/client";
import { EnvError, loadEnv } from "@/server/env";

/**
 * Validates the settings — a bad or missing one stops the app with a message naming it — and applies
 * pending database migrations before the first request is served.
 */
export async function startServer(): Promise<void> {
  try {
    loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\n${error.message}\nSee the settings table in README.md.\n`);
      process.exit(1);
    }
    throw error;
  }
  const handle = await getDatabaseHandle();
  const shutdown = () => void handle.close().finally(() => process.exit(0));
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}
