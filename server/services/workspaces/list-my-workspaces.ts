import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, workspaces } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { WorkspaceRef } from "./types";

export async function listMyWorkspaces(userId: string): Promise<(WorkspaceRef & { role: Role })[]> {
  const db = await getDb();
  return db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name));
}
