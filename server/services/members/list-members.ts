import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, users } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { MemberContext } from "@/server/services/workspaces/types";

export interface MemberRow {
  membershipId: string;
  userId: string;
  name: string | null;
  email: string;
  role: Role;
  joinedAt: Date;
}

export async function listMembers(ctx: MemberContext): Promise<MemberRow[]> {
  const db = await getDb();
  return db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, ctx.workspace.id))
    .orderBy(asc(memberships.createdAt));
}
