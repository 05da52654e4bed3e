import { createWorkspaceInput, renameWorkspaceInput, workspaceScope } from "@/lib/auth/schemas";
import { createTRPCRouter, protectedProcedure, workspaceProcedure } from "@/server/api/trpc";
import { createWorkspace } from "@/server/services/workspaces/create-workspace";
import { listMyWorkspaces } from "@/server/services/workspaces/list-my-workspaces";
import { renameWorkspace } from "@/server/services/workspaces/rename-workspace";

export const workspaceRouter = createTRPCRouter({
  mine: protectedProcedure.query(({ ctx }) => listMyWorkspaces(ctx.user.id)),
  create: protectedProcedure
    .input(createWorkspaceInput)
    .mutation(({ ctx, input }) => createWorkspace(ctx.user, input)),
  current: workspaceProcedure("viewer")
    .input(workspaceScope)
    .query(({ ctx }) => ({
      ...ctx.member.workspace,
      role: ctx.member.role,
      membershipId: ctx.member.membershipId,
    })),
  rename: workspaceProcedure("admin")
    .input(renameWorkspaceInput)
    .mutation(({ ctx, input }) => renameWorkspace(ctx.member, input.name)),
});
