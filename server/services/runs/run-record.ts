import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { runs, runSteps, type RunStatus, type RunStepStatus } from "@/db/schema";
import type { Effect, RunFailure, RunState } from "@/lib/flow/engine";
import type { FlowDocument } from "@/lib/flow/schema";

/** The runs.status a finished or parked engine state is stored as. */
export function storedStatus(state: RunState): RunStatus {
  switch (state.status) {
    case "completed":
    case "failed":
    case "cancelled":
      return state.status;
    default:
      return "running";
  }
}

function waitingFor(state: RunState): string | null {
  if (!state.at) return null;
  switch (state.at.effect) {
    case "wait_for_reply":
      return "reply";
    case "sleep":
      return "sleep";
    case "send":
      return "send";
    case "suppress":
      return "suppress";
  }
}

export interface StepDetail {
  /** The stepKey of the effect and what came of it, merged into run_steps.detail. */
  [key: string]: unknown;
}

/**
 * Writes the run's state and its history after an engine step: the run row, and one run_steps row per
 * node visit on the path (inserted once, then updated as the visit's output becomes known). Idempotent:
 * a retried step writes the same rows again.
 */
export async function recordState(
  tx: Executor,
  input: {
    runId: string;
    workspaceId: string;
    flowId: string;
    doc: FlowDocument;
    state: RunState;
    effect: Effect | undefined;
    /** Extra facts about the visit that produced this state, keyed by `${nodeId}:${visit}`. */
    details?: Record<string, StepDetail>;
  },
): Promise<void> {
  const { state } = input;
  const finished = storedStatus(state) !== "running";
  await tx
    .update(runs)
    .set({
      state,
      status: storedStatus(state),
      waitingFor: waitingFor(state),
      currentNodeId: state.at?.nodeId ?? state.path.at(-1)?.nodeId ?? null,
      failureCode: state.failure?.code ?? null,
      failureMessage: state.failure?.message ?? null,
      endedAt: finished ? sql`coalesce(${runs.endedAt}, now())` : null,
      updatedAt: sql`now()`,
    })
    // Only a running run moves: a step still in flight when the run was cancelled (an opt-out, a
    // restart, by hand) must not bring it back.
    .where(and(eq(runs.id, input.runId), eq(runs.status, "running")));

  const types = new Map(input.doc.nodes.map((n) => [n.id, n.type]));
  const last = state.path.length - 1;
  for (const [index, entry] of state.path.entries()) {
    const key = `${entry.nodeId}:${entry.visit}`;
    let status: RunStepStatus;
    if (entry.failure) status = "failed";
    else if (entry.handle !== null) status = "completed";
    else if (index === last && state.at?.nodeId === entry.nodeId)
      status = state.at.effect === "wait_for_reply" || state.at.effect === "sleep" ? "waiting" : "running";
    else if (index === last && state.status === "failed") status = "failed";
    else if (index === last && state.status === "cancelled") status = "skipped";
    else status = "completed";
    const failure =
      entry.failure ?? (index === last && state.failure?.nodeId === entry.nodeId ? state.failure : undefined);
    const error = failure ? stepError(failure) : null;
    const detail = {
      ...(entry.notice ? { notice: entry.notice } : {}),
      ...(input.details?.[key] ?? {}),
    };
    const ended = status === "completed" || status === "failed" || status === "skipped";
    await tx
      .insert(runSteps)
      .values({
        runId: input.runId,
        workspaceId: input.workspaceId,
        flowId: input.flowId,
        nodeId: entry.nodeId,
        nodeType: types.get(entry.nodeId) ?? "unknown",
        visit: entry.visit,
        seq: index,
        stepKey: key,
        status,
        handle: entry.handle,
        detail,
        error,
        startedAt: new Date(entry.at),
        endedAt: ended ? sql`now()` : null,
      })
      .onConflictDoUpdate({
        target: [runSteps.runId, runSteps.stepKey],
        set: {
          status,
          handle: entry.handle,
          detail: sql`${runSteps.detail} || ${JSON.stringify(detail)}::jsonb`,
          error,
          endedAt: ended ? sql`coalesce(${runSteps.endedAt}, now())` : null,
        },
      });
  }
}

/**
 * A failure as run_steps.error keeps it: the code and the values its message names (the UI translates
 * from these, the English message is the fallback), and Meta's code of a refused send.
 */
function stepError(failure: RunFailure) {
  const metaCode = failure.code === "send_failed" ? failure.params.code : undefined;
  return {
    code: failure.code,
    message: failure.message,
    params: failure.params,
    ...(typeof metaCode === "number" ? { metaCode } : {}),
  };
}
