import "server-only";
import { logger } from "@/server/logger";
import { processPendingWebhooks } from "./process-webhook-event";

/** How often stored events that were never processed (or wait for a retry) are looked for. */
export const SWEEP_INTERVAL_MS = 5_000;
const BATCH = 200;

interface SweeperState {
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  stopped: boolean;
}

// One per process, shared by Next's separate bundles (instrumentation, route handlers).
const holder = globalThis as unknown as { __raqiWebhookSweeper?: SweeperState };

async function sweep(state: SweeperState): Promise<void> {
  for (;;) {
    const result = await processPendingWebhooks({ limit: BATCH });
    if (result.claimed > 0) logger.info(result, "webhook sweep");
    // A full batch means more may be waiting: go on at once rather than in 5 s.
    if (result.claimed < BATCH || state.stopped) return;
  }
}

/**
 * Starts the periodic sweep that processes stored webhook events nobody processed: the process died
 * between the 200 and the work after it, or an event waits to be retried. Safe with several replicas
 * (rows are claimed with SKIP LOCKED). Idempotent: a second call in the same process does nothing.
 * The timer is unref'd, so it never keeps a process alive.
 */
export function startWebhookSweeper(intervalMs = SWEEP_INTERVAL_MS): void {
  if (holder.__raqiWebhookSweeper && !holder.__raqiWebhookSweeper.stopped) return;
  const state: SweeperState = { stopped: false };
  holder.__raqiWebhookSweeper = state;
  const tick = () => {
    state.running = sweep(state)
      .catch((error: unknown) => logger.error({ err: error }, "webhook sweep failed"))
      .finally(() => {
        state.running = undefined;
        if (!state.stopped) {
          state.timer = setTimeout(tick, intervalMs);
          state.timer.unref();
        }
      });
  };
  state.timer = setTimeout(tick, intervalMs);
  state.timer.unref();
}

/** Stops the sweeper and waits for a sweep in progress (shutdown, tests). */
export async function stopWebhookSweeper(): Promise<void> {
  const state = holder.__raqiWebhookSweeper;
  if (!state) return;
  state.stopped = true;
  clearTimeout(state.timer);
  await state.running;
  holder.__raqiWebhookSweeper = undefined;
}
