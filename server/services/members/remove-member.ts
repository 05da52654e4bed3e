import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships } from "@/db/schema";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { MemberContext } from "@/server/services/workspaces/types";
import { assertMayManage, assertNotLastOwner, lockTargetMembership } from "./member-rules";

/** Removes a member; a member removing themself is leaving, which any role may do but the last owner. */
export async function removeMember(ctx: MemberContext, membershipId: string): Promise<{ left: boolean }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const target = await lockTargetMembership(tx, ctx, membershipId);
    const leaving = target.userId === ctx.user.id;
    if (!leaving) assertMayManage(ctx, target.role);
    if (target.role === "owner") await assertNotLastOwner(tx, ctx.workspace.id);
    await tx.delete(memberships).where(eq(memberships.id, target.id));
    await recordAudit(
      ctx.workspace,
      ctx.user,
      leaving ? "member.leave" : "member.remove",
      { type: "user", id: target.userId },
      { email: target.email, role: target.role },
      tx,
    );
    return { left: leaving };
  });
}
