import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, workspaces } from "@/db/schema";
import type { CreateWorkspaceInput } from "@/lib/auth/schemas";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { UserRef, WorkspaceRef } from "./types";

const slugTaken = () =>
  new AppError("CONFLICT", "That address is taken: choose another", { fields: { slug: ["slugTaken"] } });

/** Creates a workspace with its creator as the owner. */
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
