import "server-only";
import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import { getDb, type Transaction } from "@/db/client";
import { webhookEvents } from "@/db/schema";
import { extractUpdates, parseWebhookPayload, type WebhookUpdate } from "@/lib/whatsapp/webhook";
import { emitDomainEvent, type DomainEvent } from "@/server/events";
import { logger } from "@/server/logger";
import { abandonUnknownStatuses, applyUpdates, emptySummary, type UpdateSummary } from "./apply-updates";
import {
  failedAttemptNote,
  isStatusesOnlyRetry,
  MAX_ERROR_RETRIES,
  MAX_UNKNOWN_STATUS_RETRIES,
  retryDelayMs,
  unknownStatusesNote,
} from "./retry-policy";

export type ProcessOutcome =
  | { outcome: "processed"; summary: UpdateSummary }
  /** Statuses for messages not stored yet: the rest is applied, the event is tried again at `retryAt`. */
  | { outcome: "retry"; summary: UpdateSummary; retryAt: Date }
  /** Already processed, or another worker holds it right now. */
  | { outcome: "skipped" }
  /** Processing threw; rolled back and scheduled again (or given up after MAX_ERROR_RETRIES). */
  | { outcome: "failed"; error: string };

interface ClaimedEvent {
  id: number;
  attempts: number;
  lastError: string | null;
  payload?: unknown;
}

type Claim = (tx: Transaction) => Promise<ClaimedEvent | undefined>;

const claimedColumns = {
  id: webhookEvents.id,
  attempts: webhookEvents.attempts,
  lastError: webhookEvents.lastError,
};

/** `now() + ms` in SQL. */
function inMs(ms: number) {
  return sql`now() + ${ms}::int * interval '1 millisecond'`;
}

function updatesOf(event: ClaimedEvent): WebhookUpdate[] | string {
  const parsed = parseWebhookPayload(event.payload);
  return parsed.ok ? extractUpdates(parsed.payload) : parsed.error;
}

/*
 * The statements of the hot path are named prepared statements (`.prepare(name)`): unprepared, each
 * one costs postgres.js an extra round trip and the planner a plan, inside a transaction holding locks.
 */

/**
 * Claims one event (row lock, SKIP LOCKED: a second worker passes it by), applies it and records the
 * result in the same transaction, then emits the domain events once committed. Re-processing an event
 * changes nothing: inbound messages are deduplicated by wamid, statuses only move forward.
 */
async function processClaimed(claim: Claim, known?: WebhookUpdate[]): Promise<ProcessOutcome> {
  const db = await getDb();
  // Filled inside the transaction callback; read after it (an object, so the checker follows it).
  const state: { claimed?: ClaimedEvent; events: DomainEvent[] } = { events: [] };
  let outcome: ProcessOutcome;
  try {
    outcome = await db.transaction(async (tx): Promise<ProcessOutcome> => {
      const event = await claim(tx);
      if (!event) return { outcome: "skipped" };
      state.claimed = event;
      const attempt = event.attempts + 1;
      const updates = known ?? updatesOf(event);
      if (typeof updates === "string") {
        // Stored only after it parsed, so only a parser change can get here: keep the row, say why.
        logger.error(
          { eventId: event.id, problem: updates },
          "stored webhook event no longer parses; skipped",
        );
        await tx
          .update(webhookEvents)
          .set({
            processedAt: sql`now()`,
            attempts: attempt,
            lastError: `payload does not parse: ${updates}`.slice(0, 500),
          })
          .where(eq(webhookEvents.id, event.id));
        return { outcome: "processed", summary: emptySummary() };
      }

      const applied = await applyUpdates(tx, event.id, updates, {
        statusesOnly: isStatusesOnlyRetry(event.lastError),
      });
      const events = (state.events = applied.events);
      const waiting = applied.unknown.length;
      if (waiting > 0 && attempt <= MAX_UNKNOWN_STATUS_RETRIES) {
        const delay = retryDelayMs(attempt);
        await tx
          .update(webhookEvents)
          .set({ attempts: attempt, nextAttemptAt: inMs(delay), lastError: unknownStatusesNote(waiting) })
          .where(eq(webhookEvents.id, event.id));
        return { outcome: "retry", summary: applied.summary, retryAt: new Date(Date.now() + delay) };
      }
      if (waiting > 0) {
        events.push(...(await abandonUnknownStatuses(tx, applied.unknown)));
        logger.warn(
          { eventId: event.id, statuses: waiting },
          "gave up on statuses for messages that never appeared",
        );
      }
      await tx
        .update(webhookEvents)
        .set({
          processedAt: sql`now()`,
          attempts: attempt,
          lastError: waiting > 0 ? unknownStatusesNote(waiting) : null,
        })
        .where(eq(webhookEvents.id, event.id))
        .prepare("webhook_event_done")
        .execute();
      return { outcome: "processed", summary: applied.summary };
    });
  } catch (error) {
    if (!state.claimed) throw error;
    await recordFailure(state.claimed, error);
    return { outcome: "failed", error: error instanceof Error ? error.message : String(error) };
  }
  if (outcome.outcome !== "skipped") for (const event of state.events) await emitDomainEvent(event);
  return outcome;
}

