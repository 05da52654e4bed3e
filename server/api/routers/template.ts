import { workspaceScope } from "@/lib/auth/schemas";
import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { listTemplates } from "@/server/services/templates/list-templates";

export const templateRouter = createTRPCRouter({
  list: workspaceProcedure("viewer")
    .input(workspaceScope)
    .query(({ ctx }) => listTemplates(ctx.member.workspace)),
});
