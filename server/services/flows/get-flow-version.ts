import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { flowVersions } from "@/db/schema";
import type { FlowDocument } from "@/lib/flow/schema";
import { AppError } from "@/server/errors";
import type { MemberContext } from "@/server/services/workspaces/types";
import { readStoredDocument } from "./flow-rules";

/** The document of one published version of a flow of the caller's workspace. */
export async function getFlowVersion(
  ctx: MemberContext,
  flowId: string,
  number: number,
  tx?: Executor,
): Promise<FlowDocument> {
  const db = tx ?? (await getDb());
  const [version] = await db
    .select({ document: flowVersions.document })
    .from(flowVersions)
    .where(
      and(
        eq(flowVersions.flowId, flowId),
        eq(flowVersions.workspaceId, ctx.workspace.id),
        eq(flowVersions.number, number),
      ),
    );
  if (!version) throw new AppError("NOT_FOUND", "No such version of this flow");
  return readStoredDocument(version.document);
}
