import "server-only";
import { and, desc, eq, ilike, ne, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { flows, users, type FlowStatus } from "@/db/schema";
import type { ListFlowsInput } from "@/lib/flow/inputs";
import type { MemberContext } from "@/server/services/workspaces/types";
import { nodeCountOf, userDisplayName } from "./flow-rules";

export interface FlowListItem {
  id: string;
  name: string;
  description: string;
  status: FlowStatus;
  publishedVersion: number | null;
  revision: number;
  nodeCount: number;
  updatedAt: Date;
  updatedByName: string | null;
}

/** `%` and `_` typed in the search box are looked for literally. */
function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The workspace's flows, most recently changed first, filtered by status and by name or description. */
export async function listFlows(
  ctx: MemberContext,
  input: Omit<ListFlowsInput, "workspaceSlug">,
): Promise<{ items: FlowListItem[]; total: number }> {
  const db = await getDb();
  const filters: (SQL | undefined)[] = [
    eq(flows.workspaceId, ctx.workspace.id),
    input.status === "active" ? ne(flows.status, "archived") : eq(flows.status, input.status),
  ];
  if (input.search) {
    const pattern = containsPattern(input.search);
    filters.push(or(ilike(flows.name, pattern), ilike(flows.description, pattern)));
  }
  const where = and(...filters);
  const [count] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(flows)
    .where(where);
  const items = await db
    .select({
      id: flows.id,
      name: flows.name,
      description: flows.description,
      status: flows.status,
      publishedVersion: flows.publishedVersion,
      revision: flows.revision,
      nodeCount: nodeCountOf(flows.draft),
      updatedAt: flows.updatedAt,
      updatedByName: userDisplayName,
    })
    .from(flows)
    .leftJoin(users, eq(users.id, flows.updatedBy))
    .where(where)
    .orderBy(desc(flows.updatedAt), desc(flows.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  return { items, total: count?.total ?? 0 };
}
