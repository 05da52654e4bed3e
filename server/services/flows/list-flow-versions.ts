import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { flowVersions, users } from "@/db/schema";
import type { MemberContext } from "@/server/services/workspaces/types";
import { findFlow, nodeCountOf, userDisplayName } from "./flow-rules";

export interface FlowVersionSummary {
  number: number;
  note: string;
  publishedAt: Date;
  publishedByName: string | null;
  nodeCount: number;
}

/** The published versions of a flow, newest first. */
export async function listFlowVersions(ctx: MemberContext, flowId: string): Promise<FlowVersionSummary[]> {
  const db = await getDb();
  const flow = await findFlow(db, ctx, flowId);
  return db
    .select({
      number: flowVersions.number,
      note: flowVersions.note,
      publishedAt: flowVersions.publishedAt,
      publishedByName: userDisplayName,
      nodeCount: nodeCountOf(flowVersions.document),
    })
    .from(flowVersions)
    .leftJoin(users, eq(users.id, flowVersions.publishedBy))
    .where(and(eq(flowVersions.flowId, flow.id), eq(flowVersions.workspaceId, ctx.workspace.id)))
    .orderBy(desc(flowVersions.number));
}
