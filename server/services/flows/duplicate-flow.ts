import "server-only";
import { getDb } from "@/db/client";
import { flows } from "@/db/schema";
import { FLOW_NAME_MAX } from "@/lib/flow/inputs";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { MemberContext } from "@/server/services/workspaces/types";
import { findFlow } from "./flow-rules";

/** A new draft with a copy of the flow's draft, named "Copy of …"; its versions are not copied. */
export async function duplicateFlow(ctx: MemberContext, flowId: string): Promise<{ id: string }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const source = await findFlow(tx, ctx, flowId);
    const name = `Copy of ${source.name}`.slice(0, FLOW_NAME_MAX);
    const [copy] = await tx
      .insert(flows)
      .values({
        workspaceId: ctx.workspace.id,
        name,
        description: source.description,
        draft: source.draft,
        createdBy: ctx.user.id,
        updatedBy: ctx.user.id,
      })
      .returning({ id: flows.id });
    if (!copy) throw new Error("the copy was not inserted");
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "flow.duplicate",
      { type: "flow", id: copy.id },
      { sourceId: source.id, name },
      tx,
    );
    return copy;
  });
}
