import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { flows, flowVersions, runs, triggerEvents, type RunPolicy, type TriggerSource } from "@/db/schema";
import type { FlowDocument } from "@/lib/flow/schema";
import { keywordTriggerMatches, triggerAccepts, type TriggerConfig } from "@/lib/flow/nodes/trigger";
import { toE164 } from "@/lib/privacy/phone";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { findBlockingSuppression } from "@/server/services/contacts/suppressions";
import { upsertContact } from "@/server/services/contacts/upsert-contact";
import { inngest } from "@/server/inngest/client";
import { RUN_CANCEL, RUN_REQUESTED } from "@/server/inngest/events";
import { runAfterResponse } from "@/server/services/webhooks/after-response";

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

interface Candidate {
  flowId: string;
  version: number;
  runPolicy: RunPolicy;
  nodeId: string;
  config: TriggerConfig;
}

/** The published flows whose trigger listens to this request, highest priority first. */
async function candidates(db: Executor, req: TriggerRequest): Promise<Candidate[]> {
  const rows = await db
    .select({
      flowId: flows.id,
      version: flows.publishedVersion,
      runPolicy: flows.runPolicy,
      document: flowVersions.document,
    })
    .from(flows)
    .innerJoin(
      flowVersions,
      and(eq(flowVersions.flowId, flows.id), eq(flowVersions.number, flows.publishedVersion)),
    )
    .where(
      and(
        eq(flows.workspaceId, req.workspaceId),
        eq(flows.status, "published"),
        req.flowId ? eq(flows.id, req.flowId) : undefined,
      ),
    )
    .orderBy(desc(flows.priority), asc(flows.createdAt));
  const found: Candidate[] = [];
  for (const row of rows) {
    if (row.version === null) continue;
    for (const node of (row.document as FlowDocument).nodes) {
      if (node.type !== "trigger") continue;
      const config = node.config as TriggerConfig;
      const listens =
        (req.source === "api" &&
          config.kind === "event" &&
          config.eventName.trim().toLowerCase() === req.name.toLowerCase()) ||
        (req.source === "webhook" && config.kind === "webhook" && (!req.nodeId || node.id === req.nodeId)) ||
        (req.source === "keyword" && keywordTriggerMatches(config, req.name)) ||
        (req.source === "manual" && (!req.nodeId || node.id === req.nodeId));
      if (listens) {
        found.push({
          flowId: row.flowId,
          version: row.version,
          runPolicy: row.runPolicy,
          nodeId: node.id,
          config,
        });
        break;
      }
    }
  }
  // An inbound keyword starts the first matching flow only.
  return req.source === "keyword" ? found.slice(0, 1) : found;
}

function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } })?.code ??
    (error as { cause?: { code?: unknown } })?.cause?.code;
  return code === "23505";
}

/**
 * Starts the runs a trigger asks for: records the event (an idempotency key seen in the last 24 h
 * returns the first answer), upserts the contact, and for each listening published flow checks the
 * contact's suppressions, the trigger's filter and the flow's run policy (skip / restart / queue) before
 * creating the run and handing it to Inngest.
 */
