import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import type { ListAuditInput } from "@/lib/auth/schemas";
import type { MemberContext } from "@/server/services/workspaces/types";

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
  const filters: SQL[] = [eq(auditLog.workspaceId, ctx.workspace.id)];
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
