import "server-only";
import { getDb } from "@/db/client";
import type { FlowStatus } from "@/db/schema";
import type { FlowDocument } from "@/lib/flow/schema";
import type { Finding } from "@/lib/flow/types";
import { listTemplates } from "@/server/services/templates/list-templates";
import type { MemberContext } from "@/server/services/workspaces/types";
import { findFlow, findingsOf, readStoredDocument } from "./flow-rules";

export interface FlowDetail {
  id: string;
  name: string;
  description: string;
  status: FlowStatus;
  draft: FlowDocument;
  revision: number;
  publishedVersion: number | null;
  runPolicy: "skip" | "restart" | "queue";
  priority: number;
  updatedAt: Date;
  updatedByName: string | null;
  /** The draft's findings against the workspace's templates, as publishing would see them. */
  findings: Finding[];
}

export async function getFlow(ctx: MemberContext, flowId: string): Promise<FlowDetail> {
  const db = await getDb();
  const [flow, templates] = await Promise.all([findFlow(db, ctx, flowId), listTemplates(ctx.workspace, db)]);
  const draft = readStoredDocument(flow.draft);
  return { ...flow, draft, findings: findingsOf(draft, templates) };
}
