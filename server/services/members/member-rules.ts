import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { memberships, users, workspaces } from "@/db/schema";
import { assignableRoles, hasRole, type Role } from "@/lib/auth/roles";
import { AppError } from "@/server/errors";
import type { MemberContext } from "@/server/services/workspaces/types";

/** Loads a membership of the caller's workspace, locked for the rest of the transaction. */
export async function lockTargetMembership(tx: Transaction, ctx: MemberContext, membershipId: string) {
  const [target] = await tx
    .select({ id: memberships.id, userId: memberships.userId, role: memberships.role, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.id, membershipId), eq(memberships.workspaceId, ctx.workspace.id)))
    .for("update", { of: memberships });
  if (!target) throw new AppError("NOT_FOUND", "No such member in this workspace");
  return target;
}

/** Only owners touch owners; admins manage admins, editors and viewers; nobody else manages anyone. */
export function assertMayManage(ctx: MemberContext, targetRole: Role, newRole?: Role): void {
  const allowed = assignableRoles(ctx.role);
  if (
    !hasRole(ctx.role, "admin") ||
    !allowed.includes(targetRole) ||
    (newRole && !allowed.includes(newRole))
  ) {
    throw new AppError("FORBIDDEN", "Your role does not allow this change");
  }
}

/** A workspace always keeps at least one owner. */
export async function assertNotLastOwner(tx: Transaction, workspaceId: string): Promise<void> {
  // Two owners demoting or removing each other at once would each still count the other and leave
  // none: holding the workspace row serialises these checks, so the later count sees the earlier commit.
  // ("no key update" does not block the foreign-key checks of inserts that reference the workspace.)
  await tx
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .for("no key update");
  const [row] = await tx
    .select({ owners: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")));
  if ((row?.owners ?? 0) <= 1) {
    throw new AppError(
      "PRECONDITION_FAILED",
      "A workspace needs at least one owner: make someone else owner first",
      {
        reason: "lastOwner",
      },
    );
  }
}
