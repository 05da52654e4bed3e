import "server-only";
import { and, eq, like, ne, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contacts, flows, messages, runs } from "@/db/schema";
import { decideRetry, type RetryDecision, type RetryRefusal } from "@/lib/runs/retry-safety";
import { AppError, type AppErrorCode } from "@/server/errors";
import { inngest } from "@/server/inngest/client";
import { RUN_REQUESTED } from "@/server/inngest/events";
import type { RunRequestedData } from "@/server/inngest/functions/run-flow";
import { logger } from "@/server/logger";
import { recordAudit } from "@/server/services/audit/record-audit";
import { findBlockingSuppression } from "@/server/services/contacts/suppressions";
import type { MemberContext } from "@/server/services/workspaces/types";

/**
 * "Retry from the failed step" (issue #6, run management). When it is safe is decided in one place,
 * lib/runs/retry-safety.ts; this gathers the facts, re-opens the run and hands it to Inngest, whose
 * run-flow function continues from the stored failed state (not from the trigger).
 */

/** The facts of a run as the retry decision reads them, and the decision. */
export async function checkRetry(workspaceId: string, runId: string): Promise<RetryDecision | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      status: runs.status,
      state: runs.state,
      flowId: runs.flowId,
      flowVersion: runs.flowVersion,
      contactId: runs.contactId,
      flowStatus: flows.status,
      publishedVersion: flows.publishedVersion,
      phone: contacts.phone,
    })
    .from(runs)
    .innerJoin(flows, eq(flows.id, runs.flowId))
    .leftJoin(contacts, eq(contacts.id, runs.contactId))
    .where(and(eq(runs.workspaceId, workspaceId), eq(runs.id, runId)))
    .limit(1);
  if (!row) return null;
  const quick = decideRetry({
    status: row.status,
    state: row.state,
    pinnedVersion: row.flowVersion,
    flow: { status: row.flowStatus, publishedVersion: row.publishedVersion },
    contact: { exists: row.phone !== null, optedOutOfAll: false },
    messages: [],
    otherRunActive: false,
  });
  // Only a run that is otherwise retryable needs the queries below.
  if (!quick.safe || !row.contactId || row.phone === null) return quick;
  const step = quick;
  const [blocked, sent, [other]] = await Promise.all([
    // As for a trigger: only an opt-out of everything blocks; a marketing one is checked by every send.
    findBlockingSuppression(workspaceId, row.phone, false),
    db
      .select({
        wamid: messages.wamid,
        status: messages.status,
        errorCode: messages.errorCode,
        attempts: messages.attempts,
      })
      .from(messages)
      .where(
        and(
          eq(messages.runId, runId),
          or(eq(messages.stepKey, step.stepKey), like(messages.stepKey, `${step.stepKey}:%`)),
        ),
      ),
    db
      .select({ id: runs.id })
      .from(runs)
      .where(
        and(
          eq(runs.flowId, row.flowId),
          eq(runs.contactId, row.contactId),
          eq(runs.status, "running"),
          ne(runs.id, runId),
        ),
      )
      .limit(1),
  ]);
  return decideRetry({
    status: row.status,
    state: row.state,
    pinnedVersion: row.flowVersion,
    flow: { status: row.flowStatus, publishedVersion: row.publishedVersion },
    contact: { exists: true, optedOutOfAll: blocked !== undefined },
    messages: sent,
    otherRunActive: other !== undefined,
  });
}

