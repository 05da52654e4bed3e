import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { optOutSettings } from "@/db/schema";
import {
  DEFAULT_OPT_IN_KEYWORDS,
  DEFAULT_OPT_OUT_KEYWORDS,
  type OptOutSettings,
} from "@/lib/whatsapp/opt-out";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { MemberContext } from "@/server/services/workspaces/types";

/** The workspace's opt-out and opt-in words; the defaults (English and Arabic) until an admin edits them. */
export async function getOptOutSettings(
  workspaceId: string,
  tx?: Executor,
): Promise<OptOutSettings & { customised: boolean }> {
  const db = tx ?? (await getDb());
  const [row] = await db
    .select()
    .from(optOutSettings)
    .where(eq(optOutSettings.workspaceId, workspaceId))
    .limit(1);
  if (!row) {
    return {
      optOutKeywords: [...DEFAULT_OPT_OUT_KEYWORDS],
      optInKeywords: [...DEFAULT_OPT_IN_KEYWORDS],
      customised: false,
    };
  }
  return { optOutKeywords: row.optOutKeywords, optInKeywords: row.optInKeywords, customised: true };
}

export async function updateOptOutSettings(ctx: MemberContext, input: OptOutSettings) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .insert(optOutSettings)
      .values({ workspaceId: ctx.workspace.id, ...input, updatedBy: ctx.user.id })
      .onConflictDoUpdate({
        target: optOutSettings.workspaceId,
        set: { ...input, updatedBy: ctx.user.id, updatedAt: sql`now()` },
      });
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "opt_out.settings_update",
      null,
      { optOutKeywords: input.optOutKeywords.length, optInKeywords: input.optInKeywords.length },
      tx,
    );
  });
  return getOptOutSettings(ctx.workspace.id);
}

/** Back to the defaults. */
export async function resetOptOutSettings(ctx: MemberContext) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(optOutSettings).where(eq(optOutSettings.workspaceId, ctx.workspace.id));
    await recordAudit(ctx.workspace, ctx.user, "opt_out.settings_update", null, { reset: true }, tx);
  });
  return getOptOutSettings(ctx.workspace.id);
}
