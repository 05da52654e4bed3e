import { eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { executorJobs, executorRuns } from "@/db/schema";
import type { CallOutcome } from "./call";
import type { EngineContext } from "./context";
import { INVOKED_EVENT, type Op, type SerializedError, toSerializedError } from "./protocol";
import {
  createRun,
  continueRun,
  finishRun,
  insertJob,
  isActive,
  jobsOf,
  lockRun,
  saveStep,
  stepIdsOf,
  type JobRow,
  type RunRow,
} from "./runs";
import { backoffMs, resolveDeadline } from "./time";
import { ulid } from "./ids";

/**
 * Applies the answer to one call (INNGEST-PROTOCOL.md §4, §11) in one transaction. A run that ended
 * meanwhile (cancelled) or a job that is gone drops the answer: the SDK is never told.
 */
const MAX_CALLS_PER_RUN = 10_000;

export async function applyCallOutcome(
  tx: Transaction,
  ctx: EngineContext,
  job: JobRow,
  maxAttempts: number,
  outcome: CallOutcome,
): Promise<void> {
  const run = await lockRun(tx, job.runId);
  if (!run || !isActive(run)) return;
  const removed = await tx
    .delete(executorJobs)
    .where(eq(executorJobs.id, job.id))
    .returning({ id: executorJobs.id });
  if (removed.length === 0) return;
  await tx
    .update(executorRuns)
    .set({ calls: sql`${executorRuns.calls} + 1` })
    .where(eq(executorRuns.id, run.id));
  if (run.calls + 1 >= MAX_CALLS_PER_RUN) {
    const error = { name: "Error", message: `The run made ${MAX_CALLS_PER_RUN} calls without ending` };
    return finishRun(tx, ctx, run, { status: "failed", error });
  }

  switch (outcome.kind) {
    case "complete":
      return finishRun(tx, ctx, run, { status: "completed", output: outcome.output });
    case "fail":
      return finishRun(tx, ctx, run, { status: "failed", error: outcome.error });
    case "retry":
      return retryOrFail(tx, ctx, run, job, maxAttempts, outcome.error, outcome.retryAfterMs);
    case "ops":
      return applyOps(tx, ctx, run, job, maxAttempts, outcome.ops, outcome.retryAfterMs);
  }
}

/** The same call again with attempt+1 after a backoff (or Retry-After), or the run fails. */
async function retryOrFail(
  tx: Transaction,
  ctx: EngineContext,
  run: RunRow,
  job: JobRow,
  maxAttempts: number,
  error: SerializedError,
  retryAfterMs: number | undefined,
): Promise<void> {
  if (job.attempt + 1 >= maxAttempts) return finishRun(tx, ctx, run, { status: "failed", error });
  const delay = retryAfterMs ?? backoffMs(job.attempt, ctx.retryBaseMs, ctx.retryMaxMs);
  ctx.log.debug({ runId: run.id, attempt: job.attempt + 1, delayMs: delay }, "call retry scheduled");
  await insertJob(tx, ctx, {
    runId: run.id,
    kind: "call",
    stepId: job.stepId,
    attempt: job.attempt + 1,
    dueAt: new Date(ctx.now().getTime() + delay),
  });
}

async function applyOps(
  tx: Transaction,
  ctx: EngineContext,
  run: RunRow,
  job: JobRow,
  maxAttempts: number,
  ops: Op[],
  retryAfterMs: number | undefined,
): Promise<void> {
  const done = await stepIdsOf(tx, run.id);
  const pending = new Set((await jobsOf(tx, run.id)).map((j) => j.stepId).filter((id) => id !== null));
  const now = ctx.now();
  let progressed = false;
  // The real server turns DIE on after any multi-op answer and off before the next discovery.
  if (ops.length > 1 && !run.disableImmediateExecution) {
    await tx.update(executorRuns).set({ disableImmediateExecution: true }).where(eq(executorRuns.id, run.id));
  }
  const isNew = (id: string) => !done.has(id) && !pending.has(id);
  const save = async (id: string, result: unknown) => {
    if (done.has(id)) return;
    await saveStep(tx, ctx, run.id, id, result);
    done.add(id);
    progressed = true;
  };
  const schedule = async (spec: Parameters<typeof insertJob>[2]) => {
    await insertJob(tx, ctx, spec);
    if (spec.stepId) pending.add(spec.stepId);
    progressed = true;
  };

  for (const op of ops) {
    switch (op.op) {
      case "StepRun":
        await save(op.id, { data: op.data ?? null });
        break;
      case "StepPlanned":
        if (isNew(op.id)) await schedule({ runId: run.id, kind: "call", stepId: op.id, dueAt: now });
        break;
      case "StepError":
        // Not final yet: the same call again. Final (attempts used up): the step throws in user code.
        if (job.attempt + 1 < maxAttempts) {
          const delay = retryAfterMs ?? backoffMs(job.attempt, ctx.retryBaseMs, ctx.retryMaxMs);
          ctx.log.debug({ runId: run.id, attempt: job.attempt + 1, delayMs: delay }, "step retry scheduled");
          await schedule({
            runId: run.id,
            kind: "call",
            stepId: job.stepId,
            attempt: job.attempt + 1,
            dueAt: new Date(now.getTime() + delay),
          });
        } else {
          await save(op.id, { error: toSerializedError(op.error) });
        }
        break;
      case "StepFailed":
        await save(op.id, { error: toSerializedError(op.error) });
        break;
      case "Sleep": {
        if (!isNew(op.id)) break;
        const until = resolveDeadline(op.name ?? "", now) ?? now;
        await schedule({ runId: run.id, kind: "sleep", stepId: op.id, dueAt: until });
        break;
      }
      case "WaitForEvent": {
        if (!isNew(op.id)) break;
        const timeout = typeof op.opts?.timeout === "string" ? op.opts.timeout : "";
        const condition = typeof op.opts?.if === "string" ? op.opts.if : null;
        await schedule({
          runId: run.id,
          kind: "wait",
          stepId: op.id,
          eventName: op.name ?? "",
          condition,
          dueAt: resolveDeadline(timeout, now) ?? now,
        });
        break;
      }
      case "InvokeFunction":
        if (isNew(op.id)) await invoke(tx, ctx, run, op, schedule, save);
        break;
      case "RunComplete":
        return finishRun(tx, ctx, run, { status: "completed", output: op.data ?? null });
      case "DiscoveryRequest":
        progressed = true;
        break;
      default:
        // AIGateway, Gateway, WaitForSignal, defers: the step throws, so the author sees why.
        await save(op.id, {
          error: { name: "Error", message: `The local Inngest executor does not support ${op.op}` },
        });
    }
  }
  if (!progressed) {
    const error = { name: "Error", message: "The function answered without any new step" };
    return retryOrFail(tx, ctx, run, job, maxAttempts, error, retryAfterMs);
  }
  await continueRun(tx, ctx, run.id);
}

async function invoke(
  tx: Transaction,
  ctx: EngineContext,
  run: RunRow,
  op: Op,
  schedule: (spec: Parameters<typeof insertJob>[2]) => Promise<void>,
  save: (id: string, result: unknown) => Promise<void>,
): Promise<void> {
  const now = ctx.now();
  const functionId = typeof op.opts?.function_id === "string" ? op.opts.function_id : "";
  const target = ctx.functions().get(functionId);
  if (!target) {
    await save(op.id, { error: { name: "Error", message: `No function ${functionId} to invoke` } });
    return;
  }
  const payload = (op.opts?.payload ?? {}) as { data?: unknown };
  const data =
    payload.data && typeof payload.data === "object" ? (payload.data as Record<string, unknown>) : {};
  const event = { name: INVOKED_EVENT, data, id: ulid(now), ts: now.getTime() };
  const timeout = typeof op.opts?.timeout === "string" ? resolveDeadline(op.opts.timeout, now) : undefined;
  const childRunId = await createRun(tx, ctx, target, event, { runId: run.id, stepId: op.id });
  if (!childRunId) {
    await save(op.id, {
      error: { name: "Error", message: `The invoked function ${functionId} did not start` },
    });
    return;
  }
  await schedule({ runId: run.id, kind: "invoke", stepId: op.id, childRunId, dueAt: timeout ?? null });
}

/** Sleeps that ended, waits and invokes that timed out: their results, then discovery. */
export async function fireTimer(tx: Transaction, ctx: EngineContext, job: JobRow): Promise<void> {
  const run = await lockRun(tx, job.runId);
  if (!run || !isActive(run) || !job.stepId) return;
  const removed = await tx
    .delete(executorJobs)
    .where(eq(executorJobs.id, job.id))
    .returning({ id: executorJobs.id });
  if (removed.length === 0) return;
  const result =
    job.kind === "invoke"
      ? {
          error: { name: "InngestInvokeTimeoutError", message: "Timed out waiting for the invoked function" },
        }
      : null;
  await saveStep(tx, ctx, run.id, job.stepId, result);
  await continueRun(tx, ctx, run.id);
}
