import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, templates, workspaces } from "@/db/schema";
import type { CreateWorkspaceInput } from "@/lib/auth/schemas";
import { SAMPLE_TEMPLATES } from "@/lib/flow/starters";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { UserRef, WorkspaceRef } from "./types";

const slugTaken = () =>
  new AppError("CONFLICT", "That address is taken: choose another", { fields: { slug: ["slugTaken"] } });

/**
 * Creates a workspace with its creator as the owner and, with SEED_SAMPLE_TEMPLATES (on outside
 * production), the approved sample templates the starter flows send, so they can be tried at once.
 */
export async function createWorkspace(user: UserRef, input: CreateWorkspaceInput): Promise<WorkspaceRef> {
  const db = await getDb();
  const [existing] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.slug, input.slug));
  if (existing) throw slugTaken();
  return db.transaction(async (tx) => {
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: input.name, slug: input.slug, createdBy: user.id })
      .onConflictDoNothing({ target: workspaces.slug })
      .returning({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name });
    if (!workspace) throw slugTaken();
    await tx.insert(memberships).values({ workspaceId: workspace.id, userId: user.id, role: "owner" });
    if (env().SEED_SAMPLE_TEMPLATES && SAMPLE_TEMPLATES.length > 0) {
      await tx
        .insert(templates)
        .values(
          SAMPLE_TEMPLATES.map((t) => ({
            workspaceId: workspace.id,
            name: t.name,
            language: t.language,
            category: t.category,
            status: t.status,
            parameterFormat: t.parameterFormat,
            components: t.components,
          })),
        )
        .onConflictDoNothing();
    }
    await recordAudit(
      workspace,
      user,
      "workspace.create",
      { type: "workspace", id: workspace.id },
      { name: input.name },
      tx,
    );
    return workspace;
  });
}
