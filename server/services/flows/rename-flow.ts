import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { flows } from "@/db/schema";
import type { RenameFlowInput } from "@/lib/flow/inputs";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { MemberContext } from "@/server/services/workspaces/types";
import { assertNotArchived, findFlow } from "./flow-rules";

/** Renames a flow (and changes its description when one is given). The draft's revision is unchanged. */
export async function renameFlow(
  ctx: MemberContext,
  input: Omit<RenameFlowInput, "workspaceSlug">,
): Promise<{ name: string; description: string; updatedAt: Date }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const flow = await findFlow(tx, ctx, input.flowId, { lock: true });
    assertNotArchived(flow);
    const description = input.description ?? flow.description;
    const [renamed] = await tx
      .update(flows)
      .set({ name: input.name, description, updatedAt: sql`now()`, updatedBy: ctx.user.id })
      .where(eq(flows.id, flow.id))
      .returning({ name: flows.name, description: flows.description, updatedAt: flows.updatedAt });
    if (!renamed) throw new Error("the locked flow was not updated");
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "flow.rename",
      { type: "flow", id: flow.id },
      { from: flow.name, to: input.name },
      tx,
    );
    return renamed;
  });
}
