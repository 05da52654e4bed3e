import { getDatabaseHandle } from "@/db/client";
import { EnvError, loadEnv } from "@/server/env";

/**
 * Validates the settings — a bad or missing one stops the app with a message naming it — and starts
 * opening the database (applying pending migrations). The open is not awaited here, so that compiling
 * and serving pages overlaps with it; every query awaits the same open, and a failed migration stops the app.
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
  const opening = getDatabaseHandle();
  opening.catch((error: unknown) => {
    console.error("\nRaqi cannot start: the database could not be opened or migrated\n", error);
    process.exit(1);
  });
  const shutdown = () =>
    void opening
      .then((handle) => handle.close())
      .catch(() => undefined)
      .finally(() => process.exit(0));
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}
