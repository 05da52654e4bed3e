import "server-only";
import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contacts, flows, messages, runs, runSteps } from "@/db/schema";
import type { ListRunsInput } from "@/lib/runs/inputs";
import { AppError } from "@/server/errors";
import type { MemberContext } from "@/server/services/workspaces/types";
import { checkRetry } from "./retry-run";

/**
 * The values of the run's failure (engine-failures.ts params) when they belong to its failure code: the
 * UI translates the reason from code and params, the English failure_message is the fallback. A failure
 * the runtime wrote itself (a cancel, a restart) has none.
 */
const failureParams = sql<Record<
  string,
  unknown
> | null>`case when ${runs.state} -> 'failure' ->> 'code' = ${runs.failureCode} then ${runs.state} -> 'failure' -> 'params' end`;

export const RUNS_PAGE_SIZE = 50;

/** Runs of the workspace (or one flow), newest first, with contact, duration and failure reason. */
export async function listRuns(ctx: MemberContext, input: Omit<ListRunsInput, "workspaceSlug">) {
  const db = await getDb();
  const filters: (SQL | undefined)[] = [eq(runs.workspaceId, ctx.workspace.id)];
  if (input.flowId) filters.push(eq(runs.flowId, input.flowId));
  if (input.status) filters.push(eq(runs.status, input.status));
  if (input.contactId) filters.push(eq(runs.contactId, input.contactId));
  if (input.from) filters.push(gte(runs.createdAt, input.from));
  if (input.to) filters.push(lt(runs.createdAt, input.to));
  if (input.search) {
    const term = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(contacts.phone, term), ilike(contacts.name, term), ilike(flows.name, term)));
  }
  const where = and(...filters);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: runs.id,
        flowId: runs.flowId,
        flowName: flows.name,
        flowVersion: runs.flowVersion,
        status: runs.status,
        waitingFor: runs.waitingFor,
        currentNodeId: runs.currentNodeId,
        triggerSource: runs.triggerSource,
        failureCode: runs.failureCode,
        failureMessage: runs.failureMessage,
        failureParams,
        createdAt: runs.createdAt,
        startedAt: runs.startedAt,
        endedAt: runs.endedAt,
        contactId: runs.contactId,
        contactPhone: contacts.phone,
        contactName: contacts.name,
      })
      .from(runs)
      .innerJoin(flows, eq(flows.id, runs.flowId))
      .leftJoin(contacts, eq(contacts.id, runs.contactId))
      .where(where)
      .orderBy(desc(runs.createdAt), desc(runs.id))
      .limit(RUNS_PAGE_SIZE)
      .offset((input.page - 1) * RUNS_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(runs)
      .innerJoin(flows, eq(flows.id, runs.flowId))
      .leftJoin(contacts, eq(contacts.id, runs.contactId))
      .where(where),
  ]);
  return { runs: rows, total: count?.total ?? 0, page: input.page, pageSize: RUNS_PAGE_SIZE };
}

/** One run with its step timeline: node, branch, the message sent and its delivery, the reply, errors, timings. */
export async function getRun(ctx: MemberContext, runId: string) {
  const db = await getDb();
  const [run] = await db
    .select({
      id: runs.id,
      flowId: runs.flowId,
      flowName: flows.name,
      flowVersion: runs.flowVersion,
      status: runs.status,
      waitingFor: runs.waitingFor,
      currentNodeId: runs.currentNodeId,
      triggerSource: runs.triggerSource,
      triggerEventId: runs.triggerEventId,
      failureCode: runs.failureCode,
      failureMessage: runs.failureMessage,
      failureParams,
      createdAt: runs.createdAt,
      startedAt: runs.startedAt,
      endedAt: runs.endedAt,
      contactId: runs.contactId,
      contactPhone: contacts.phone,
      contactName: contacts.name,
      event: sql<Record<string, unknown> | null>`${runs.state} -> 'scope' -> 'event'`,
    })
    .from(runs)
    .innerJoin(flows, eq(flows.id, runs.flowId))
    .leftJoin(contacts, eq(contacts.id, runs.contactId))
    .where(and(eq(runs.workspaceId, ctx.workspace.id), eq(runs.id, runId)))
    .limit(1);
  if (!run) throw new AppError("NOT_FOUND", "This run does not exist", { reason: "run_not_found" });
  const [steps, sent] = await Promise.all([
    db.select().from(runSteps).where(eq(runSteps.runId, run.id)).orderBy(asc(runSteps.seq)),
    db
      .select({
        id: messages.id,
        stepKey: messages.stepKey,
        type: messages.type,
        preview: messages.preview,
        status: messages.status,
        templateName: messages.templateName,
        errorCode: messages.errorCode,
        errorTitle: messages.errorTitle,
        errorDetails: messages.errorDetails,
        sentAt: messages.sentAt,
        deliveredAt: messages.deliveredAt,
        readAt: messages.readAt,
        failedAt: messages.failedAt,
        createdAt: messages.createdAt,
      })
      .from(messages)
      .where(eq(messages.runId, run.id)),
  ]);
  const replyIds = steps.flatMap((s) =>
    typeof s.detail.replyMessageId === "string" ? [s.detail.replyMessageId] : [],
  );
  const replies =
    replyIds.length > 0
      ? await db
          .select({
            id: messages.id,
            preview: messages.preview,
            type: messages.type,
            createdAt: messages.createdAt,
          })
          .from(messages)
          .where(and(eq(messages.workspaceId, ctx.workspace.id), inArray(messages.id, replyIds)))
      : [];
  // Whether "Retry from failed step" may run, or why not: only asked of failed runs.
  const retry = run.status === "failed" ? await checkRetry(ctx.workspace.id, run.id) : null;
  return { run, steps, messages: sent, replies, retry };
}

/** Per-node and per-edge counts of a flow's runs over a date range: the canvas overlay. */
export async function flowOverlay(ctx: MemberContext, flowId: string, from?: Date, to?: Date) {
  const db = await getDb();
  const filters = and(
    eq(runSteps.workspaceId, ctx.workspace.id),
    eq(runSteps.flowId, flowId),
    from ? gte(runSteps.startedAt, from) : undefined,
    to ? lt(runSteps.startedAt, to) : undefined,
  );
  const [nodes, edges] = await Promise.all([
    db
      .select({
        nodeId: runSteps.nodeId,
        entered: sql<number>`count(*)::int`,
        waiting: sql<number>`count(*) filter (where ${runSteps.status} in ('waiting', 'running'))::int`,
        completed: sql<number>`count(*) filter (where ${runSteps.status} = 'completed')::int`,
        failed: sql<number>`count(*) filter (where ${runSteps.status} = 'failed')::int`,
      })
      .from(runSteps)
      .where(filters)
      .groupBy(runSteps.nodeId),
    db
      .select({ nodeId: runSteps.nodeId, handle: runSteps.handle, count: sql<number>`count(*)::int` })
      .from(runSteps)
      .where(and(filters, sql`${runSteps.handle} is not null`))
      .groupBy(runSteps.nodeId, runSteps.handle),
  ]);
  return { nodes, edges };
}
