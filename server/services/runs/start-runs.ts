import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { runs, triggerEvents, type TriggerSource } from "@/db/schema";
import { toE164 } from "@/lib/privacy/phone";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { inngest } from "@/server/inngest/client";
import { RUN_CANCEL, RUN_REQUESTED } from "@/server/inngest/events";
import { runAfterResponse } from "@/server/services/webhooks/after-response";
import { PublishedFlows } from "./published-flows";
import { startRunsForBatch } from "./start-runs-batch";

export interface TriggerContact {
  phone: string;
  name?: string;
  attributes?: Record<string, unknown>;
}

export interface TriggerRequest {
  workspaceId: string;
  source: TriggerSource;
  /** api: the event name · webhook: the hook id · keyword: the inbound text · manual: "manual". */
  name: string;
  contact: TriggerContact;
  data: Record<string, unknown>;
  idempotencyKey?: string;
  apiKeyId?: string;
  /** manual and webhook: the one flow (and trigger node) concerned. */
  flowId?: string;
  nodeId?: string;
  startedBy?: string;
}

export type RunOutcome =
  "started" | "queued" | "restarted" | "skipped_active" | "suppressed" | "filtered" | "not_published";

export interface TriggerResult {
  eventId: string;
  duplicate: boolean;
  runs: { flowId: string; runId: string | null; outcome: RunOutcome }[];
}

function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } })?.code ??
    (error as { cause?: { code?: unknown } })?.cause?.code;
  return code === "23505";
}

/** The E.164 form of a trigger's phone, or a 400 naming it. */
export function triggerPhone(phone: string): string {
  const e164 = toE164(phone);
  if (!e164) {
    throw new AppError("BAD_REQUEST", `contact.phone "${phone}" is not a phone number WhatsApp can reach`, {
      reason: "invalid_phone",
      field: "contact.phone",
    });
  }
  return e164;
}

/** Runs to hand to Inngest (and restarted runs to cancel) once the transaction that created them commits. */
export interface Handover {
  started: { runId: string; flowId: string; contactId: string; workspaceId: string }[];
  cancelled: string[];
}

/** The stored form of a trigger request: what the processor needs to start its runs later. */
function eventRow(req: TriggerRequest, phone: string, processed: boolean) {
  return {
    workspaceId: req.workspaceId,
    source: req.source,
    name: req.name,
    idempotencyKey: req.idempotencyKey ?? null,
    contactPhone: phone,
    payload: {
      data: req.data,
      contact: { ...req.contact, phone },
      ...(req.flowId ? { flowId: req.flowId } : {}),
      ...(req.nodeId ? { nodeId: req.nodeId } : {}),
      ...(req.startedBy ? { startedBy: req.startedBy } : {}),
    },
    apiKeyId: req.apiKeyId ?? null,
    processedAt: processed ? sql`now()` : null,
  };
}

/** The request a stored event was made from (the inverse of eventRow). */
function requestOf(row: typeof triggerEvents.$inferSelect): TriggerRequest {
  const payload = row.payload as {
    data?: Record<string, unknown>;
    contact?: TriggerContact;
    flowId?: string;
    nodeId?: string;
    startedBy?: string;
  };
  return {
    workspaceId: row.workspaceId,
    source: row.source,
    name: row.name,
    contact: payload.contact ?? { phone: row.contactPhone ?? "" },
    data: payload.data ?? {},
    ...(row.apiKeyId ? { apiKeyId: row.apiKeyId } : {}),
    ...(payload.flowId ? { flowId: payload.flowId } : {}),
    ...(payload.nodeId ? { nodeId: payload.nodeId } : {}),
    ...(payload.startedBy ? { startedBy: payload.startedBy } : {}),
  };
}

/**
 * Starts the runs a trigger asks for, now (a manual start, an inbound keyword): records the event (an
 * idempotency key seen in the last 24 h returns the first answer) and starts its runs in one
 * transaction; the runs are handed to Inngest after the caller's answer.
 */
