import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { invitations } from "@/db/schema";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { MemberContext } from "@/server/services/workspaces/types";

export async function revokeInvitation(ctx: MemberContext, invitationId: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.workspaceId, ctx.workspace.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id, email: invitations.email });
    if (!row) throw new AppError("NOT_FOUND", "No such pending invitation in this workspace");
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "member.invite_revoke",
      { type: "invitation", id: row.id },
      { email: row.email },
      tx,
    );
  });
}
