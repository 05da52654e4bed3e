import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { executorJobs, executorRuns, executorSteps, type ExecutorJobKind } from "@/db/schema";
import type { AcceptedEvent, EngineContext, RegisteredFunction } from "./context";
import { admitRun } from "./flow-control";
import { ulid } from "./ids";
import { FAILED_EVENT, type RunEvent, type SerializedError } from "./protocol";

/**
 * State transitions of a run, each inside the caller's transaction: the executor writes a change before
 * acting on it, so a restart finds every run where it was. A transition on an existing run locks its row
 * first (the same order everywhere, so concurrent transactions on Postgres queue instead of deadlocking).
 */
export type RunRow = typeof executorRuns.$inferSelect;
export type JobRow = typeof executorJobs.$inferSelect;

const ACTIVE = ["queued", "running"] as const;

export function isActive(run: Pick<RunRow, "status">): boolean {
  return run.status === "queued" || run.status === "running";
}

export async function lockRun(tx: Transaction, runId: string): Promise<RunRow | undefined> {
  const [run] = await tx.select().from(executorRuns).where(eq(executorRuns.id, runId)).for("update");
  return run;
}

/** Creates a run of `fn` for `event` unless idempotency or rateLimit skip it; returns its id. */
export async function createRun(
  tx: Transaction,
  ctx: EngineContext,
  fn: RegisteredFunction,
  event: RunEvent,
  parent?: { runId: string; stepId: string },
): Promise<string | undefined> {
  const admission = await admitRun(tx, ctx, fn, event);
  if (!admission.admitted) {
    ctx.log.debug({ functionId: fn.id, reason: admission.reason }, "run skipped");
    return undefined;
  }
  const now = ctx.now();
  const id = ulid(now);
  await tx.insert(executorRuns).values({
    id,
    namespace: ctx.namespace,
    functionId: fn.id,
    status: "queued",
    event,
    idempotencyKey: admission.idempotencyKey,
    rateLimitKey: admission.rateLimitKey,
    throttleKey: admission.throttleKey,
    concurrency: admission.concurrency,
    parentRunId: parent?.runId ?? null,
    parentStepId: parent?.stepId ?? null,
    createdAt: now,
    scheduledAt: admission.scheduledAt,
  });
  await insertJob(tx, ctx, { runId: id, kind: "call", dueAt: admission.scheduledAt });
  ctx.log.info({ runId: id, functionId: fn.id, eventName: event.name }, "run created");
  return id;
}

export async function insertJob(
  tx: Transaction,
  ctx: EngineContext,
  job: {
    runId: string;
    kind: ExecutorJobKind;
    stepId?: string | null;
    attempt?: number;
    dueAt: Date | null;
    eventName?: string;
    condition?: string | null;
    childRunId?: string;
  },
): Promise<void> {
  await tx.insert(executorJobs).values({
    id: ulid(ctx.now()),
    namespace: ctx.namespace,
    runId: job.runId,
    kind: job.kind,
    stepId: job.stepId ?? null,
    attempt: job.attempt ?? 0,
    dueAt: job.dueAt,
    eventName: job.eventName ?? null,
    condition: job.condition ?? null,
    childRunId: job.childRunId ?? null,
    createdAt: ctx.now(),
  });
}

/** Memoises a step's result (what the SDK gets back for it), appending it to the run's stack. */
export async function saveStep(
  tx: Transaction,
  ctx: EngineContext,
  runId: string,
  stepId: string,
  result: unknown,
): Promise<void> {
  await tx
    .insert(executorSteps)
    .values({
      runId,
      stepId,
      seq: sql`(select coalesce(max(${executorSteps.seq}), 0) + 1 from ${executorSteps} where ${executorSteps.runId} = ${runId})`,
      result: result === undefined ? null : result,
      createdAt: ctx.now(),
    })
    .onConflictDoNothing();
}

export async function stepIdsOf(tx: Transaction, runId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ stepId: executorSteps.stepId })
    .from(executorSteps)
    .where(eq(executorSteps.runId, runId));
  return new Set(rows.map((r) => r.stepId));
}

