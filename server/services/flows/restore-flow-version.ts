import "server-only";
import { getDb } from "@/db/client";
import type { RestoreFlowVersionInput } from "@/lib/flow/inputs";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { MemberContext } from "@/server/services/workspaces/types";
import { writeDraft } from "./flow-rules";
import { getFlowVersion } from "./get-flow-version";

/**
 * Copies a published version into the draft, under the same rule as a save: the editor names the
 * revision it has, and a stale one is a CONFLICT. The version itself stays as it was.
 */
export async function restoreFlowVersion(
  ctx: MemberContext,
  input: Omit<RestoreFlowVersionInput, "workspaceSlug">,
): Promise<{ revision: number; updatedAt: Date }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const document = await getFlowVersion(ctx, input.flowId, input.number, tx);
    const saved = await writeDraft(tx, ctx, input.flowId, document, input.revision);
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "flow.restore",
      { type: "flow", id: input.flowId },
      { version: input.number, revision: saved.revision },
      tx,
    );
    return saved;
  });
}
