import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { invitations } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { MemberContext } from "@/server/services/workspaces/types";

export interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  expired: boolean;
  createdAt: Date;
}

/** Invitations not yet accepted or revoked, newest first; expired ones are flagged so they can be re-sent. */
export async function listInvitations(ctx: MemberContext): Promise<InvitationRow[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, ctx.workspace.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .orderBy(desc(invitations.createdAt))
    .limit(200);
  const now = Date.now();
  return rows.map((r) => ({ ...r, expired: r.expiresAt.getTime() <= now }));
}
