import "server-only";
import { Inngest } from "inngest";
import { env } from "@/server/env";

/** The app id every function id is prefixed with (`raqi-run-flow`). */
export const INNGEST_APP_ID = "raqi";

const holder = globalThis as unknown as { __raqiInngest?: Inngest };

/**
 * The Inngest client. With no Inngest configured it talks to the local executor (dev mode, port
 * INNGEST_LOCAL_PORT); otherwise the SDK reads INNGEST_DEV / INNGEST_BASE_URL / INNGEST_EVENT_KEY /
 * INNGEST_SIGNING_KEY itself (Inngest Cloud, a self-hosted `inngest start`, or `npx inngest-cli dev`).
 */
export function inngest(): Inngest {
  if (!holder.__raqiInngest) {
    const settings = env();
    holder.__raqiInngest = settings.localExecutor
      ? new Inngest({
          id: INNGEST_APP_ID,
          isDev: true,
          baseUrl: `http://127.0.0.1:${settings.INNGEST_LOCAL_PORT}`,
          eventKey: "local",
        })
      : new Inngest({ id: INNGEST_APP_ID });
  }
  return holder.__raqiInngest;
}

/** Tests: use this client (e.g. one pointed at a test executor) instead; undefined restores the default. */
export function setInngestClient(client: Inngest | undefined): void {
  holder.__raqiInngest = client;
}
