import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { flows, runs } from "@/db/schema";
import type { StartManualRunInput } from "@/lib/runs/inputs";
import { AppError } from "@/server/errors";
import { inngest } from "@/server/inngest/client";
import { RUN_CANCEL } from "@/server/inngest/events";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { MemberContext } from "@/server/services/workspaces/types";
import { startQueuedRun, triggerFlows } from "./start-runs";

/** Stops a running or queued run: nothing more is sent. */
export async function cancelRun(ctx: MemberContext, runId: string) {
  const db = await getDb();
  const [row] = await db
    .update(runs)
    .set({
      status: "cancelled",
      failureCode: "cancelled",
      failureMessage: `Cancelled by ${ctx.user.email}`,
      endedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(runs.workspaceId, ctx.workspace.id),
        eq(runs.id, runId),
        inArray(runs.status, ["running", "queued"]),
      ),
    )
    .returning({ id: runs.id, flowId: runs.flowId, contactId: runs.contactId });
  if (!row) throw new AppError("CONFLICT", "This run has already finished", { reason: "run_finished" });
  await inngest().send({ name: RUN_CANCEL, data: { runId: row.id } });
  await recordAudit(
    ctx.workspace,
    ctx.user,
    "run.cancel",
    { type: "run", id: row.id },
    { flowId: row.flowId },
  );
  if (row.contactId) await startQueuedRun(row.flowId, row.contactId);
  return { cancelled: true };
}

/** "Run for contact" from the flow page: the published version, started by hand. */
export async function startManualRun(ctx: MemberContext, input: Omit<StartManualRunInput, "workspaceSlug">) {
  const db = await getDb();
  const [flow] = await db
    .select({ id: flows.id, status: flows.status })
    .from(flows)
    .where(and(eq(flows.workspaceId, ctx.workspace.id), eq(flows.id, input.flowId)))
    .limit(1);
  if (!flow) throw new AppError("NOT_FOUND", "This flow does not exist", { reason: "flow_not_found" });
  if (flow.status !== "published") {
    throw new AppError("PRECONDITION_FAILED", "Publish the flow before running it", {
      reason: "not_published",
    });
  }
  const result = await triggerFlows({
    workspaceId: ctx.workspace.id,
    source: "manual",
    name: "manual",
    flowId: flow.id,
    contact: { phone: input.phone, ...(input.name ? { name: input.name } : {}) },
    data: input.data,
    startedBy: ctx.user.id,
  });
  await recordAudit(
    ctx.workspace,
    ctx.user,
    "run.start",
    { type: "flow", id: flow.id },
    {
      outcome: result.runs[0]?.outcome ?? "none",
    },
  );
  return result;
}

/** The flow's run policy and keyword priority. */
export async function updateRunSettings(
  ctx: MemberContext,
  input: { flowId: string; runPolicy: "skip" | "restart" | "queue"; priority: number },
) {
  const db = await getDb();
  const [row] = await db
    .update(flows)
    .set({ runPolicy: input.runPolicy, priority: input.priority, updatedAt: sql`now()` })
    .where(and(eq(flows.workspaceId, ctx.workspace.id), eq(flows.id, input.flowId)))
    .returning({ id: flows.id, runPolicy: flows.runPolicy, priority: flows.priority });
  if (!row) throw new AppError("NOT_FOUND", "This flow does not exist", { reason: "flow_not_found" });
  return row;
}
