import "server-only";
import { getDb } from "@/db/client";
import { flows } from "@/db/schema";
import type { CreateFlowInput, FlowStarter } from "@/lib/flow/inputs";
import { emptyFlowDocument, type FlowDocument } from "@/lib/flow/schema";
import { starterDocument } from "@/lib/flow/starters";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { MemberContext } from "@/server/services/workspaces/types";

function initialDocument(starter: FlowStarter): FlowDocument {
  return starter === "blank" ? emptyFlowDocument() : starterDocument(starter);
}

/** A new draft flow, empty or from a starter; never published. */
export async function createFlow(
  ctx: MemberContext,
  input: Omit<CreateFlowInput, "workspaceSlug">,
): Promise<{ id: string }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [flow] = await tx
      .insert(flows)
      .values({
        workspaceId: ctx.workspace.id,
        name: input.name,
        description: input.description,
        draft: initialDocument(input.starter),
        createdBy: ctx.user.id,
        updatedBy: ctx.user.id,
      })
      .returning({ id: flows.id });
    if (!flow) throw new Error("the flow was not inserted");
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "flow.create",
      { type: "flow", id: flow.id },
      { name: input.name, starter: input.starter },
      tx,
    );
    return flow;
  });
}
