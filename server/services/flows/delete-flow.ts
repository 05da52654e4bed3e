import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { flows, flowVersions } from "@/db/schema";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { MemberContext } from "@/server/services/workspaces/types";
import { findFlow } from "./flow-rules";

/**
 * Deletes a flow that was never published. A published version may have runs pinned to it (and their
 * history must stay readable), so such a flow can only be archived.
 */
export async function deleteFlow(ctx: MemberContext, flowId: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const flow = await findFlow(tx, ctx, flowId, { lock: true });
    const [version] = await tx
      .select({ number: flowVersions.number })
      .from(flowVersions)
      .where(eq(flowVersions.flowId, flow.id))
      .limit(1);
    if (flow.publishedVersion !== null || version) {
      throw new AppError("PRECONDITION_FAILED", "This flow has been published: archive it instead", {
        reason: "published",
      });
    }
    await tx.delete(flows).where(eq(flows.id, flow.id));
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "flow.delete",
      { type: "flow", id: flow.id },
      { name: flow.name },
      tx,
    );
  });
}
