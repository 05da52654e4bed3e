import "server-only";
import { after } from "next/server";
import { logger } from "@/server/logger";

const holder = globalThis as unknown as { __raqiWebhookTasks?: Set<Promise<void>> };
const running = (holder.__raqiWebhookTasks ??= new Set<Promise<void>>());

/**
 * Runs `task` once the response is sent. Inside a Next.js request that is `after()`, which also keeps a
 * serverless function alive until the task ends. Outside one (tests calling the route handler, scripts)
 * `after()` throws, and the task starts at once in the background instead; `settleAfterResponseTasks`
 * waits for those. Either way a lost task loses nothing: the event is stored and the sweeper retries it.
 */
export function runAfterResponse(task: () => Promise<void>): void {
  const guarded = async () => {
    try {
      await task();
    } catch (error) {
      logger.error({ err: error }, "work after the response failed; the sweeper will retry it");
    }
  };
  try {
    after(guarded);
  } catch {
    const promise = guarded().finally(() => running.delete(promise));
    running.add(promise);
  }
}

/** Waits until every task started outside a request scope has finished (tests, scripts). */
export async function settleAfterResponseTasks(): Promise<void> {
  while (running.size > 0) await Promise.all([...running]);
}