export async function triggerFlows(req: TriggerRequest): Promise<TriggerResult> {
  const phone = triggerPhone(req.contact.phone);
  const db = await getDb();
  const handover: Handover = { started: [], cancelled: [] };
  const result = await db.transaction(async (tx): Promise<TriggerResult> => {
    const [event] = await tx
      .insert(triggerEvents)
      .values(eventRow(req, phone, true))
      .onConflictDoNothing()
      .returning({ id: triggerEvents.id });
    if (!event) {
      const [previous] = await tx
        .select({ id: triggerEvents.id, outcome: triggerEvents.outcome })
        .from(triggerEvents)
        .where(
          and(
            eq(triggerEvents.workspaceId, req.workspaceId),
            eq(triggerEvents.idempotencyKey, req.idempotencyKey ?? ""),
          ),
        )
        .limit(1);
      return {
        eventId: previous?.id ?? "",
        duplicate: true,
        runs: (previous?.outcome?.runs as TriggerResult["runs"] | undefined) ?? [],
      };
    }
    const outcomes = await startRunsForBatch(
      tx,
      [{ id: event.id, req, phone }],
      new PublishedFlows(),
      handover,
    );
    return { eventId: event.id, duplicate: false, runs: outcomes.get(event.id) ?? [] };
  });
  // Handed to Inngest after the answer: the caller does not wait for it, and a run whose hand-over is
  // lost (a crash, Inngest unreachable) is handed over again by the dispatch sweep.
  runAfterResponse(() => dispatch(handover));
  return result;
}

export interface AcceptedTriggerEvent {
  id: string;
  /** The idempotency key was seen in the last 24 h: this is the first event's id, nothing new stored. */
  duplicate: boolean;
}

/**
 * Accepts trigger events to process later: one statement stores them all (the answer waits for nothing
 * else), and the trigger processor starts their runs right after the answer. Duplicates of an idempotency
 * key seen in the last 24 h return the first event's id.
 */
export async function acceptTriggerEvents(requests: TriggerRequest[]): Promise<AcceptedTriggerEvent[]> {
  if (requests.length === 0) return [];
  const rows = requests.map((req) => eventRow(req, triggerPhone(req.contact.phone), false));
  const db = await getDb();
  const inserted = await db
    .insert(triggerEvents)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: triggerEvents.id, key: triggerEvents.idempotencyKey });
  const byKey = new Map(inserted.map((r) => [r.key, r.id]));
  const seen = new Set<string>();
  const accepted: AcceptedTriggerEvent[] = [];
  const missing: string[] = [];
  for (const row of rows) {
    const key = row.idempotencyKey;
    if (key === null) continue;
    if (!byKey.has(key) || seen.has(key)) missing.push(key);
    seen.add(key);
  }
  const previous = new Map<string, string>();
  if (missing.length > 0) {
    const found = await db
      .select({ id: triggerEvents.id, key: triggerEvents.idempotencyKey })
      .from(triggerEvents)
      .where(
        and(
          eq(triggerEvents.workspaceId, rows[0]?.workspaceId ?? ""),
          inArray(triggerEvents.idempotencyKey, missing),
        ),
      );
    for (const r of found) if (r.key !== null) previous.set(r.key, r.id);
  }
  // Rows without a key come back in insertion order; keyed rows are matched by their key.
  const unkeyed = inserted.filter((r) => r.key === null).map((r) => r.id);
  const claimed = new Set<string>();
  for (const row of rows) {
    const key = row.idempotencyKey;
    if (key === null) {
      accepted.push({ id: unkeyed.shift() ?? "", duplicate: false });
    } else if (byKey.has(key) && !claimed.has(key)) {
      claimed.add(key);
      accepted.push({ id: byKey.get(key) ?? "", duplicate: false });
    } else {
      accepted.push({ id: byKey.get(key) ?? previous.get(key) ?? "", duplicate: true });
    }
  }
  if (inserted.length > 0) runAfterResponse(async () => void (await processTriggerEvents()));
  return accepted;
}

/** Events claimed per transaction by the trigger processor. */
const PROCESS_BATCH = 100;
/** Processing attempts before an event is closed with its error. */
const MAX_ATTEMPTS = 5;

const processor = globalThis as unknown as {
  __raqiTriggerProcessor?: Promise<number> | null;
  __raqiTriggerAgain?: boolean;
};