/** Each refusal as an AppError: its code, and the English message (the UI translates by `reason`). */
const REFUSALS: Record<RetryRefusal, { code: AppErrorCode; message: string }> = {
  not_failed: { code: "CONFLICT", message: "Only a failed run can be retried" },
  no_failed_step: {
    code: "PRECONDITION_FAILED",
    message: "The run failed before its first step: start a new run instead",
  },
  failure_not_retryable: {
    code: "PRECONDITION_FAILED",
    message:
      "This failure would happen again on the same flow version: fix the flow, publish it and start a new run",
  },
  version_changed: {
    code: "PRECONDITION_FAILED",
    message: "A newer version of the flow was published since this run started: start a new run instead",
  },
  flow_not_published: {
    code: "PRECONDITION_FAILED",
    message: "The flow is no longer published: publish it and start a new run",
  },
  contact_deleted: { code: "PRECONDITION_FAILED", message: "The run's contact was deleted" },
  contact_opted_out: {
    code: "PRECONDITION_FAILED",
    message: "The contact opted out of all messages since the run failed",
  },
  message_sent: {
    code: "PRECONDITION_FAILED",
    message: "WhatsApp accepted the failed step's message, so retrying could send it twice",
  },
  outcome_unknown: {
    code: "PRECONDITION_FAILED",
    message:
      "WhatsApp never answered the failed step's send, so the message may have gone out: retrying could send it twice",
  },
  other_run_active: {
    code: "CONFLICT",
    message: "Another run of this flow is running for this contact: wait for it to end or cancel it",
  },
};

function refusal(reason: RetryRefusal): AppError {
  const { code, message } = REFUSALS[reason];
  return new AppError(code, message, { reason: `retry_${reason}` });
}

function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } })?.code ??
    (error as { cause?: { code?: unknown } })?.cause?.code;
  return code === "23505";
}

/**
 * Retries a failed run from the step it failed at, when safe (lib/runs/retry-safety.ts): the run is
 * running again at once (the one-active-run index refuses it when another run of the flow and contact is
 * running), and Inngest continues it from its failed state with a new event id. The failed step stays in
 * the history; the retry adds a new visit of the node.
 */
export async function retryRun(ctx: MemberContext, runId: string) {
  const decision = await checkRetry(ctx.workspace.id, runId);
  if (!decision) throw new AppError("NOT_FOUND", "This run does not exist", { reason: "run_not_found" });
  if (!decision.safe) throw refusal(decision.reason);

  const db = await getDb();
  const [previous] = await db
    .select({ failureCode: runs.failureCode, failureMessage: runs.failureMessage })
    .from(runs)
    .where(eq(runs.id, runId));
  let reopened: { flowId: string; contactId: string | null } | undefined;
  try {
    [reopened] = await db
      .update(runs)
      .set({
        status: "running",
        failureCode: null,
        failureMessage: null,
        waitingFor: null,
        endedAt: null,
        updatedAt: sql`now()`,
      })
      .where(and(eq(runs.workspaceId, ctx.workspace.id), eq(runs.id, runId), eq(runs.status, "failed")))
      .returning({ flowId: runs.flowId, contactId: runs.contactId });
  } catch (error) {
    if (isUniqueViolation(error)) throw refusal("other_run_active");
    throw error;
  }
  // Someone else retried it (or it changed) between the check and now.
  if (!reopened?.contactId) throw refusal("not_failed");

  const data: RunRequestedData = {
    runId,
    workspaceId: ctx.workspace.id,
    flowId: reopened.flowId,
    contactId: reopened.contactId,
    retry: { fromStepKey: decision.stepKey },
  };
  try {
    // Not `run-<id>` (the first start): a retry is a new function run of the same run. The attempt id
    // keeps a retry asked for again after a failed hand-over from colliding with a lost event.
    await inngest().send({
      name: RUN_REQUESTED,
      id: `run-${runId}-retry-${decision.stepKey}-${crypto.randomUUID().slice(0, 8)}`,
      data,
    });
  } catch (error) {
    logger.error({ err: error, runId }, "could not hand a retried run to Inngest; the run is failed again");
    await db
      .update(runs)
      .set({
        status: "failed",
        failureCode: previous?.failureCode ?? null,
        failureMessage: previous?.failureMessage ?? null,
        endedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(runs.id, runId), eq(runs.status, "running")));
    throw new AppError("INTERNAL", "The run could not be handed over for the retry: try again", {
      reason: "retry_handover_failed",
    });
  }
  await recordAudit(
    ctx.workspace,
    ctx.user,
    "run.retry",
    { type: "run", id: runId },
    { flowId: reopened.flowId, fromStepKey: decision.stepKey, failureCode: previous?.failureCode ?? null },
  );
  return { runId, nodeId: decision.nodeId, stepKey: decision.stepKey };
}
