import "server-only";
import type { WebhookUpdate } from "@/lib/whatsapp/webhook";
import { logger } from "@/server/logger";
import { processWebhookEvent } from "./process-webhook-event";

/**
 * Events processed at once by this process. Acks must stay fast while Meta bursts: each processing
 * transaction is one heavy statement, and running a dozen side by side only makes every INSERT that
 * stands between Meta and its 200 wait for the CPU. Two keep Postgres busy without crowding it.
 */
export const PROCESSING_CONCURRENCY = 1;
/**
 * Updates waiting in memory beyond which a new event is left to the sweeper (it is stored, so nothing
 * is lost): a long burst must not grow the heap without bound.
 */
export const MAX_QUEUED_UPDATES = 100_000;

interface Job {
  eventId: number;
  updates: WebhookUpdate[];
  done: () => void;
}

const holder = globalThis as unknown as {
  __raqiWebhookQueue?: { jobs: Job[]; running: number; queuedUpdates: number };
};
const queue = (holder.__raqiWebhookQueue ??= { jobs: [], running: 0, queuedUpdates: 0 });

function next(): void {
  while (queue.running < PROCESSING_CONCURRENCY) {
    const job = queue.jobs.shift();
    if (!job) return;
    queue.queuedUpdates -= job.updates.length;
    queue.running += 1;
    processWebhookEvent(job.eventId, job.updates)
      .catch((error: unknown) =>
        logger.error(
          { err: error, eventId: job.eventId },
          "webhook processing failed; the sweeper retries it",
        ),
      )
      .finally(() => {
        queue.running -= 1;
        job.done();
        next();
      });
  }
}

/**
 * Processes a just-stored event as soon as a slot is free; resolves when it is done (or handed to
 * the sweeper because too much is waiting). Never rejects.
 */
export function processSoon(eventId: number, updates: WebhookUpdate[]): Promise<void> {
  if (queue.queuedUpdates + updates.length > MAX_QUEUED_UPDATES && queue.jobs.length > 0) {
    logger.debug({ eventId }, "webhook processing queue full; the sweeper will process this event");
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    queue.jobs.push({ eventId, updates, done: resolve });
    queue.queuedUpdates += updates.length;
    next();
  });
}
