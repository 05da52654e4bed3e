import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { templates } from "@/db/schema";
import type { TemplateSummary } from "@/lib/whatsapp/template";
import type { WorkspaceRef } from "@/server/services/workspaces/types";

/** A template of the workspace: what the canvas panel offers and what flow validation checks against. */
export interface WorkspaceTemplate extends TemplateSummary {
  id: string;
}

/** Every template of the workspace, whatever its status (the validator reports unapproved ones). */
export async function listTemplates(
  workspace: Pick<WorkspaceRef, "id">,
  tx?: Executor,
): Promise<WorkspaceTemplate[]> {
  const db = tx ?? (await getDb());
  return db
    .select({
      id: templates.id,
      name: templates.name,
      language: templates.language,
      status: templates.status,
      category: templates.category,
      parameterFormat: templates.parameterFormat,
      components: templates.components,
    })
    .from(templates)
    .where(eq(templates.workspaceId, workspace.id))
    .orderBy(asc(templates.name), asc(templates.language));
}
