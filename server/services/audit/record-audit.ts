import "server-only";
import { getDb, type Executor } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import type { UserRef, WorkspaceRef } from "@/server/services/workspaces/types";

export interface AuditTarget {
  type: string;
  id: string;
}

/**
 * Appends one entry to the audit log. Pass `tx` to record it in the same transaction as the change
 * it describes, so the log never claims something that was rolled back.
 */
export async function recordAudit(
  workspace: Pick<WorkspaceRef, "id"> | null,
  actor: Pick<UserRef, "id" | "email"> | { id: null; email: string } | null,
  action: AuditAction,
  target?: AuditTarget | null,
  meta: Record<string, unknown> = {},
  tx?: Executor,
): Promise<void> {
  const db = tx ?? (await getDb());
  await db.insert(auditLog).values({
    workspaceId: workspace?.id ?? null,
    actorId: actor?.id ?? null,
    actorLabel: actor?.email ?? null,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    meta,
  });
}