/**
 * Starts the runs of stored events that wait (the REST API's and integration hooks'), batch after batch
 * until none wait. One loop per process: a call while it runs makes it look again when it ends. Several
 * processes share the work (`FOR UPDATE SKIP LOCKED`). Resolves with the number of events processed.
 */
export function processTriggerEvents(): Promise<number> {
  if (processor.__raqiTriggerProcessor) {
    processor.__raqiTriggerAgain = true;
    return processor.__raqiTriggerProcessor;
  }
  const loop = (async () => {
    let total = 0;
    try {
      do {
        processor.__raqiTriggerAgain = false;
        for (;;) {
          const done = await processBatch();
          total += done;
          if (done < PROCESS_BATCH) break;
        }
      } while (processor.__raqiTriggerAgain);
    } finally {
      processor.__raqiTriggerProcessor = null;
    }
    return total;
  })();
  processor.__raqiTriggerProcessor = loop;
  return loop;
}

/** One batch in one transaction; each event in its own savepoint, so one failing event spoils no other. */
async function processBatch(): Promise<number> {
  const db = await getDb();
  const handover: Handover = { started: [], cancelled: [] };
  const processed = await db.transaction(async (tx) => {
    const pending = await tx
      .select()
      .from(triggerEvents)
      .where(isNull(triggerEvents.processedAt))
      .orderBy(asc(triggerEvents.createdAt))
      .limit(PROCESS_BATCH)
      .for("update", { skipLocked: true });
    const published = new PublishedFlows();
    // Usually the whole batch in a few statements; if that fails (a run started meanwhile by another
    // path, a bad row), each event on its own, so one event spoils no other.
    const usable = pending.flatMap((event) => {
      const req = requestOf(event);
      const phone = toE164(req.contact.phone);
      return phone ? [{ id: event.id, req, phone }] : [];
    });
    if (usable.length === pending.length && usable.length > 0) {
      const together: Handover = { started: [], cancelled: [] };
      try {
        await tx.transaction((savepoint) => startRunsForBatch(savepoint, usable, published, together));
        handover.started.push(...together.started);
        handover.cancelled.push(...together.cancelled);
        return pending.length;
      } catch (error) {
        logger.warn({ err: error, events: usable.length }, "batch start failed; starting events one by one");
      }
    }
    for (const event of pending) {
      const req = requestOf(event);
      const mine: Handover = { started: [], cancelled: [] };
      try {
        await tx.transaction((savepoint) =>
          startRunsForBatch(
            savepoint,
            [{ id: event.id, req, phone: triggerPhone(req.contact.phone) }],
            published,
            mine,
          ),
        );
        handover.started.push(...mine.started);
        handover.cancelled.push(...mine.cancelled);
      } catch (error) {
        const attempts = event.attempts + 1;
        const permanent = attempts >= MAX_ATTEMPTS || error instanceof AppError;
        logger.error(
          { err: error, eventId: event.id, attempts },
          "could not start the runs of a trigger event",
        );
        await tx
          .update(triggerEvents)
          .set({
            attempts,
            ...(permanent
              ? {
                  processedAt: sql`now()`,
                  outcome: {
                    runs: [],
                    error: error instanceof AppError ? error.message : "The runs could not be started",
                  },
                }
              : {}),
          })
          .where(eq(triggerEvents.id, event.id));
      }
    }
    return pending.length;
  });
  await dispatch(handover);
  return processed;
}

/** Every 5 s: events a crash or a lost after-response task left waiting are processed. One per process. */
export function startTriggerEventSweeper(intervalMs = 5_000): void {
  const holder = globalThis as unknown as { __raqiTriggerSweep?: NodeJS.Timeout };
  if (holder.__raqiTriggerSweep) return;
  holder.__raqiTriggerSweep = setInterval(() => {
    processTriggerEvents().catch((error: unknown) =>
      logger.error({ err: error }, "trigger event sweep failed"),
    );
  }, intervalMs);
  holder.__raqiTriggerSweep.unref();
}

