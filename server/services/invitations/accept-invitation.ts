import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { invitations, memberships, workspaces } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import { hashToken } from "@/server/crypto";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { UserRef, WorkspaceRef } from "@/server/services/workspaces/types";

export type InvitationStatus = "pending" | "expired" | "accepted" | "revoked";

export interface InvitationPreview {
  workspaceName: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  expiresAt: Date;
}

async function findByToken(token: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name },
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, hashToken(token)))
    .limit(1);
  return row;
}

function statusOf(row: {
  acceptedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}): InvitationStatus {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt.getTime() <= Date.now()) return "expired";
  return "pending";
}

/** What the invite page shows to whoever holds the link. */
export async function previewInvitation(token: string): Promise<InvitationPreview> {
  const row = await findByToken(token);
  if (!row) throw new AppError("NOT_FOUND", "This invitation link is not valid");
  return {
    workspaceName: row.workspace.name,
    email: row.email,
    role: row.role,
    status: statusOf(row),
    expiresAt: row.expiresAt,
  };
}

/** Joins the signed-in user to the workspace, when the invitation is pending and was made for their email. */
export async function acceptInvitation(user: UserRef, token: string): Promise<WorkspaceRef> {
  const row = await findByToken(token);
  if (!row) throw new AppError("NOT_FOUND", "This invitation link is not valid");
  const status = statusOf(row);
  if (status === "expired")
    throw new AppError("GONE", "This invitation has expired: ask for a new one", { reason: "expired" });
  if (status === "revoked")
    throw new AppError("GONE", "This invitation was withdrawn", { reason: "revoked" });
  if (status === "accepted")
    throw new AppError("GONE", "This invitation was already used", { reason: "accepted" });
  if (row.email.toLowerCase() !== user.email.toLowerCase()) {
    throw new AppError(
      "FORBIDDEN",
      `This invitation is for ${row.email}: sign in with that address to accept it`,
      {
        reason: "otherEmail",
      },
    );
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: user.id })
      .where(and(eq(invitations.id, row.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (!claimed) throw new AppError("GONE", "This invitation was already used", { reason: "accepted" });
    const joined = await tx
      .insert(memberships)
      .values({ workspaceId: row.workspace.id, userId: user.id, role: row.role })
      .onConflictDoNothing()
      .returning({ id: memberships.id });
    if (joined.length > 0) {
      await recordAudit(
        row.workspace,
        user,
        "member.join",
        { type: "user", id: user.id },
        { role: row.role, via: "invitation" },
        tx,
      );
    }
    return row.workspace;
  });
}
