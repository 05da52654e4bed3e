import "server-only";
import { and, asc, eq, gte, notInArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contacts, flowVersions, messages, runs, templates, triggerEvents } from "@/db/schema";
import {
  advance,
  retryFailedRun,
  startRun,
  type Advance,
  type Effect,
  type EngineInput,
  type RunContact,
  type RunContext,
  type RunState,
} from "@/lib/flow/engine";
import type { FlowDocument } from "@/lib/flow/schema";
import { failedStepOf } from "@/lib/runs/retry-safety";
import { AppError } from "@/server/errors";
import { addSuppression } from "@/server/services/contacts/suppressions";
import { emitDomainEvent } from "@/server/events";
import { RetryableSendError, sendMessage } from "@/server/services/messages/send-message";
import { now } from "@/server/clock";
import { recordState, type StepDetail } from "./run-record";

/** What a run needs for its whole life: its pinned document and who it talks to. Read once, memoised. */
export interface RunSetup {
  runId: string;
  workspaceId: string;
  flowId: string;
  version: number;
  contactId: string;
  doc: FlowDocument;
  event: Record<string, unknown>;
  contact: RunContact;
  triggerNodeId?: string;
  /**
   * A retry (server/services/runs/retry-run.ts): the state the run failed in, read once here so that the
   * step re-opening it is deterministic however often Inngest retries that step.
   */
  retryFrom?: RunState;
}

/** What a retry's RUN_REQUESTED event carries: the failed visit it re-opens (`${nodeId}:${visit}`). */
export interface RunRetryRequest {
  fromStepKey: string;
}

/**
 * Everything a function run of `runId` needs. For a retry, also the failed state it starts from; null
 * when the run is no longer the failed run the retry was asked for (a duplicate or stale event): the
 * function then does nothing.
 */
export async function loadRunSetup(runId: string, retry?: RunRetryRequest): Promise<RunSetup | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      run: runs,
      document: flowVersions.document,
      phone: contacts.phone,
      name: contacts.name,
      attributes: contacts.attributes,
      payload: triggerEvents.payload,
    })
    .from(runs)
    .innerJoin(
      flowVersions,
      and(eq(flowVersions.flowId, runs.flowId), eq(flowVersions.number, runs.flowVersion)),
    )
    .innerJoin(contacts, eq(contacts.id, runs.contactId))
    .leftJoin(triggerEvents, eq(triggerEvents.id, runs.triggerEventId))
    .where(eq(runs.id, runId))
    .limit(1);
  if (!row || !row.run.contactId) throw new AppError("NOT_FOUND", `run ${runId} does not exist`);
  let retryFrom: RunState | undefined;
  if (retry) {
    const state = row.run.state;
    if (row.run.status !== "running" || failedStepOf(state)?.stepKey !== retry.fromStepKey || !state) {
      return null;
    }
    retryFrom = state;
  }
  const data = row.payload?.data;
  const trigger =
    data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  return {
    runId,
    workspaceId: row.run.workspaceId,
    flowId: row.run.flowId,
    version: row.run.flowVersion,
    contactId: row.run.contactId,
    doc: row.document,
    event: trigger,
    contact: { phone: row.phone, name: row.name, attributes: row.attributes },
    ...(row.run.triggerNodeId ? { triggerNodeId: row.run.triggerNodeId } : {}),
    ...(retryFrom ? { retryFrom } : {}),
  };
}

/** The world as the engine may see it at this step: templates as they are now, the time, the window. */
async function contextFor(setup: RunSetup): Promise<RunContext> {
  const db = await getDb();
  const [list, [contact]] = await Promise.all([
    db.select().from(templates).where(eq(templates.workspaceId, setup.workspaceId)),
    db
      .select({ lastInboundAt: contacts.lastInboundAt })
      .from(contacts)
      .where(eq(contacts.id, setup.contactId)),
  ]);
  return { templates: list, now: now(), lastInboundAt: contact?.lastInboundAt?.getTime() ?? null };
}

async function record(
  setup: RunSetup,
  result: Advance,
  details?: Record<string, StepDetail>,
): Promise<Advance> {
  const db = await getDb();
  await db.transaction((tx) =>
    recordState(tx, {
      runId: setup.runId,
      workspaceId: setup.workspaceId,
      flowId: setup.flowId,
      doc: setup.doc,
      state: result.state,
      effect: result.effects[0],
      details,
    }),
  );
  return result;
}

/** The run's first engine step (trigger → … → the first effect). */
export async function beginRun(setup: RunSetup): Promise<Advance> {
  const db = await getDb();
  await db
    .update(runs)
    .set({ startedAt: sql`coalesce(${runs.startedAt}, now())` })
    .where(eq(runs.id, setup.runId));
  const ctx = await contextFor(setup);
  return record(
    setup,
    startRun(
      setup.doc,
      { type: "start", event: setup.event, contact: setup.contact, triggerNodeId: setup.triggerNodeId },
      ctx,
    ),
  );
}

