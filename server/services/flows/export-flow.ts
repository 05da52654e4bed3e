import "server-only";
import { getDb } from "@/db/client";
import {
  FLOW_FILE_FORMAT,
  FLOW_FILE_FORMAT_VERSION,
  flowFileName,
  type ExportFlowInput,
  type FlowFile,
} from "@/lib/flow/inputs";
import type { MemberContext } from "@/server/services/workspaces/types";
import { findFlow, readStoredDocument } from "./flow-rules";
import { getFlowVersion } from "./get-flow-version";

/** The flow's draft, or one of its published versions, as a file flow.import reads back. */
export async function exportFlow(
  ctx: MemberContext,
  input: Omit<ExportFlowInput, "workspaceSlug">,
): Promise<{ fileName: string; content: FlowFile }> {
  const db = await getDb();
  const flow = await findFlow(db, ctx, input.flowId);
  const document =
    input.version === undefined
      ? readStoredDocument(flow.draft)
      : await getFlowVersion(ctx, flow.id, input.version, db);
  return {
    fileName: flowFileName(flow.name, input.version),
    content: {
      format: FLOW_FILE_FORMAT,
      formatVersion: FLOW_FILE_FORMAT_VERSION,
      name: flow.name,
      description: flow.description,
      document,
      exportedAt: new Date().toISOString(),
      ...(input.version === undefined ? {} : { sourceVersion: input.version }),
    },
  };
}
