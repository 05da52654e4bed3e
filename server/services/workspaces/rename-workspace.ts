import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { workspaces } from "@/db/schema";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { MemberContext, WorkspaceRef } from "./types";

export async function renameWorkspace(ctx: MemberContext, name: string): Promise<WorkspaceRef> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.update(workspaces).set({ name }).where(eq(workspaces.id, ctx.workspace.id));
    await recordAudit(
      ctx.workspace,
      ctx.user,
      "workspace.rename",
      { type: "workspace", id: ctx.workspace.id },
      { from: ctx.workspace.name, to: name },
      tx,
    );
    return { ...ctx.workspace, name };
  });
}