/**
 * A retry's first engine step: the failed node entered again (a new visit) from the state the run failed
 * in, with the contact as it is now, so a name or attribute added since can fill the message.
 */
export async function beginRetry(setup: RunSetup & { retryFrom: RunState }): Promise<Advance> {
  const ctx = await contextFor(setup);
  return record(setup, retryFailedRun(setup.doc, setup.retryFrom, ctx, { contact: setup.contact }));
}

/** Feeds an input to the engine and records the new state. */
export async function applyInput(
  setup: RunSetup,
  state: RunState,
  input: EngineInput,
  details?: Record<string, StepDetail>,
): Promise<Advance> {
  const ctx = await contextFor(setup);
  return record(setup, advance(setup.doc, state, input, ctx), details);
}

type SendEffect = Extract<Effect, { type: "send" }>;

export interface SendOutcome {
  input: EngineInput;
  detail: StepDetail;
}

/**
 * Performs a send effect through the send service, once per (run, step key). Retryable Meta errors are
 * thrown (the step is retried with backoff); a refusal or a permanent failure becomes `send_failed`.
 */
export async function performSend(setup: RunSetup, effect: SendEffect): Promise<SendOutcome> {
  try {
    const result = await sendMessage(setup.workspaceId, {
      to: setup.contact.phone,
      content: effect.content,
      runId: setup.runId,
      stepKey: effect.stepKey,
      optOutConfirmation: effect.purpose === "opt_out_confirmation",
    });
    const detail = { messageId: result.messageId, sendKey: effect.stepKey };
    if (result.status === "failed") {
      return {
        input: {
          type: "send_failed",
          stepKey: effect.stepKey,
          code: result.failure?.code ?? "failed",
          message: result.failure?.explanation ?? "WhatsApp refused the message",
        },
        detail: { ...detail, metaCode: result.failure?.code },
      };
    }
    return { input: { type: "sent", stepKey: effect.stepKey, wamid: result.wamid ?? "" }, detail };
  } catch (error) {
    if (error instanceof RetryableSendError) throw error;
    if (error instanceof AppError && error.code !== "INTERNAL") {
      const reason = String(error.details?.reason ?? error.code);
      if (reason === "suppressed" && error.details?.scope) {
        const scope = error.details.scope === "all" ? "all" : "marketing";
        return { input: { type: "opted_out", scope }, detail: { refused: reason } };
      }
      return {
        input: { type: "send_failed", stepKey: effect.stepKey, code: reason, message: error.message },
        detail: { refused: reason },
      };
    }
    throw error;
  }
}

type SuppressEffect = Extract<Effect, { type: "suppress" }>;

/** Records an opt-out node's suppression (and tells the workspace when the node asks to). */
export async function performSuppress(setup: RunSetup, effect: SuppressEffect): Promise<SendOutcome> {
  const db = await getDb();
  const added = await db.transaction((tx) =>
    addSuppression(
      {
        workspaceId: setup.workspaceId,
        phone: setup.contact.phone,
        scope: effect.scope,
        source: "flow",
        detail: `flow ${setup.flowId} step ${effect.stepKey}`,
        contactId: setup.contactId,
      },
      tx,
    ),
  );
  if (added) {
    await emitDomainEvent({
      name: "contact/opted-out",
      data: {
        workspaceId: setup.workspaceId,
        contactId: setup.contactId,
        scope: effect.scope,
        source: "flow",
        originRunId: setup.runId,
      },
    });
  }
  return { input: { type: "suppressed", stepKey: effect.stepKey }, detail: { scope: effect.scope, added } };
}

/**
 * The reply that answers a wait, if one arrived since `sinceMs`: checked before the wait is registered and
 * again after a timeout, because Inngest's waitForEvent only sees events sent after it was registered.
 */
export async function findReplySince(setup: RunSetup, sinceMs: number, taken: readonly string[] = []) {
  const db = await getDb();
  const [row] = await db
    .select({ id: messages.id, type: messages.type, preview: messages.preview, content: messages.content })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, setup.workspaceId),
        eq(messages.contactId, setup.contactId),
        eq(messages.direction, "in"),
        gte(messages.createdAt, new Date(sinceMs)),
        taken.length > 0 ? notInArray(messages.id, [...taken]) : undefined,
      ),
    )
    .orderBy(asc(messages.createdAt))
    .limit(1);
  if (!row) return null;
  return { messageId: row.id, ...replyOf(row.type, row.preview, row.content) };
}

/** A stored inbound message as the engine reads a reply. */
export function replyOf(
  type: string,
  text: string | null,
  content: Record<string, unknown>,
): { text: string | null; buttonId: string | null; type: string } {
  const button = content.button as { payload?: unknown } | undefined;
  const interactive = content.interactive as
    { button_reply?: { id?: unknown }; list_reply?: { id?: unknown } } | undefined;
  const id = button?.payload ?? interactive?.button_reply?.id ?? interactive?.list_reply?.id;
  return { type, text: text === "" ? null : text, buttonId: typeof id === "string" ? id : null };
}