/** Hands new runs to Inngest (and cancels restarted ones). A failure leaves them for the dispatch sweep. */
async function dispatch({ started, cancelled }: Handover): Promise<void> {
  if (started.length === 0 && cancelled.length === 0) return;
  try {
    await inngest().send([
      ...cancelled.map((runId) => ({ name: RUN_CANCEL, data: { runId } })),
      ...started.map(({ workspaceId, ...r }) => ({
        name: RUN_REQUESTED,
        id: `run-${r.runId}`,
        data: { ...r, workspaceId },
      })),
    ]);
  } catch (error) {
    logger.error({ err: error, runs: started.length }, "could not hand runs to Inngest; the sweep retries");
  }
}

/** When a run ends: the oldest queued run of the same flow and contact starts. */
export async function startQueuedRun(flowId: string, contactId: string): Promise<string | null> {
  const db = await getDb();
  const started = await db.transaction(async (tx) => {
    const [active] = await tx
      .select({ id: runs.id })
      .from(runs)
      .where(and(eq(runs.flowId, flowId), eq(runs.contactId, contactId), eq(runs.status, "running")))
      .limit(1);
    if (active) return null;
    const [next] = await tx
      .select({ id: runs.id, workspaceId: runs.workspaceId })
      .from(runs)
      .where(and(eq(runs.flowId, flowId), eq(runs.contactId, contactId), eq(runs.status, "queued")))
      .orderBy(asc(runs.createdAt))
      .limit(1)
      .for("update");
    if (!next) return null;
    try {
      await tx
        .update(runs)
        .set({ status: "running", updatedAt: sql`now()` })
        .where(eq(runs.id, next.id));
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
    return next;
  });
  if (!started) return null;
  await dispatch({
    started: [{ runId: started.id, flowId, contactId, workspaceId: started.workspaceId }],
    cancelled: [],
  });
  return started.id;
}

/** Runs of a contact that an opt-out (scope all) ends: marked cancelled here; Inngest cancels their functions. */
export async function cancelRunsOfContact(
  workspaceId: string,
  contactId: string,
  reason: string,
  exceptRunId?: string,
) {
  const db = await getDb();
  const cancelled = await db
    .update(runs)
    .set({
      status: "cancelled",
      failureCode: reason,
      failureMessage: "The contact opted out",
      endedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(runs.workspaceId, workspaceId),
        eq(runs.contactId, contactId),
        inArray(runs.status, ["running", "queued"]),
        exceptRunId ? sql`${runs.id} <> ${exceptRunId}` : undefined,
      ),
    )
    .returning({ id: runs.id });
  return cancelled.map((r) => r.id);
}

/** Runs still not picked up by Inngest this long after they were created are handed over again. */
const DISPATCH_GRACE_SECONDS = 15;

/**
 * Hands over again the runs Inngest never started (their event was lost after the commit). The event id
 * `run-<id>` makes a repeat harmless: Inngest starts one function run per id.
 */
export async function redispatchStrandedRuns(limit = 200): Promise<number> {
  const db = await getDb();
  const stranded = await db
    .select({ id: runs.id, workspaceId: runs.workspaceId, flowId: runs.flowId, contactId: runs.contactId })
    .from(runs)
    .where(
      and(
        eq(runs.status, "running"),
        sql`${runs.startedAt} is null`,
        sql`${runs.createdAt} < now() - make_interval(secs => ${DISPATCH_GRACE_SECONDS})`,
      ),
    )
    .limit(limit);
  for (const run of stranded) {
    if (!run.contactId) continue;
    await dispatch({
      started: [
        { runId: run.id, flowId: run.flowId, contactId: run.contactId, workspaceId: run.workspaceId },
      ],
      cancelled: [],
    });
  }
  return stranded.length;
}

const sweeper = globalThis as unknown as { __raqiDispatchSweep?: NodeJS.Timeout };

/** Every 30 s: redispatchStrandedRuns. One per process. */
export function startDispatchSweeper(intervalMs = 30_000): void {
  if (sweeper.__raqiDispatchSweep) return;
  sweeper.__raqiDispatchSweep = setInterval(() => {
    redispatchStrandedRuns().catch((error: unknown) =>
      logger.error({ err: error }, "run dispatch sweep failed"),
    );
  }, intervalMs);
  sweeper.__raqiDispatchSweep.unref();
}
