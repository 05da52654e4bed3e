import { getDatabaseHandle } from "@/db/client";
import { env, EnvError, loadEnv } from "@/server/env";

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
  void import("@/server/services/webhooks/sweep-webhooks").then((m) => m.startWebhookSweeper());
  void import("@/server/inngest/bridge").then((m) => m.installInngestBridge());
  void import("@/server/services/runs/start-runs").then((m) => {
    m.startDispatchSweeper();
    m.startTriggerEventSweeper();
  });
  const executor = env().localExecutor ? startLocalExecutor() : undefined;
  const shutdown = () =>
    void Promise.resolve(executor?.then((e) => e?.stop()))
      .catch(() => undefined)
      .then(() => opening)
      .then((handle) => handle.close())
      .catch(() => undefined)
      .finally(() => process.exit(0));
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

/**
 * No Inngest configured: run the local executor in this process (port INNGEST_LOCAL_PORT), keeping its
 * state in the app database. It syncs with this app's /api/inngest once the server answers.
 */
async function startLocalExecutor() {
  const holder = globalThis as unknown as {
    __raqiExecutor?: Promise<{ stop: () => Promise<void> } | undefined>;
  };
  holder.__raqiExecutor ??= (async () => {
    const { createLocalExecutor } = await import("@/server/inngest/local");
    const settings = env();
    const executor = createLocalExecutor({
      appUrls: [new URL("/api/inngest", settings.APP_URL).toString()],
      port: settings.INNGEST_LOCAL_PORT,
    });
    try {
      await executor.start();
      return executor;
    } catch (error) {
      console.error(
        `\nThe local Inngest executor could not start on port ${settings.INNGEST_LOCAL_PORT}:`,
        error,
      );
      return undefined;
    }
  })();
  return holder.__raqiExecutor;
}
