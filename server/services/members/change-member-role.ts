import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { MemberContext } from "@/server/services/workspaces/types";
import { assertMayManage, assertNotLastOwner, lockTargetMembership } from "./member-rules";

export async function changeMemberRole(ctx: MemberContext, membershipId: string, role: Role): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const target = await lockTargetMembership(tx, ctx, membershipId);
    assertMayManage(ctx, target.role, role);
    if (target.role === role) return;
    if (target.role === "owner") await assertNotLastOwner(tx, ctx.workspace.id);
    await tx.update(memberships).set({ role }).where(eq(memberships.id, target.id));
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "member.role_change",
      { type: "user", id: target.userId },
      { email: target.email, from: target.role, to: role },
      tx,
    );
  });
}
