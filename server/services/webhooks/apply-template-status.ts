import "server-only";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { templates } from "@/db/schema";
import { TEMPLATE_STATUSES, type TemplateStatus } from "@/lib/whatsapp/template";
import { logger } from "@/server/logger";

/** A `message_template_status_update`. */
export interface TemplateStatusChange {
  event: string;
  templateId: string;
  name: string;
  language: string;
  reason?: string;
}

/** Meta's events that are not a status name themselves. */
const EVENT_STATUS: Record<string, TemplateStatus> = {
  REINSTATED: "APPROVED",
  PENDING_DELETION: "PENDING_DELETION",
};

function statusOfEvent(event: string): TemplateStatus | null {
  const upper = event.toUpperCase();
  return (TEMPLATE_STATUSES as readonly string[]).includes(upper)
    ? (upper as TemplateStatus)
    : (EVENT_STATUS[upper] ?? null);
}

/**
 * Mirrors a template status change into the workspace's templates: matched by Meta's template id,
 * else by name and language (a template submitted before its id was stored). Returns rows changed.
 */
export async function applyTemplateStatus(
  tx: Executor,
  workspaceId: string,
  change: TemplateStatusChange,
): Promise<number> {
  const status = statusOfEvent(change.event);
  if (!status) {
    logger.info(
      { event: change.event, template: change.name },
      "template event that changes no status; skipped",
    );
    return 0;
  }
  // Meta sends reason "NONE" on approvals; a reason only means something on a refusal or a pause.
  const reason = change.reason && change.reason.toUpperCase() !== "NONE" ? change.reason : null;
  const rejectedReason = status === "APPROVED" || status === "PENDING" ? null : reason;
  const changes = or(
    sql`${templates.status} is distinct from ${status}`,
    sql`${templates.rejectedReason} is distinct from ${rejectedReason}`,
  );
  const byId = await tx
    .update(templates)
    .set({ status, rejectedReason, updatedAt: sql`now()` })
    .where(
      and(eq(templates.workspaceId, workspaceId), eq(templates.metaTemplateId, change.templateId), changes),
    )
    .returning({ id: templates.id });
  if (byId.length > 0) return byId.length;
  const [known] = await tx
    .select({ id: templates.id })
    .from(templates)
    .where(and(eq(templates.workspaceId, workspaceId), eq(templates.metaTemplateId, change.templateId)))
    .limit(1);
  if (known) return 0;
  const byName = await tx
    .update(templates)
    .set({ status, rejectedReason, metaTemplateId: change.templateId, updatedAt: sql`now()` })
    .where(
      and(
        eq(templates.workspaceId, workspaceId),
        eq(templates.name, change.name),
        eq(templates.language, change.language),
        or(isNull(templates.metaTemplateId), eq(templates.metaTemplateId, change.templateId)),
      ),
    )
    .returning({ id: templates.id });
  return byName.length;
}
