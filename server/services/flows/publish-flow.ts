import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { flows, flowVersions } from "@/db/schema";
import type { PublishFlowInput } from "@/lib/flow/inputs";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { listTemplates } from "@/server/services/templates/list-templates";
import type { MemberContext } from "@/server/services/workspaces/types";
import { assertNotArchived, findFlow, findingsOf, readStoredDocument, staleRevision } from "./flow-rules";

/**
 * Publishes the stored draft as the next immutable version. The caller names the revision it reviewed:
 * publishing anything else (a teammate saved in between) is a CONFLICT. A draft with any error finding
 * is refused with the findings, and nothing changes.
 */
export async function publishFlow(
  ctx: MemberContext,
  input: Omit<PublishFlowInput, "workspaceSlug">,
): Promise<{ number: number }> {
  const db = await getDb();
  // Read before the transaction: PGlite serves one query at a time, and a query outside an open
  // transaction would wait for it forever.
  const templates = await listTemplates(ctx.workspace, db);
  return db.transaction(async (tx) => {
    // The row lock serialises publishes of one flow, so the next number is free; the unique index on
    // (flow_id, number) would turn a mistake here into an error rather than two versions 3.
    const flow = await findFlow(tx, ctx, input.flowId, { lock: true });
    assertNotArchived(flow);
    if (flow.revision !== input.revision) throw staleRevision(flow);
    const document = readStoredDocument(flow.draft);
    const findings = findingsOf(document, templates);
    if (findings.some((f) => f.severity === "error")) {
      throw new AppError("PRECONDITION_FAILED", "Fix the highlighted nodes before publishing", {
        reason: "invalid",
        findings,
      });
    }
    const [latest] = await tx
      .select({ number: sql<number>`coalesce(max(${flowVersions.number}), 0)::int` })
      .from(flowVersions)
      .where(eq(flowVersions.flowId, flow.id));
    const number = (latest?.number ?? 0) + 1;
    await tx.insert(flowVersions).values({
      flowId: flow.id,
      workspaceId: ctx.workspace.id,
      number,
      document,
      note: input.note,
      publishedBy: ctx.user.id,
    });
    await tx
      .update(flows)
      .set({ status: "published", publishedVersion: number, updatedAt: sql`now()`, updatedBy: ctx.user.id })
      .where(eq(flows.id, flow.id));
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "flow.publish",
      { type: "flow", id: flow.id },
      { name: flow.name, version: number, note: input.note },
      tx,
    );
    return { number };
  });
}
