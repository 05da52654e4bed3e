import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, workspaces } from "@/db/schema";
import type { MemberContext, UserRef } from "./types";

/**
 * The user's membership in the workspace with this slug, or null when there is none. Callers answer
 * NOT_FOUND for null, so a non-member cannot tell a workspace that exists from one that does not.
 */
export async function resolveMember(user: UserRef, workspaceSlug: string): Promise<MemberContext | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      id: workspaces.id,
      slug: workspaces.slug,
      name: workspaces.name,
      role: memberships.role,
      membershipId: memberships.id,
    })
    .from(workspaces)
    .innerJoin(memberships, and(eq(memberships.workspaceId, workspaces.id), eq(memberships.userId, user.id)))
    .where(eq(workspaces.slug, workspaceSlug.toLowerCase()))
    .limit(1);
  if (!row) return null;
  return {
    workspace: { id: row.id, slug: row.slug, name: row.name },
    user,
    role: row.role,
    membershipId: row.membershipId,
  };
}
