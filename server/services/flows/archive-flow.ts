import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { flows, type FlowStatus } from "@/db/schema";
import type { ArchiveFlowInput } from "@/lib/flow/inputs";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { MemberContext } from "@/server/services/workspaces/types";
import { findFlow } from "./flow-rules";

/**
 * Archives a flow (read-only, hidden from the default list) or brings it back as published when it
 * ever was, else as a draft. Archiving an archived flow, or unarchiving an active one, changes nothing.
 */
export async function archiveFlow(
  ctx: MemberContext,
  input: Omit<ArchiveFlowInput, "workspaceSlug">,
): Promise<{ status: FlowStatus }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const flow = await findFlow(tx, ctx, input.flowId, { lock: true });
    if (input.archived === (flow.status === "archived")) return { status: flow.status };
    const status: FlowStatus = input.archived
      ? "archived"
      : flow.publishedVersion === null
        ? "draft"
        : "published";
    await tx
      .update(flows)
      .set({ status, updatedAt: sql`now()`, updatedBy: ctx.user.id })
      .where(eq(flows.id, flow.id));
    await recordAudit(
      ctx.workspace,
      ctx.user,
      input.archived ? "flow.archive" : "flow.unarchive",
      { type: "flow", id: flow.id },
      { name: flow.name },
      tx,
    );
    return { status };
  });
}
