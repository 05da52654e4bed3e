import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { optOutSettings } from "@/db/schema";
import { DEFAULT_OPT_OUT_SETTINGS, type OptOutSettings } from "@/lib/whatsapp/opt-out";

/** The workspace's opt-out and opt-in words; the defaults when it never changed them. */
export async function loadOptOutSettings(tx: Executor, workspaceId: string): Promise<OptOutSettings> {
  const [row] = await tx
    .select({ optOutKeywords: optOutSettings.optOutKeywords, optInKeywords: optOutSettings.optInKeywords })
    .from(optOutSettings)
    .where(eq(optOutSettings.workspaceId, workspaceId))
    .limit(1);
  return row ?? DEFAULT_OPT_OUT_SETTINGS;
}
