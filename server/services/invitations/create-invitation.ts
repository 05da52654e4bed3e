import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { invitations, memberships, users } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import { newToken } from "@/server/crypto";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import { assertMayManage } from "@/server/services/members/member-rules";
import { sendMail } from "@/server/services/mail/send-mail";
import type { MemberContext } from "@/server/services/workspaces/types";

export const INVITATION_TTL_DAYS = 7;

export interface CreatedInvitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  /** The accept link. Shown to the inviter once; only its hash is stored. */
  link: string;
  mailed: boolean;
}

/** Invites an email with a role. Inviting the same email again replaces the pending invitation. */
export async function createInvitation(
  ctx: MemberContext,
  email: string,
  role: Role,
): Promise<CreatedInvitation> {
  assertMayManage(ctx, role);
  const db = await getDb();
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600 * 1000);

  const invitation = await db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, ctx.workspace.id), sql`lower(${users.email}) = ${email}`));
    if (member) {
      throw new AppError("CONFLICT", "This person is already a member", {
        fields: { email: ["alreadyMember"] },
      });
    }
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.workspaceId, ctx.workspace.id),
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const [row] = await tx
      .insert(invitations)
      .values({
        workspaceId: ctx.workspace.id,
        email,
        role,
        tokenHash: hash,
        invitedBy: ctx.user.id,
        expiresAt,
      })
      .returning({ id: invitations.id });
    if (!row) throw new AppError("INTERNAL", "Could not store the invitation");
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "member.invite",
      { type: "invitation", id: row.id },
      { email, role },
      tx,
    );
    return row;
  });

  const link = new URL(`/invite/${token}`, env().APP_URL).toString();
  const { delivered } = await sendMail({
    to: email,
    subject: `${ctx.user.name ?? ctx.user.email} invited you to ${ctx.workspace.name} on Raqi`,
    text: `You have been invited to join ${ctx.workspace.name} as ${role}.\n\nAccept: ${link}\n\nThe link expires in ${INVITATION_TTL_DAYS} days.`,
  });
  return { id: invitation.id, email, role, expiresAt, link, mailed: delivered };
}
