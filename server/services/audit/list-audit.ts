import "server-only";
import { and, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, memberships, users } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import type { ListAuditInput } from "@/lib/auth/schemas";
import type { MemberContext } from "@/server/services/workspaces/types";

const ACCOUNT_ACTIVITY: AuditAction[] = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_throttled",
  "auth.sign_out",
];

export interface AuditEntry {
  id: number;
  action: string;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  targetType: string | null;
  targetId: string | null;
  meta: Record<string, unknown>;
  createdAt: Date;
}

export async function listAudit(
  ctx: MemberContext,
  input: Omit<ListAuditInput, "workspaceSlug">,
): Promise<{ entries: AuditEntry[]; total: number; page: number; pageSize: number }> {
  const db = await getDb();
  // The workspace's own entries, plus the account activity (sign-ins, sign-outs, failed attempts) of
  // its current members, so admins can see who signs in to their team's accounts.
  const members = db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(eq(memberships.workspaceId, ctx.workspace.id));
  const scope = or(
    eq(auditLog.workspaceId, ctx.workspace.id),
    and(
      isNull(auditLog.workspaceId),
      inArray(auditLog.action, ACCOUNT_ACTIVITY),
      inArray(auditLog.actorId, members),
    ),
  );
  const filters: SQL[] = scope ? [scope] : [];
  if (input.action) filters.push(eq(auditLog.action, input.action));
  if (input.actorId) filters.push(eq(auditLog.actorId, input.actorId));
  const where = and(...filters);
  const [count] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(where);
  const entries = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorId: auditLog.actorId,
      actorName: users.name,
      actorEmail: sql<string | null>`coalesce(${users.email}, ${auditLog.actorLabel})`,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      meta: auditLog.meta,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  return { entries, total: count?.total ?? 0, page: input.page, pageSize: input.pageSize };
}