/** After a rolled-back attempt: schedule the next one, or give up after MAX_ERROR_RETRIES. */
async function recordFailure(event: ClaimedEvent, error: unknown): Promise<void> {
  const attempt = event.attempts + 1;
  const giveUp = attempt > MAX_ERROR_RETRIES;
  const note = failedAttemptNote(event.lastError, error);
  logger.error(
    { err: error, eventId: event.id, attempt },
    giveUp ? "webhook event keeps failing; given up" : "webhook event failed; will retry",
  );
  const db = await getDb();
  await db
    .update(webhookEvents)
    .set(
      giveUp
        ? { processedAt: sql`now()`, attempts: attempt, lastError: `gave up: ${note}`.slice(0, 500) }
        : { attempts: attempt, nextAttemptAt: inMs(retryDelayMs(attempt)), lastError: note },
    )
    .where(and(eq(webhookEvents.id, event.id), isNull(webhookEvents.processedAt)))
    .catch((updateError: unknown) =>
      logger.error(
        { err: updateError, eventId: event.id },
        "could not record the failed attempt; the sweeper retries it",
      ),
    );
}

/**
 * Processes one stored event now, whatever its next_attempt_at (the route calls it right after the
 * 200). `updates`: the event's updates when the caller already parsed its payload.
 */
export async function processWebhookEvent(id: number, updates?: WebhookUpdate[]): Promise<ProcessOutcome> {
  return processClaimed(async (tx) => {
    const [row] = await tx
      .select(updates ? claimedColumns : { ...claimedColumns, payload: webhookEvents.payload })
      .from(webhookEvents)
      .where(and(eq(webhookEvents.id, id), isNull(webhookEvents.processedAt)))
      .for("update", { skipLocked: true })
      .prepare(updates ? "webhook_event_claim" : "webhook_event_claim_payload")
      .execute();
    return row;
  }, updates);
}

export interface SweepResult {
  claimed: number;
  processed: number;
  retried: number;
  failed: number;
}

/**
 * Processes stored events that are due (never processed, or waiting for their retry), oldest first,
 * one transaction each. Several replicas or sweeps can run this at once: each row is claimed with
 * FOR UPDATE SKIP LOCKED, so no event is processed twice concurrently.
 */
export async function processPendingWebhooks(options: { limit?: number } = {}): Promise<SweepResult> {
  const limit = options.limit ?? 100;
  const result: SweepResult = { claimed: 0, processed: 0, retried: 0, failed: 0 };
  while (result.claimed < limit) {
    const outcome = await processClaimed(async (tx) => {
      const [row] = await tx
        .select({ ...claimedColumns, payload: webhookEvents.payload })
        .from(webhookEvents)
        .where(and(isNull(webhookEvents.processedAt), lte(webhookEvents.nextAttemptAt, sql`now()`)))
        .orderBy(asc(webhookEvents.nextAttemptAt), asc(webhookEvents.id))
        .limit(1)
        .for("update", { skipLocked: true });
      return row;
    });
    if (outcome.outcome === "skipped") break;
    result.claimed += 1;
    if (outcome.outcome === "processed") result.processed += 1;
    else if (outcome.outcome === "retry") result.retried += 1;
    else result.failed += 1;
  }
  return result;
}
