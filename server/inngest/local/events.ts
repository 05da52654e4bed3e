import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { executorEvents, executorJobs, executorRuns } from "@/db/schema";
import { celMatches } from "./cel";
import type { AcceptedEvent, EngineContext, RegisteredFunction } from "./context";
import { ulid } from "./ids";
import { INVOKED_EVENT, type IncomingEvent, type RunEvent } from "./protocol";
import { activeRunsOf, cancelRun, continueRun, createRun, isActive, lockRun, saveStep } from "./runs";
import { resolveDeadline } from "./time";

/**
 * An event's effects, in one transaction with its record: cancel the runs whose `cancelOn` it matches,
 * resume the waits it matches, start the functions it triggers. A wait sees only events that arrive after
 * it was registered (inngest#1433): an earlier event's transaction committed before the wait existed.
 */
const DEDUPE_WINDOW_MS = 24 * 3600_000;

/** Gives an incoming event its ids and the shape functions see (data defaults to {}, ts to now). */
export function acceptEvent(incoming: IncomingEvent, now: Date, seededId?: string): AcceptedEvent {
  const internalId = seededId ?? ulid(now);
  const externalId = incoming.id && incoming.id.length > 0 ? incoming.id : undefined;
  const event: RunEvent = {
    ...incoming,
    name: incoming.name,
    data: incoming.data ?? {},
    id: externalId ?? internalId,
    ts: incoming.ts ?? now.getTime(),
  };
  return { internalId, externalId, receivedAt: now, event };
}

export async function processEvents(
  tx: Transaction,
  ctx: EngineContext,
  events: AcceptedEvent[],
): Promise<void> {
  for (const accepted of events) {
    if (accepted.externalId && (await isDuplicate(tx, ctx, accepted))) {
      ctx.log.debug({ eventName: accepted.event.name }, "duplicate event id ignored");
      continue;
    }
    const stored = await tx
      .insert(executorEvents)
      .values({
        id: accepted.internalId,
        namespace: ctx.namespace,
        name: accepted.event.name,
        externalId: accepted.externalId ?? null,
        event: accepted.event,
        receivedAt: accepted.receivedAt,
      })
      .onConflictDoNothing()
      .returning({ id: executorEvents.id });
    if (stored.length === 0) {
      ctx.log.debug({ eventName: accepted.event.name }, "event already received (a retried send)");
      continue;
    }
    await applyCancellations(tx, ctx, accepted.event);
    await resumeWaits(tx, ctx, accepted.event);
    await startRuns(tx, ctx, accepted.event);
  }
}

async function isDuplicate(tx: Transaction, ctx: EngineContext, accepted: AcceptedEvent): Promise<boolean> {
  const externalId = accepted.externalId ?? "";
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${ctx.namespace}:event:${externalId}`}))`);
  const [seen] = await tx
    .select({ id: executorEvents.id })
    .from(executorEvents)
    .where(
      and(
        eq(executorEvents.namespace, ctx.namespace),
        eq(executorEvents.externalId, externalId),
        gt(executorEvents.receivedAt, new Date(ctx.now().getTime() - DEDUPE_WINDOW_MS)),
      ),
    )
    .limit(1);
  return Boolean(seen);
}

/** `foo/bar` matches itself; `foo/*` matches every `foo/…` name. */
export function eventNameMatches(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  if (!pattern.includes("*")) return false;
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`).test(name);
}

export function triggeredBy(fn: RegisteredFunction, event: RunEvent): boolean {
  if (event.name === INVOKED_EVENT) return false;
  return fn.config.triggers.some(
    (trigger) =>
      "event" in trigger &&
      eventNameMatches(trigger.event, event.name) &&
      (!trigger.expression || celMatches(trigger.expression, { event })),
  );
}

async function startRuns(tx: Transaction, ctx: EngineContext, event: RunEvent): Promise<void> {
  for (const fn of ctx.functions().values()) {
    if (triggeredBy(fn, event)) await createRun(tx, ctx, fn, event);
  }
}

async function applyCancellations(tx: Transaction, ctx: EngineContext, event: RunEvent): Promise<void> {
  const cancellers = [...ctx.functions().values()].filter((fn) =>
    fn.config.cancel?.some((entry) => entry.event === event.name),
  );
  if (cancellers.length === 0) return;
  const byId = new Map(cancellers.map((fn) => [fn.id, fn]));
  const now = ctx.now();
  for (const run of await activeRunsOf(tx, ctx, [...byId.keys()])) {
    const entries = byId.get(run.functionId)?.config.cancel ?? [];
    const cancels = entries.some((entry) => {
      if (entry.event !== event.name) return false;
      if (entry.timeout) {
        const deadline = resolveDeadline(entry.timeout, run.createdAt);
        if (deadline && now > deadline) return false;
      }
      return !entry.if || celMatches(entry.if, { event: run.event, async: event });
    });
    if (cancels && (await cancelRun(tx, ctx, run.id))) {
      ctx.log.info(
        { runId: run.id, functionId: run.functionId, eventName: event.name },
        "run cancelled by event",
      );
    }
  }
}

async function resumeWaits(tx: Transaction, ctx: EngineContext, event: RunEvent): Promise<void> {
  const waits = await tx
    .select({ job: executorJobs, runEvent: executorRuns.event })
    .from(executorJobs)
    .innerJoin(executorRuns, eq(executorRuns.id, executorJobs.runId))
    .where(
      and(
        eq(executorJobs.namespace, ctx.namespace),
        eq(executorJobs.kind, "wait"),
        eq(executorJobs.eventName, event.name),
        isNull(executorJobs.claimedUntil),
      ),
    )
    .orderBy(executorJobs.createdAt);
  for (const { job, runEvent } of waits) {
    if (job.condition && !celMatches(job.condition, { event: runEvent, async: event })) continue;
    const run = await lockRun(tx, job.runId);
    if (!run || !isActive(run) || !job.stepId) continue;
    const removed = await tx
      .delete(executorJobs)
      .where(eq(executorJobs.id, job.id))
      .returning({ id: executorJobs.id });
    if (removed.length === 0) continue;
    // A matched wait's memo is the bare event (INNGEST-PROTOCOL.md §3).
    await saveStep(tx, ctx, run.id, job.stepId, event);
    await continueRun(tx, ctx, run.id);
    ctx.log.debug({ runId: run.id, eventName: event.name }, "wait matched");
  }
}