export async function jobsOf(tx: Transaction, runId: string): Promise<JobRow[]> {
  return tx.select().from(executorJobs).where(eq(executorJobs.runId, runId));
}

/**
 * Discovery goes out only once every planned step, sleep, wait and invoke of the run has a result
 * (INNGEST-PROTOCOL.md §5): earlier, the SDK would run or re-plan a pending step.
 */
export async function continueRun(tx: Transaction, ctx: EngineContext, runId: string): Promise<void> {
  const [row] = await tx.select({ n: count() }).from(executorJobs).where(eq(executorJobs.runId, runId));
  if ((row?.n ?? 0) > 0) return;
  await tx.update(executorRuns).set({ disableImmediateExecution: false }).where(eq(executorRuns.id, runId));
  await insertJob(tx, ctx, { runId, kind: "call", dueAt: ctx.now() });
}

export type RunEnd =
  | { status: "completed"; output: unknown }
  | { status: "failed"; error: SerializedError }
  | { status: "cancelled" };

/** Ends a locked, active run: records the end, drops its jobs, answers a parent's step.invoke. */
export async function finishRun(
  tx: Transaction,
  ctx: EngineContext,
  run: RunRow,
  end: RunEnd,
): Promise<void> {
  const now = ctx.now();
  const output = end.status === "completed" ? (end.output ?? null) : null;
  const error: SerializedError | null =
    end.status === "failed"
      ? end.error
      : end.status === "cancelled"
        ? { name: "Cancelled", message: "The run was cancelled" }
        : null;
  await tx
    .update(executorRuns)
    .set({ status: end.status, output, error, endedAt: now })
    .where(eq(executorRuns.id, run.id));
  await tx.delete(executorJobs).where(eq(executorJobs.runId, run.id));
  // No output or error message at info/warn: either may carry a recipient's data.
  const level = end.status === "failed" ? "warn" : "info";
  ctx.log[level](
    { runId: run.id, functionId: run.functionId, status: end.status, errorName: error?.name },
    `run ${end.status}`,
  );

  if (run.parentRunId && run.parentStepId) {
    await resolveInvoke(tx, ctx, run.parentRunId, run.parentStepId, error ? { error } : { data: output });
  }
  if (end.status === "failed") {
    const failed: AcceptedEvent = {
      internalId: ulid(now),
      receivedAt: now,
      event: {
        name: FAILED_EVENT,
        data: { function_id: run.functionId, run_id: run.id, error: end.error, event: run.event },
        id: ulid(now),
        ts: now.getTime(),
      },
    };
    await ctx.emit(tx, [failed]);
  }
}

/** A child run ended (or its invoke timed out): the parent's step.invoke gets `{data}` or `{error}`. */
export async function resolveInvoke(
  tx: Transaction,
  ctx: EngineContext,
  parentRunId: string,
  stepId: string,
  result: { data: unknown } | { error: SerializedError },
): Promise<void> {
  const parent = await lockRun(tx, parentRunId);
  if (!parent || !isActive(parent)) return;
  const removed = await tx
    .delete(executorJobs)
    .where(
      and(
        eq(executorJobs.runId, parentRunId),
        eq(executorJobs.kind, "invoke"),
        eq(executorJobs.stepId, stepId),
      ),
    )
    .returning({ id: executorJobs.id });
  if (removed.length === 0) return;
  await saveStep(tx, ctx, parentRunId, stepId, result);
  await continueRun(tx, ctx, parentRunId);
}

export async function cancelRun(tx: Transaction, ctx: EngineContext, runId: string): Promise<boolean> {
  const run = await lockRun(tx, runId);
  if (!run || !isActive(run)) return false;
  await finishRun(tx, ctx, run, { status: "cancelled" });
  return true;
}

export async function activeRunsOf(
  tx: Transaction,
  ctx: EngineContext,
  functionIds: string[],
): Promise<RunRow[]> {
  if (functionIds.length === 0) return [];
  return tx
    .select()
    .from(executorRuns)
    .where(
      and(
        eq(executorRuns.namespace, ctx.namespace),
        inArray(executorRuns.functionId, functionIds),
        inArray(executorRuns.status, [...ACTIVE]),
      ),
    );
}
