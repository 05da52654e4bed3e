import "server-only";
import { getDb } from "@/db/client";
import type { SaveFlowDraftInput } from "@/lib/flow/inputs";
import type { MemberContext } from "@/server/services/workspaces/types";
import { readSubmittedDocument, writeDraft } from "./flow-rules";

/**
 * Saves the editor's draft when it was made from the stored revision; otherwise CONFLICT with who changed
 * it and when, so the editor can offer to reload or to overwrite (`force`). Drafts may be incomplete:
 * only the document's structure is checked here, its findings are publishing's concern.
 */
export async function saveFlowDraft(
  ctx: MemberContext,
  input: Omit<SaveFlowDraftInput, "workspaceSlug">,
): Promise<{ revision: number; updatedAt: Date }> {
  const document = readSubmittedDocument(input.document);
  const db = await getDb();
  return writeDraft(db, ctx, input.flowId, document, input.force ? null : input.revision);
}