export async function triggerFlows(req: TriggerRequest): Promise<TriggerResult> {
  const phone = toE164(req.contact.phone);
  if (!phone) {
    throw new AppError(
      "BAD_REQUEST",
      `contact.phone "${req.contact.phone}" is not a phone number WhatsApp can reach`,
      {
        reason: "invalid_phone",
        field: "contact.phone",
      },
    );
  }
  const db = await getDb();
  const toSend: { runId: string; flowId: string; contactId: string }[] = [];
  const toCancel: string[] = [];
  const result = await db.transaction(async (tx): Promise<TriggerResult> => {
    const [event] = await tx
      .insert(triggerEvents)
      .values({
        workspaceId: req.workspaceId,
        source: req.source,
        name: req.name,
        idempotencyKey: req.idempotencyKey ?? null,
        contactPhone: phone,
        payload: { data: req.data, contact: { ...req.contact, phone } },
        apiKeyId: req.apiKeyId ?? null,
      })
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
    const contact = await upsertContact(
      {
        workspaceId: req.workspaceId,
        phone,
        name: req.contact.name ?? null,
        attributes: req.contact.attributes,
        consentSource: req.source === "keyword" ? "inbound" : req.source,
      },
      tx,
    );
    const found = await candidates(tx, req);
    const blocked =
      found.length > 0 ? await findBlockingSuppression(req.workspaceId, phone, false, tx) : undefined;
    const scope = {
      event: req.data,
      contact: { phone, name: contact.name, attributes: contact.attributes },
    };
    const outcomes: TriggerResult["runs"] = [];
    for (const candidate of found) {
      if (blocked) {
        outcomes.push({ flowId: candidate.flowId, runId: null, outcome: "suppressed" });
        continue;
      }
      if (!triggerAccepts(candidate.config, scope)) {
        outcomes.push({ flowId: candidate.flowId, runId: null, outcome: "filtered" });
        continue;
      }
      const [active] = await tx
        .select({ id: runs.id })
        .from(runs)
        .where(
          and(eq(runs.flowId, candidate.flowId), eq(runs.contactId, contact.id), eq(runs.status, "running")),
        )
        .limit(1)
        .for("update");
      let status: "running" | "queued" = "running";
      let outcome: RunOutcome = "started";
      if (active) {
        if (candidate.runPolicy === "skip") {
          outcomes.push({ flowId: candidate.flowId, runId: active.id, outcome: "skipped_active" });
          continue;
        }
        if (candidate.runPolicy === "restart") {
          await tx
            .update(runs)
            .set({
              status: "cancelled",
              failureCode: "restarted",
              failureMessage: "Restarted by a new trigger",
              endedAt: sql`now()`,
              updatedAt: sql`now()`,
            })
            .where(eq(runs.id, active.id));
          toCancel.push(active.id);
          outcome = "restarted";
        } else {
          status = "queued";
          outcome = "queued";
        }
      }
      const [run] = await tx
        .insert(runs)
        .values({
          workspaceId: req.workspaceId,
          flowId: candidate.flowId,
          flowVersion: candidate.version,
          contactId: contact.id,
          status,
          triggerSource: req.source,
          triggerEventId: event.id,
          triggerNodeId: candidate.nodeId,
          startedBy: req.startedBy ?? null,
        })
        .returning({ id: runs.id });
      if (!run) throw new Error("run insert returned no row");
      if (status === "running")
        toSend.push({ runId: run.id, flowId: candidate.flowId, contactId: contact.id });
      outcomes.push({ flowId: candidate.flowId, runId: run.id, outcome });
    }
    if (req.flowId && found.length === 0) {
      outcomes.push({ flowId: req.flowId, runId: null, outcome: "not_published" });
    }
    await tx
      .update(triggerEvents)
      .set({ outcome: { runs: outcomes } })
      .where(eq(triggerEvents.id, event.id));
    return { eventId: event.id, duplicate: false, runs: outcomes };
  });
  // Handed to Inngest after the answer: the caller does not wait for it, and a run whose hand-over is
  // lost (a crash, Inngest unreachable) is handed over again by the dispatch sweep.
  runAfterResponse(() => dispatch(req.workspaceId, toSend, toCancel));
  return result;
}

/** Hands new runs to Inngest (and cancels restarted ones). A failure leaves them for the dispatch sweep. */
async function dispatch(
  workspaceId: string,
  started: { runId: string; flowId: string; contactId: string }[],
  cancelled: string[],
): Promise<void> {
  if (started.length === 0 && cancelled.length === 0) return;
  try {
    await inngest().send([
      ...cancelled.map((runId) => ({ name: RUN_CANCEL, data: { runId } })),
      ...started.map((r) => ({ name: RUN_REQUESTED, id: `run-${r.runId}`, data: { ...r, workspaceId } })),
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
  await dispatch(started.workspaceId, [{ runId: started.id, flowId, contactId }], []);
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
    await dispatch(run.workspaceId, [{ runId: run.id, flowId: run.flowId, contactId: run.contactId }], []);
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
